import { Flex, Input, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { localized } from "../shell/localized";
import { CUSTOMER_FIELDS, type FieldOption } from "./model/guards";
import type { Localized, Recipient } from "./model/types";
import { RECIPIENTS, recipientOf, recipientValue } from "./model/recipients";

/** A text in both languages side by side; a missing translation is flagged. */
export function LocalizedInput({ label, value, onChange, multiline = false }: { label: string; value: Localized | undefined; onChange: (next: Localized | undefined) => void; multiline?: boolean }) {
  const { t } = useTranslation("designer");
  const set = (language: "zh-CN" | "en", text: string) => {
    const next = { "zh-CN": value?.["zh-CN"] ?? "", en: value?.en ?? "", [language]: text };
    onChange(next["zh-CN"] || next.en ? next : undefined);
  };
  const Field = multiline ? Input.TextArea : Input;
  return (
    <fieldset className="designer-fieldset">
      <legend>{label}</legend>
      <Flex gap={8} wrap>
        {(["zh-CN", "en"] as const).map((language) => (
          <label key={language} className="designer-localized">
            <Typography.Text type="secondary">{language === "zh-CN" ? "中文" : "English"}</Typography.Text>
            <Field aria-label={`${label} (${language})`} value={value?.[language] ?? ""} status={value && !value[language] ? "warning" : undefined} onChange={(event) => set(language, event.target.value)} />
            {value && !value[language] && <Typography.Text type="warning">{t("panel.missingTranslation")}</Typography.Text>}
          </label>
        ))}
      </Flex>
    </fieldset>
  );
}

export function RecipientSelect({ label, value, onChange }: { label: string; value: Recipient | undefined; onChange: (next: Recipient) => void }) {
  const { t } = useTranslation("designer");
  return (
    <Select
      aria-label={label}
      value={recipientValue(value)}
      style={{ minWidth: 180 }}
      options={RECIPIENTS.map((r) => ({ value: r, label: t(`recipient.${r.replace(":", "_")}`) }))}
      onChange={(next: string) => onChange(recipientOf(next))}
    />
  );
}

/** A typed value from the picker's text: numbers and true/false as such, lists by comma. */
export function valueOf(text: string, op: string): unknown {
  const one = (part: string): unknown => {
    const trimmed = part.trim();
    if (trimmed === "true" || trimmed === "false") return trimmed === "true";
    return trimmed !== "" && !Number.isNaN(Number(trimmed)) ? Number(trimmed) : trimmed;
  };
  return op === "in" ? text.split(",").map(one) : one(text);
}

function textOf(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

/** The fields a guard or a sample can name, grouped: the form's answers, then the customer's. */
export function fieldGroups(fields: FieldOption[], t: TFunction<"designer">) {
  return [
    { label: t("guard.answers"), options: fields.map((f) => ({ value: f.path, label: `${localized(f.title, f.path)} (${f.path.slice(8)})` })) },
    { label: t("guard.customer"), options: CUSTOMER_FIELDS.map((path) => ({ value: path, label: t(`guard.field.${path.split(".")[1]}`) })) },
  ];
}

/**
 * A value for a field: its choices from a select (several for "in"), yes or no for a
 * yes/no question, else typed text (numbers and true/false as such, lists by comma).
 */
export function ValueInput({ label, field, op, value, onChange }: { label: string; field: FieldOption | undefined; op: string; value: unknown; onChange: (next: unknown) => void }) {
  const { t } = useTranslation("designer");
  const choices = field?.options ?? (field?.type === "boolean" ? [{ value: true, title: t("guard.yes") }, { value: false, title: t("guard.no") }] : null);
  if (choices) {
    const options = choices.map((c) => ({ value: JSON.stringify(c.value), label: localized(c.title, String(c.value)) }));
    const many = op === "in";
    const current = many ? (Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value]).map((v) => JSON.stringify(v)) : value === undefined || value === "" ? undefined : JSON.stringify(value);
    return (
      <Select
        aria-label={label}
        mode={many ? "multiple" : undefined}
        style={{ minWidth: 140 }}
        value={current}
        options={options}
        onChange={(next: string | string[]) => onChange(Array.isArray(next) ? next.map((v) => JSON.parse(v) as unknown) : (JSON.parse(next) as unknown))}
      />
    );
  }
  return <Input aria-label={label} style={{ width: 140 }} value={textOf(value)} onChange={(e) => onChange(valueOf(e.target.value, op))} />;
}

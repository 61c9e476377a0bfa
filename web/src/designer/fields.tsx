import { Flex, Input, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
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

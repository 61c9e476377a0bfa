import { AutoComplete, Form, InputNumber, Select, Space } from "antd";
import { useTranslation } from "react-i18next";
import { crossCheckOf, withCrossCheck, type CrossCheck, type FieldInfo } from "./model";
import { labelOf } from "./labels";
import type { Builder } from "./useBuilder";

const SEVERITIES = ["low", "medium", "high", "critical"];
// Where customer data sits in the rule context (the server checks the path on save).
const SUGGESTIONS = ["customer.crm.attributes.", "customer.attributes.", "customer.credit.", "customer.risk."];

/** Compare this answer with the customer's data (register or CRM); a difference raises a finding. */
export function CrossCheckEditor({ builder, info }: { builder: Builder; info: FieldInfo }) {
  const { t } = useTranslation("builder");
  const answer = info.keys.join(".");
  const current = crossCheckOf(builder.doc.definition, answer);
  const write = (check: CrossCheck | null) => builder.apply((d) => ({ ...d, definition: withCrossCheck(d.definition, answer, check) }));
  const base = (): CrossCheck =>
    current ?? {
      against: "",
      percent: null,
      severity: "medium",
      title: { "zh-CN": t("cross.titleFor", { lng: "zh-CN", field: labelOf(info.schema, "zh-CN", info.node.key) }), en: t("cross.titleFor", { lng: "en", field: labelOf(info.schema, "en", info.node.key) }) },
    };
  return (
    <Form.Item label={t("cross.title")} extra={t("cross.help")}>
      <Space wrap>
        <AutoComplete
          key={`cross-${answer}-${current?.against ?? ""}`}
          className="builder-pick-wide"
          aria-label={t("cross.against")}
          placeholder={t("cross.against")}
          defaultValue={current?.against ?? ""}
          options={SUGGESTIONS.map((value) => ({ value }))}
          onBlur={(e) => {
            const value = (e.target as HTMLInputElement).value.trim();
            if (value === (current?.against ?? "")) return;
            write(value ? { ...base(), against: value } : null);
          }}
        />
        <InputNumber aria-label={t("cross.percent")} placeholder={t("cross.percent")} min={0} max={100} suffix="%" disabled={!current} value={current?.percent ?? null} onChange={(v) => current && write({ ...current, percent: v ?? null })} />
        <Select aria-label={t("cross.severity")} className="builder-pick" disabled={!current} value={current?.severity ?? "medium"} onChange={(v: string) => current && write({ ...current, severity: v })} options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
      </Space>
    </Form.Item>
  );
}

import { Flex, Input, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { WorkflowDefinition } from "./model/types";
import { LocalizedInput } from "./fields";

const SUBJECTS = ["submission", "customer", "inspection", "finding"] as const;

/** The workflow as a whole (nothing selected): key, titles, subject, the forms that start it. */
export function WorkflowPanel({ definition, isNew, forms, onChange }: { definition: WorkflowDefinition; isNew: boolean; forms: { key: string; title: string }[]; onChange: (patch: Partial<WorkflowDefinition>) => void }) {
  const { t } = useTranslation("designer");
  return (
    <Flex vertical gap={12} className="designer-panel" aria-label={t("panel.workflow")}>
      <Typography.Title level={2} className="designer-panel-title">
        {t("panel.workflow")}
      </Typography.Title>
      <label className="designer-row">
        <span>{t("panel.key")}</span>
        <Input aria-label={t("panel.key")} value={definition.key} disabled={!isNew} onChange={(e) => onChange({ key: e.target.value })} />
      </label>
      <LocalizedInput label={t("panel.title")} value={definition.title} onChange={(title) => title && onChange({ title })} />
      <LocalizedInput label={t("panel.description")} multiline value={definition.description} onChange={(description) => onChange({ description })} />
      <label className="designer-row">
        <span>{t("panel.subject")}</span>
        <Select aria-label={t("panel.subject")} value={definition.subject} options={SUBJECTS.map((s) => ({ value: s, label: t(`subject.${s}`) }))} onChange={(subject: WorkflowDefinition["subject"]) => onChange({ subject })} />
      </label>
      <label className="designer-row">
        <span>{t("panel.startsFor")}</span>
        <Select
          aria-label={t("panel.startsFor")}
          mode="multiple"
          value={definition.startsFor?.formKeys ?? []}
          options={forms.map((f) => ({ value: f.key, label: f.title }))}
          onChange={(formKeys: string[]) => {
            const rest = { ...definition.startsFor, formKeys: formKeys.length ? formKeys : undefined };
            const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
            onChange({ startsFor: Object.keys(clean).length ? clean : undefined });
          }}
        />
      </label>
      <Typography.Text type="secondary">{t("panel.hint")}</Typography.Text>
      <Typography.Text type="secondary">{t("panel.keys")}</Typography.Text>
    </Flex>
  );
}

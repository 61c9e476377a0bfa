import { Alert, Button, Card, Flex, Input, InputNumber, List, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { CustomerTier, InspectionAssignmentRule } from "../api/graphql";
import { CreatePlanDocument, PlanChoicesDocument, PreviewDocument, UpdatePlanDocument } from "./api";
import { planInput, recurrencesOf, TIERS, type PlanValues } from "./planForm";
import { FREQUENCIES, type Frequency } from "./recurrence";

const ASSIGNMENTS: InspectionAssignmentRule[] = ["ACCOUNT_AUDITOR", "ROUND_ROBIN"];

/** Create or change an inspection plan, with the next dates per tier as the server computes them. */
export function PlanEditor({ open, initial, planId, lockVersion, onClose, onSaved }: { open: boolean; initial: PlanValues; planId: string | null; lockVersion: number | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation("plans");
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const [choices] = useQuery({ query: PlanChoicesDocument });
  const [preview] = useQuery({ query: PreviewDocument, variables: { input: { recurrences: recurrencesOf(values), startsOn: values.startsOn, leadDays: values.leadDays, count: 4 } }, pause: !values.tiers.length || !values.startsOn });
  const [, create] = useMutation(CreatePlanDocument);
  const [, update] = useMutation(UpdatePlanDocument);
  const set = (patch: Partial<PlanValues>) => setValues((v) => ({ ...v, ...patch }));
  const forms = (choices.data?.forms.nodes ?? []).filter((f) => f.latestVersion);
  const workflows = (choices.data?.workflowDefinitions ?? []).filter((w) => w.latestVersion);
  const save = async () => {
    const input = planInput(values);
    const result = planId ? (await update({ input: { planId, plan: input, expectedLockVersion: lockVersion } })).data?.updateInspectionPlan : (await create({ input: { plan: input } })).data?.createInspectionPlan;
    if (result?.__typename === "InspectionPlanSaved") onSaved();
    else if (result?.__typename === "ValidationFailed") setErrors(result.errors.map((e) => e.message));
    else setErrors([result && "message" in result ? String(result.message) : t("failed")]);
  };
  const shown = preview.data?.previewInspectionPlan;
  return (
    <Card
      className="plans-editor"
      hidden={!open}
      title={planId ? t("editor.edit") : t("editor.new")}
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t("editor.cancel")}</Button>
          <Button type="primary" onClick={() => void save()}>{t("editor.save")}</Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {errors.length > 0 && <Alert type="error" showIcon title={errors.join(" · ")} />}
        <label className="plans-row"><span>{t("editor.nameZh")}</span><Input aria-label={t("editor.nameZh")} value={values.nameZh} onChange={(e) => set({ nameZh: e.target.value })} /></label>
        <label className="plans-row"><span>{t("editor.nameEn")}</span><Input aria-label={t("editor.nameEn")} value={values.nameEn} onChange={(e) => set({ nameEn: e.target.value })} /></label>
        <label className="plans-row"><span>{t("editor.form")}</span><Select aria-label={t("editor.form")} showSearch value={values.formKey || undefined} options={forms.map((f) => ({ value: f.key, label: `${f.title} (${f.key})` }))} onChange={(formKey: string) => set({ formKey })} /></label>
        <label className="plans-row"><span>{t("editor.workflow")}</span><Select aria-label={t("editor.workflow")} showSearch value={values.workflowKey || undefined} options={workflows.map((w) => ({ value: w.key, label: `${w.title} (${w.key})` }))} onChange={(workflowKey: string) => set({ workflowKey })} /></label>
        <label className="plans-row"><span>{t("editor.tiers")}</span><Select aria-label={t("editor.tiers")} mode="multiple" value={values.tiers} options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))} onChange={(tiers: CustomerTier[]) => set({ tiers })} /></label>
        {values.tiers.map((tier) => {
          const current = values.recurrence[tier] ?? { frequency: "MONTHLY" as Frequency, interval: 1 };
          return (
            <Flex key={tier} gap={8} align="center" wrap>
              <span className="plans-tier">{t(`tier.${tier}`)}</span>
              <span>{t("editor.every")}</span>
              <InputNumber aria-label={t("editor.interval", { tier: t(`tier.${tier}`) })} min={1} max={52} value={current.interval} onChange={(interval) => interval && set({ recurrence: { ...values.recurrence, [tier]: { ...current, interval } } })} />
              <Select aria-label={t("editor.frequency", { tier: t(`tier.${tier}`) })} value={current.frequency} style={{ width: 120 }} options={FREQUENCIES.map((f) => ({ value: f, label: t(`frequency.${f}`) }))} onChange={(frequency: Frequency) => set({ recurrence: { ...values.recurrence, [tier]: { ...current, frequency } } })} />
            </Flex>
          );
        })}
        <Flex gap={12} wrap>
          <label className="plans-row"><span>{t("editor.startsOn")}</span><Input type="date" aria-label={t("editor.startsOn")} value={values.startsOn} onChange={(e) => set({ startsOn: e.target.value })} /></label>
          <label className="plans-row"><span>{t("editor.leadDays")}</span><InputNumber aria-label={t("editor.leadDays")} min={0} max={365} value={values.leadDays} onChange={(leadDays) => leadDays !== null && set({ leadDays })} /></label>
          <label className="plans-row"><span>{t("editor.assignment")}</span><Select aria-label={t("editor.assignment")} value={values.assignment} style={{ width: 180 }} options={ASSIGNMENTS.map((a) => ({ value: a, label: t(`assignment.${a}`) }))} onChange={(assignment: InspectionAssignmentRule) => set({ assignment })} /></label>
        </Flex>
        <Typography.Title level={3} className="plans-preview-title">{t("preview.title")}</Typography.Title>
        {shown?.__typename === "ValidationFailed" && <Alert type="warning" showIcon title={shown.errors.map((e) => e.message).join(" · ")} />}
        {shown?.__typename === "InspectionPlanPreview" &&
          shown.tiers.map((tier) => (
            <List
              key={tier.tier ?? "all"}
              size="small"
              className="plans-preview"
              header={<Typography.Text strong>{tier.tier ? t(`tier.${tier.tier}`) : t("tier.all")}</Typography.Text>}
              dataSource={tier.occurrences}
              renderItem={(o) => (
                <List.Item>
                  <span>{t("preview.due", { date: o.dueOn })}</span>
                  <Typography.Text type="secondary">{t("preview.opens", { date: o.opensOn })}</Typography.Text>
                  {o.shifted && <Tag className="tag-info">{t("preview.shifted")}</Tag>}
                </List.Item>
              )}
            />
          ))}
      </Flex>
    </Card>
  );
}

import { Alert, Button, Card, Flex, Input, InputNumber, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { CustomerTier, InspectionAssignmentRule } from "../api/graphql";
import { CreatePlanDocument, PlanChoicesDocument, PreviewDocument, UpdatePlanDocument } from "./api";
import { planInput, recurrencesOf, TIERS, type PlanValues } from "./planForm";
import type { Frequency } from "./recurrence";
import { RecurrencePicker } from "./RecurrencePicker";
import { DatesPreview } from "./DatesPreview";

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
              <RecurrencePicker value={current} intervalLabel={t("editor.interval", { tier: t(`tier.${tier}`) })} unitLabel={t("editor.frequency", { tier: t(`tier.${tier}`) })} onChange={(next) => set({ recurrence: { ...values.recurrence, [tier]: next } })} />
            </Flex>
          );
        })}
        <Flex gap={12} wrap>
          <label className="plans-row"><span>{t("editor.startsOn")}</span><Input type="date" aria-label={t("editor.startsOn")} value={values.startsOn} onChange={(e) => set({ startsOn: e.target.value })} /></label>
          <label className="plans-row"><span>{t("editor.leadDays")}</span><InputNumber aria-label={t("editor.leadDays")} min={0} max={365} value={values.leadDays} onChange={(leadDays) => leadDays !== null && set({ leadDays })} /></label>
          <label className="plans-row"><span>{t("editor.assignment")}</span><Select aria-label={t("editor.assignment")} value={values.assignment} style={{ width: 180 }} options={ASSIGNMENTS.map((a) => ({ value: a, label: t(`assignment.${a}`) }))} onChange={(assignment: InspectionAssignmentRule) => set({ assignment })} /></label>
        </Flex>
        <DatesPreview preview={preview.data?.previewInspectionPlan} />
      </Flex>
    </Card>
  );
}

import { Alert, Button, Card, Flex, Input, InputNumber, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import type { CommunicationChannel, CustomerTier } from "../api/graphql";
import { useDebounced } from "../designer/useDraft";
import { PlanOwnersDocument, PreviewDocument, SaveCommunicationPlanDocument } from "./api";
import { CHANNELS, communicationInput, MAX_LEAD_DAYS, previewInput, type CommunicationValues } from "./communicationForm";
import { TIERS } from "./planForm";
import { RecurrencePicker } from "./RecurrencePicker";
import { DatesPreview } from "./DatesPreview";

const STAFF = new Set(["ADMIN", "MANAGER", "AUDITOR"]);

/** Create or change a communication plan for the customers its tiers, regions and tags target. */
export function CommunicationEditor({ initial, planId, onClose, onSaved }: { initial: CommunicationValues; planId: string | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation("plans");
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<string[]>([]);
  const [owners] = useQuery({ query: PlanOwnersDocument });
  const settled = useDebounced(values, 300);
  const [preview] = useQuery({ query: PreviewDocument, variables: { input: previewInput(settled) }, pause: !settled.startsOn });
  const [saving, save] = useMutation(SaveCommunicationPlanDocument);
  const set = (patch: Partial<CommunicationValues>) => setValues((v) => ({ ...v, ...patch }));
  const people = (owners.data?.users.edges ?? []).map((e) => e.node).filter((u) => STAFF.has(u.role));
  const onSave = async () => {
    const result = (await save({ input: communicationInput(values, planId) })).data?.saveCommunicationPlan;
    if (result?.__typename === "CommunicationPlanSaved") onSaved();
    else if (result?.__typename === "ValidationFailed") setErrors(result.errors.map((e) => e.message));
    else setErrors([result && "message" in result ? String(result.message) : t("failed")]);
  };
  return (
    <Card
      className="plans-editor"
      title={planId ? t("comms.edit") : t("comms.new")}
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t("editor.cancel")}</Button>
          <Button type="primary" loading={saving.fetching} onClick={() => void onSave()}>{t("editor.save")}</Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        {errors.length > 0 && <Alert type="error" showIcon title={errors.join(" · ")} />}
        <label className="plans-row"><span>{t("comms.titleField")}</span><Input aria-label={t("comms.titleField")} value={values.title} onChange={(e) => set({ title: e.target.value })} /></label>
        <Flex gap={12} wrap>
          <label className="plans-row"><span>{t("comms.channel")}</span><Select aria-label={t("comms.channel")} value={values.channel} style={{ width: 160 }} options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} onChange={(channel: CommunicationChannel) => set({ channel })} /></label>
          <label className="plans-row"><span>{t("comms.owner")}</span><Select aria-label={t("comms.owner")} showSearch optionFilterProp="label" value={values.ownerId || undefined} style={{ width: 220 }} options={people.map((u) => ({ value: u.id, label: u.displayName }))} onChange={(ownerId: string) => set({ ownerId })} /></label>
        </Flex>
        <Flex gap={8} align="center" wrap>
          <span className="plans-tier">{t("comms.recurrence")}</span>
          {values.recurrence ? (
            <RecurrencePicker value={values.recurrence} intervalLabel={t("comms.interval")} unitLabel={t("comms.unit")} onChange={(recurrence) => set({ recurrence })} />
          ) : (
            <>
              <Input aria-label={t("comms.rule")} value={values.rule} style={{ width: 280 }} onChange={(e) => set({ rule: e.target.value })} />
              <Button size="small" onClick={() => set({ recurrence: { frequency: "MONTHLY", interval: 1 } })}>{t("comms.usePicker")}</Button>
            </>
          )}
        </Flex>
        <Flex gap={12} wrap>
          <label className="plans-row"><span>{t("editor.startsOn")}</span><Input type="date" aria-label={t("editor.startsOn")} value={values.startsOn} onChange={(e) => set({ startsOn: e.target.value })} /></label>
          <label className="plans-row"><span>{t("comms.leadDays")}</span><InputNumber aria-label={t("comms.leadDays")} min={0} max={MAX_LEAD_DAYS} value={values.leadDays} onChange={(leadDays) => leadDays !== null && set({ leadDays })} /></label>
        </Flex>
        <label className="plans-row"><span>{t("comms.tiers")}</span><Select aria-label={t("comms.tiers")} mode="multiple" value={values.tiers} options={TIERS.map((tier) => ({ value: tier, label: t(`tier.${tier}`) }))} onChange={(tiers: CustomerTier[]) => set({ tiers })} /></label>
        <Flex gap={12} wrap>
          <label className="plans-row plans-grow"><span>{t("comms.regions")}</span><Select aria-label={t("comms.regions")} mode="tags" value={values.regions} open={false} onChange={(regions: string[]) => set({ regions })} /></label>
          <label className="plans-row plans-grow"><span>{t("comms.tags")}</span><Select aria-label={t("comms.tags")} mode="tags" value={values.tags} open={false} onChange={(tags: string[]) => set({ tags })} /></label>
        </Flex>
        <DatesPreview preview={preview.data?.previewInspectionPlan} />
      </Flex>
    </Card>
  );
}

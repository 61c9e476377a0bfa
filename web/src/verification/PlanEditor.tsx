import { Alert, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { TIERS, type PlanDraft } from "./model";
import { poolSummary, poolWarning, teamsOf, type Verifier } from "./pool";

export function PlanEditor({
  draft,
  forms,
  verifiers,
  saving,
  onChange,
  onSave,
  onCancel,
}: {
  draft: PlanDraft;
  forms: { id: string; title: string }[];
  verifiers: Verifier[];
  saving: boolean;
  onChange: (draft: PlanDraft) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation("verification");
  const set = (patch: Partial<PlanDraft>) => onChange({ ...draft, ...patch });
  return (
    <Modal
      open
      title={draft.id ? t("editor.titleEdit") : t("editor.titleNew")}
      okText={t("editor.save")}
      cancelText={t("editor.cancel")}
      confirmLoading={saving}
      onOk={onSave}
      onCancel={onCancel}
      width={560}
    >
      <Form layout="vertical">
        <Form.Item label={t("editor.name")} required>
          <Input aria-label={t("editor.name")} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Form.Item>
        <Form.Item label={t("editor.forms")} required>
          <Select
            aria-label={t("editor.forms")}
            mode="multiple"
            optionFilterProp="label"
            value={draft.formIds}
            onChange={(formIds) => set({ formIds })}
            options={forms.map((f) => ({ value: f.id, label: f.title }))}
          />
        </Form.Item>
        <Form.Item label={t("editor.unit")}>
          <Radio.Group
            value={draft.periodUnit}
            onChange={(e) => set({ periodUnit: e.target.value as PlanDraft["periodUnit"] })}
            options={[
              { value: "MONTH", label: t("editor.month") },
              { value: "QUARTER", label: t("editor.quarter") },
            ]}
          />
        </Form.Item>
        <Form.Item label={t("editor.sizing")}>
          <Radio.Group
            value={draft.sizing}
            onChange={(e) => set({ sizing: e.target.value as PlanDraft["sizing"] })}
            options={[
              { value: "FIXED", label: t("editor.fixed") },
              { value: "STATISTICAL", label: t("editor.statistical") },
            ]}
          />
        </Form.Item>
        {draft.sizing === "FIXED" ? (
          <div className="verification-tiers">
            {TIERS.map((tier) => (
              <Form.Item key={tier} label={t(`tier.${tier}`)}>
                <InputNumber
                  aria-label={t(`tier.${tier}`)}
                  min={0}
                  max={100000}
                  value={draft.tierSizes[tier]}
                  onChange={(size) => set({ tierSizes: { ...draft.tierSizes, [tier]: Number(size ?? 0) } })}
                />
              </Form.Item>
            ))}
          </div>
        ) : (
          <>
            <div className="verification-tiers">
              <Form.Item label={t("editor.confidence")}>
                <InputNumber aria-label={t("editor.confidence")} min={0.5} max={0.999} step={0.01} value={draft.confidence} onChange={(v) => set({ confidence: Number(v ?? 0.95) })} />
              </Form.Item>
              <Form.Item label={t("editor.tolerable")}>
                <InputNumber aria-label={t("editor.tolerable")} min={0.001} max={0.999} step={0.01} value={draft.tolerableError} onChange={(v) => set({ tolerableError: Number(v ?? 0.05) })} />
              </Form.Item>
              <Form.Item label={t("editor.expected")}>
                <InputNumber aria-label={t("editor.expected")} min={0.001} max={0.999} step={0.01} value={draft.expectedError} onChange={(v) => set({ expectedError: Number(v ?? 0.5) })} />
              </Form.Item>
            </div>
            <Typography.Paragraph type="secondary">{t("editor.formulaHelp")}</Typography.Paragraph>
          </>
        )}
        <Form.Item label={t("editor.verifiers")} help={t("editor.poolHelp")}>
          <Select
            aria-label={t("editor.verifiers")}
            mode="multiple"
            allowClear
            optionFilterProp="label"
            placeholder={t("editor.poolEveryone")}
            value={draft.verifierIds}
            onChange={(verifierIds) => set({ verifierIds })}
            options={verifiers.map((v) => ({ value: v.id, label: v.team ? `${v.name}（${v.team}）` : v.name }))}
          />
        </Form.Item>
        <Form.Item label={t("editor.verifierTeams")}>
          <Select
            aria-label={t("editor.verifierTeams")}
            mode="multiple"
            allowClear
            value={draft.verifierTeams}
            onChange={(verifierTeams) => set({ verifierTeams })}
            options={teamsOf(verifiers).map((team) => ({ value: team, label: team }))}
          />
        </Form.Item>
        <PoolNote draft={draft} verifiers={verifiers} />
        <Form.Item label={t("editor.dueDays")} help={t("editor.dueDaysHelp")}>
          <InputNumber aria-label={t("editor.dueDays")} min={1} max={365} value={draft.dueDays} onChange={(v) => set({ dueDays: Number(v ?? 14) })} />
        </Form.Item>
        <Form.Item label={t("editor.active")}>
          <Switch aria-label={t("editor.active")} checked={draft.active} onChange={(active) => set({ active })} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PoolNote({ draft, verifiers }: { draft: PlanDraft; verifiers: Verifier[] }) {
  const { t } = useTranslation("verification");
  const warning = poolWarning(verifiers, draft.verifierIds, draft.verifierTeams);
  const names = poolSummary(verifiers, draft.verifierIds, draft.verifierTeams, t("editor.poolEveryone"));
  return (
    <Alert
      className="verification-pool"
      showIcon
      type={warning ? "warning" : "info"}
      title={t("editor.poolIs", { names })}
      description={warning === "single" ? t("editor.poolSingle") : warning === "empty" ? t("editor.poolEmpty") : undefined}
    />
  );
}

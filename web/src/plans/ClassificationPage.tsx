import { Alert, App, Button, Card, Flex, Input, InputNumber, List, Spin, Table, Typography } from "antd";
import { SaveOutlined } from "@ant-design/icons";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery } from "urql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { useDebounced } from "../designer/useDraft";
import { ClassificationDocument, ClassificationPreviewDocument, SaveClassificationDocument } from "./api";
import { documentOf, pathLabel, RULE_TIERS, valuesOf, type RulesValues } from "./classificationModel";
import { TierRuleEditor } from "./TierRuleEditor";
import "./plans.css";

interface PathError {
  path: readonly string[];
  message: string;
}

/** /plans/classification: the risk-tier rules, with how many customers each tier would hold. */
export default function ClassificationPage() {
  const { t } = useTranslation("plans");
  const [{ data, error }, refetch] = useQuery({ query: ClassificationDocument, requestPolicy: "cache-and-network" });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  if (!data) return <Spin />;
  return (
    <div className="plans-page">
      <PageHeader title={t("rules.title")} subtitle={t("rules.subtitle")} />
      <RulesEditor key={data.classificationRules.number} number={data.classificationRules.number} initial={valuesOf(data.classificationRules.document)} onSaved={() => refetch({ requestPolicy: "network-only" })} />
      <Typography.Title level={2} className="plans-preview-title">{t("rules.history")}</Typography.Title>
      <List
        size="small"
        className="plans-preview"
        dataSource={data.classificationRuleHistory}
        locale={{ emptyText: t("rules.defaults") }}
        renderItem={(row) => (
          <List.Item>
            <Typography.Text strong>{t("rules.version", { number: row.number })}</Typography.Text>
            <span>{row.savedBy?.displayName ?? "—"}</span>
            <Typography.Text type="secondary">{row.savedAt ? new Date(row.savedAt).toLocaleString() : ""}</Typography.Text>
            {row.note && <span>{row.note}</span>}
          </List.Item>
        )}
      />
    </div>
  );
}

function RulesEditor({ number, initial, onSaved }: { number: number; initial: RulesValues; onSaved: () => void }) {
  const { t } = useTranslation("plans");
  const { message } = App.useApp();
  const [values, setValues] = useState(initial);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<PathError[]>([]);
  const built = useMemo(() => documentOf(values), [values]);
  const settled = useDebounced(built.document, 400);
  const [preview] = useQuery({ query: ClassificationPreviewDocument, variables: { document: settled }, pause: !settled, requestPolicy: "network-only" });
  const [saving, save] = useMutation(SaveClassificationDocument);
  const shown = preview.data?.previewClassificationRules;
  const names = { tier: (tier: string) => t(`rules.tier.${tier}`), field: (name: string) => t(`rules.field.${name}`, { defaultValue: name }) };
  const previewErrors: PathError[] = shown?.__typename === "ValidationFailed" ? shown.errors : [];
  const onSave = async () => {
    if (!built.document) return;
    const result = (await save({ input: { document: built.document, note: note.trim() || null } })).data?.saveClassificationRules;
    if (result?.__typename === "ClassificationRulesSaved") {
      setErrors([]);
      message.success(t("rules.saved", { number: result.rules.number }));
      onSaved();
    } else if (result?.__typename === "ValidationFailed") setErrors(result.errors);
    else setErrors([{ path: [], message: result && "message" in result ? String(result.message) : t("failed") }]);
  };
  const shownErrors = errors.length ? errors : previewErrors;
  return (
    <Card className="plans-editor" title={number ? t("rules.editing", { number }) : t("rules.editingDefaults")} extra={<Button type="primary" icon={<SaveOutlined />} loading={saving.fetching} disabled={!built.document} onClick={() => void onSave()}>{t("rules.save")}</Button>}>
      <Flex vertical gap={12}>
        {built.badJson.length > 0 && <Alert type="error" showIcon title={t("rules.badJson", { tiers: built.badJson.map(names.tier).join("、") })} />}
        {shownErrors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={t("rules.invalid", { count: shownErrors.length })}
            description={<ul className="plans-errors">{shownErrors.map((e, i) => <li key={i}>{pathLabel(e.path, names) && <strong>{pathLabel(e.path, names)}: </strong>}{e.message}</li>)}</ul>}
          />
        )}
        <Flex gap={12} wrap>
          <label className="plans-row"><span>{t("rules.field.complaintsWindowDays")}</span><InputNumber aria-label={t("rules.field.complaintsWindowDays")} min={1} max={3650} value={values.complaintsWindowDays} onChange={(v) => v !== null && setValues({ ...values, complaintsWindowDays: v })} /></label>
          <label className="plans-row"><span>{t("rules.field.findingsWindowDays")}</span><InputNumber aria-label={t("rules.field.findingsWindowDays")} min={1} max={3650} value={values.findingsWindowDays} onChange={(v) => v !== null && setValues({ ...values, findingsWindowDays: v })} /></label>
        </Flex>
        <Typography.Text type="secondary">{t("rules.order")}</Typography.Text>
        {RULE_TIERS.map((tier) => (
          <fieldset key={tier} className="plans-fieldset">
            <legend>{t(`rules.tier.${tier}`)}</legend>
            <TierRuleEditor tier={tier} rule={values.rules[tier]} onChange={(rule) => setValues({ ...values, rules: { ...values.rules, [tier]: rule } })} />
          </fieldset>
        ))}
        <Typography.Title level={3} className="plans-preview-title">{t("rules.previewTitle")}</Typography.Title>
        {shown?.__typename === "ClassificationPreview" && (
          <>
            <Table
              rowKey="tier"
              size="small"
              pagination={false}
              className="plans-counts"
              dataSource={shown.tiers}
              columns={[
                { title: t("rules.col.tier"), render: (_, row) => t(`tier.${row.tier}`) },
                { title: t("rules.col.current"), dataIndex: "current", align: "right" },
                { title: t("rules.col.effective"), dataIndex: "effective", align: "right", render: (n: number, row) => <strong className={n !== row.current ? "plans-changed" : undefined}>{n}</strong> },
                { title: t("rules.col.byRules"), dataIndex: "byRules", align: "right" },
              ]}
            />
            <Typography.Text>{t("rules.summary", { total: shown.total, changed: shown.changed, overridden: shown.overridden })}</Typography.Text>
          </>
        )}
        <label className="plans-row"><span>{t("rules.note")}</span><Input aria-label={t("rules.note")} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} /></label>
      </Flex>
    </Card>
  );
}

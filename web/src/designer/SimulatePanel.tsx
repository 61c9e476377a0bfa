import { Alert, Button, Card, Checkbox, Flex, Input, Select, Tag, Typography } from "antd";
import { DeleteOutlined, PlayCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient } from "urql";
import { SimulateDocument } from "./api";
import type { WorkflowDefinition } from "./model/types";
import type { FieldOption } from "./model/guards";
import { guardFields, merged, samplesOf, type SampleRow } from "./model/samples";
import { fieldGroups, ValueInput } from "./fields";
import type { DesignerSimulateQuery } from "../api/graphql";

export interface SimStep {
  event: string;
  role: string | null;
  person: string;
  submitter: boolean;
  assignee: boolean;
  accountAuditor: boolean;
  comment: string;
  /** The step's input as JSON text, for a step that asks for input. */
  input: string;
}

type Result = DesignerSimulateQuery["simulateWorkflow"];

const SIM_ROLES = ["admin", "manager", "auditor", "customer"];

/** Parse the sample answers; null when the text is not a JSON object. */
export function sampleAnswers(text: string): Record<string, unknown> | null {
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const newStep = (event: string, role: string, person: string, submitter: boolean): SimStep => ({ event, role, person, submitter, assignee: false, accountAuditor: false, comment: "", input: "" });

/** Walk a case through the draft, as chosen people with sample answers; the server decides. */
export function SimulatePanel({ definition, fields = [] }: { definition: WorkflowDefinition; fields?: FieldOption[] }) {
  const { t } = useTranslation("designer");
  const client = useClient();
  const events = [...new Set(definition.transitions.map((tr) => tr.event))];
  const [steps, setSteps] = useState<SimStep[]>([newStep(events[0] ?? "", "auditor", "A", true)]);
  // The sample starts with the fields the guards read, to be given values.
  const [rows, setRows] = useState<SampleRow[]>(() => guardFields(definition.transitions.map((tr) => tr.guard)).map((field) => ({ field, value: undefined })));
  const [answers, setAnswers] = useState("{}");
  const [result, setResult] = useState<Result | null>(null);
  const [running, setRunning] = useState(false);
  const parsed = sampleAnswers(answers);
  const inputs = steps.map((s) => (s.input.trim() ? sampleAnswers(s.input) : {}));
  const set = (index: number, patch: Partial<SimStep>) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const setRow = (index: number, patch: Partial<SampleRow>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const groups = fieldGroups(fields, t);
  const run = async () => {
    setRunning(true);
    const sample = samplesOf(rows);
    const response = await client
      .query(SimulateDocument, {
        definition,
        answers: merged(parsed ?? {}, sample.answers),
        customer: sample.customer,
        steps: steps.map((s, i) => ({ event: s.event, role: s.role, person: s.person, submitter: s.submitter, assignee: s.assignee, accountAuditor: s.accountAuditor, comment: s.comment || null, input: s.input.trim() ? inputs[i] : null })),
      }, { requestPolicy: "network-only" })
      .toPromise();
    setRunning(false);
    setResult(response.data?.simulateWorkflow ?? null);
  };
  const outcomes = result?.__typename === "WorkflowSimulation" ? result.steps : [];
  return (
    <Flex vertical gap={10} className="designer-simulate">
      <Typography.Paragraph type="secondary">{t("simulate.intro")}</Typography.Paragraph>
      <fieldset className="designer-fieldset">
        <legend>{t("simulate.samples")}</legend>
        <Flex vertical gap={6}>
          {rows.map((row, index) => (
            <Flex key={index} gap={6} wrap align="center">
              <Select aria-label={t("simulate.sampleField")} showSearch value={row.field || undefined} placeholder={t("simulate.sampleField")} style={{ minWidth: 220 }} options={groups} onChange={(field: string) => setRow(index, { field, value: undefined })} />
              <ValueInput label={t("simulate.sampleValue")} field={fields.find((f) => f.path === row.field)} op="==" value={row.value} onChange={(value) => setRow(index, { value })} />
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("simulate.removeSample")} onClick={() => setRows(rows.filter((_, i) => i !== index))} />
            </Flex>
          ))}
          <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: "flex-start" }} onClick={() => setRows([...rows, { field: fields[0]?.path ?? "customer.tier", value: undefined }])}>
            {t("simulate.addSample")}
          </Button>
        </Flex>
      </fieldset>
      <label className="designer-row">
        <span>{t("simulate.answers")}</span>
        <Input.TextArea aria-label={t("simulate.answers")} autoSize={{ minRows: 2, maxRows: 6 }} value={answers} status={parsed ? undefined : "error"} onChange={(e) => setAnswers(e.target.value)} />
      </label>
      {steps.map((step, index) => {
        const outcome = outcomes[index];
        const asksInput = definition.transitions.some((tr) => tr.event === step.event && tr.input);
        return (
          <Card size="small" key={index} title={t("simulate.step", { n: index + 1 })} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("simulate.removeStep")} onClick={() => setSteps(steps.filter((_, i) => i !== index))} />}>
            <Flex gap={6} wrap align="center">
              <Select aria-label={t("simulate.event")} value={step.event} style={{ minWidth: 140 }} options={events.map((e) => ({ value: e, label: e }))} onChange={(event: string) => set(index, { event })} />
              <Select aria-label={t("simulate.role")} value={step.role ?? "system"} style={{ width: 120 }} options={[...SIM_ROLES, "system"].map((r) => ({ value: r, label: t(`role.${r}`) }))} onChange={(role: string) => set(index, { role: role === "system" ? null : role })} />
              <Input aria-label={t("simulate.person")} style={{ width: 90 }} value={step.person} placeholder={t("simulate.person")} onChange={(e) => set(index, { person: e.target.value })} />
              <Checkbox checked={step.submitter} onChange={(e) => set(index, { submitter: e.target.checked })}>
                {t("simulate.isSubmitter")}
              </Checkbox>
              <Checkbox checked={step.assignee} onChange={(e) => set(index, { assignee: e.target.checked })}>
                {t("simulate.isAssignee")}
              </Checkbox>
              <Checkbox checked={step.accountAuditor} onChange={(e) => set(index, { accountAuditor: e.target.checked })}>
                {t("simulate.isAccountAuditor")}
              </Checkbox>
              <Input aria-label={t("simulate.comment")} style={{ width: 160 }} value={step.comment} placeholder={t("simulate.comment")} onChange={(e) => set(index, { comment: e.target.value })} />
            </Flex>
            {(asksInput || step.input) && (
              <label className="designer-row designer-sim-input">
                <span>{t("simulate.input")}</span>
                <Input.TextArea aria-label={t("simulate.input")} autoSize={{ minRows: 1, maxRows: 4 }} value={step.input} status={inputs[index] ? undefined : "error"} placeholder='{"dueDate": "2026-12-31"}' onChange={(e) => set(index, { input: e.target.value })} />
              </label>
            )}
            {outcome && (
              <div className="designer-sim-outcome" data-allowed={outcome.allowed}>
                {outcome.allowed ? (
                  <Tag className="tag-good">
                    {outcome.fromState} → {outcome.toState}
                    {outcome.automatic.length ? ` (${t("simulate.automatic")}: ${outcome.automatic.join(", ")})` : ""}
                  </Tag>
                ) : (
                  <Alert type="warning" showIcon title={outcome.message} description={outcome.guardMessage} />
                )}
              </div>
            )}
          </Card>
        );
      })}
      <Flex gap={8} wrap>
        <Button icon={<PlusOutlined />} onClick={() => setSteps([...steps, newStep(events[0] ?? "", "manager", "B", false)])}>
          {t("simulate.addStep")}
        </Button>
        <Button type="primary" icon={<PlayCircleOutlined />} loading={running} disabled={!parsed || inputs.some((i) => !i)} onClick={() => void run()}>
          {t("simulate.run")}
        </Button>
      </Flex>
      {result?.__typename === "WorkflowSimulation" && (
        <Alert type={result.isFinal ? "success" : "info"} showIcon title={t(result.isFinal ? "simulate.endedFinal" : "simulate.ended", { state: result.state })} />
      )}
      {result?.__typename === "ValidationFailed" && <Alert type="error" showIcon title={result.message} description={result.errors.map((e) => e.message).join(" · ")} />}
    </Flex>
  );
}

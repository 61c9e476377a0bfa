import { Alert, Button, Card, Checkbox, Flex, Input, Select, Tag, Typography } from "antd";
import { DeleteOutlined, PlayCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useClient } from "urql";
import { SimulateDocument } from "./api";
import type { WorkflowDefinition } from "./model/types";
import type { DesignerSimulateQuery } from "../api/graphql";

export interface SimStep {
  event: string;
  role: string | null;
  person: string;
  submitter: boolean;
  comment: string;
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

/** Walk a case through the draft, as chosen people with sample answers; the server decides. */
export function SimulatePanel({ definition }: { definition: WorkflowDefinition }) {
  const { t } = useTranslation("designer");
  const client = useClient();
  const events = [...new Set(definition.transitions.map((tr) => tr.event))];
  const [steps, setSteps] = useState<SimStep[]>([{ event: events[0] ?? "", role: "auditor", person: "A", submitter: true, comment: "" }]);
  const [answers, setAnswers] = useState("{}");
  const [result, setResult] = useState<Result | null>(null);
  const [running, setRunning] = useState(false);
  const parsed = sampleAnswers(answers);
  const set = (index: number, patch: Partial<SimStep>) => setSteps(steps.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const run = async () => {
    setRunning(true);
    const response = await client
      .query(SimulateDocument, {
        definition,
        answers: parsed ?? {},
        steps: steps.map((s) => ({ event: s.event, role: s.role, person: s.person, submitter: s.submitter, comment: s.comment || null })),
      }, { requestPolicy: "network-only" })
      .toPromise();
    setRunning(false);
    setResult(response.data?.simulateWorkflow ?? null);
  };
  const outcomes = result?.__typename === "WorkflowSimulation" ? result.steps : [];
  return (
    <Flex vertical gap={10} className="designer-simulate">
      <Typography.Paragraph type="secondary">{t("simulate.intro")}</Typography.Paragraph>
      <label className="designer-row">
        <span>{t("simulate.answers")}</span>
        <Input.TextArea aria-label={t("simulate.answers")} autoSize={{ minRows: 2, maxRows: 6 }} value={answers} status={parsed ? undefined : "error"} onChange={(e) => setAnswers(e.target.value)} />
      </label>
      {steps.map((step, index) => {
        const outcome = outcomes[index];
        return (
          <Card size="small" key={index} title={t("simulate.step", { n: index + 1 })} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("simulate.removeStep")} onClick={() => setSteps(steps.filter((_, i) => i !== index))} />}>
            <Flex gap={6} wrap align="center">
              <Select aria-label={t("simulate.event")} value={step.event} style={{ minWidth: 140 }} options={events.map((e) => ({ value: e, label: e }))} onChange={(event: string) => set(index, { event })} />
              <Select aria-label={t("simulate.role")} value={step.role ?? "system"} style={{ width: 120 }} options={[...SIM_ROLES, "system"].map((r) => ({ value: r, label: t(`role.${r}`) }))} onChange={(role: string) => set(index, { role: role === "system" ? null : role })} />
              <Input aria-label={t("simulate.person")} style={{ width: 90 }} value={step.person} placeholder={t("simulate.person")} onChange={(e) => set(index, { person: e.target.value })} />
              <Checkbox checked={step.submitter} onChange={(e) => set(index, { submitter: e.target.checked })}>
                {t("simulate.isSubmitter")}
              </Checkbox>
              <Input aria-label={t("simulate.comment")} style={{ width: 160 }} value={step.comment} placeholder={t("simulate.comment")} onChange={(e) => set(index, { comment: e.target.value })} />
            </Flex>
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
        <Button icon={<PlusOutlined />} onClick={() => setSteps([...steps, { event: events[0] ?? "", role: "manager", person: "B", submitter: false, comment: "" }])}>
          {t("simulate.addStep")}
        </Button>
        <Button type="primary" icon={<PlayCircleOutlined />} loading={running} disabled={!parsed} onClick={() => void run()}>
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

import { Button, Card, Descriptions, Flex, List, Result, Tag, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { SubmitFormMutation } from "../api/graphql";

type Accepted = Extract<SubmitFormMutation["submitForm"], { __typename: "SubmissionAccepted" }>;
export interface SubmittedResult {
  submission: Accepted["submission"];
  instances: Accepted["workflowInstances"];
}

// Text colours dark enough for WCAG AA on the tag backgrounds (antd presets are not).
const SEVERITY_CLASS = { LOW: "tag-neutral", MEDIUM: "tag-warn", HIGH: "tag-bad", CRITICAL: "tag-bad" } as const;

/** What the server made of a submission: score, pass/fail, findings, the cases it started. */
export function SubmissionResult({ result, resultLink }: { result: SubmittedResult; resultLink: (id: string) => string }) {
  const { t } = useTranslation("forms");
  const { submission, instances } = result;
  const status = submission.score?.passed === false ? "warning" : "success";
  return (
    <Flex vertical gap={16}>
      <Result
        status={status}
        title={<h2 className="result-title">{t("submitted")}</h2>}
        subTitle={submission.customer?.name}
        extra={instances.map((instance) => (
          <Link key={instance.id} to={resultLink(instance.id)}>
            <Button type="primary">{t("openCase", { state: instance.stateTitle })}</Button>
          </Link>
        ))}
      />
      <SubmissionSummary submission={submission} />
    </Flex>
  );
}

export interface SummarizedSubmission {
  score?: { raw: number; max: number; percent?: number | null; passed?: boolean | null } | null;
  findings: { pointer: string; severity: keyof typeof SEVERITY_CLASS; title: string }[];
}

/** Score, pass/fail and findings of a submission. */
export function SubmissionSummary({ submission }: { submission: SummarizedSubmission }) {
  const { t } = useTranslation("forms");
  const score = submission.score;
  return (
    <>
      {score ? (
        <Card title={<h2 className="card-title">{t("score")}</h2>}>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: "percent", label: t("percent"), children: <span data-testid="score-percent">{score.percent == null ? "—" : `${Math.round(score.percent * 10) / 10}%`}</span> },
              { key: "points", label: t("points"), children: `${score.raw} / ${score.max}` },
              {
                key: "passed",
                label: t("outcome"),
                children:
                  score.passed == null ? "—" : <Tag className={score.passed ? "tag-good" : "tag-bad"}>{score.passed ? t("passed") : t("failed")}</Tag>,
              },
            ]}
          />
        </Card>
      ) : null}
      <Card title={<h2 className="card-title">{t("findings")}</h2>}>
        {submission.findings.length ? (
          <List
            dataSource={submission.findings}
            renderItem={(finding) => (
              <List.Item key={finding.pointer}>
                <Tag className={SEVERITY_CLASS[finding.severity]}>{t(`severity.${finding.severity}`)}</Tag>
                <Typography.Text>{finding.title}</Typography.Text>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">{t("noFindings")}</Typography.Text>
        )}
      </Card>
    </>
  );
}

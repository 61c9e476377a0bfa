import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Descriptions, Flex, Input, Radio, Result, Table, Typography } from "antd";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { CorrectionDocument, RecordDocument, VerificationDocument, resultMessage } from "./api";
import { display, fieldRows, missingReasons, recordInput, type Decision, type FieldRow } from "./model";
import { StatusTag } from "./StatusTag";
import "./verification.css";

const AGREE: Decision = { agree: true, verifiedValue: "", reason: "" };

function DecisionCell({ row, decision, onChange }: { row: FieldRow; decision: Decision; onChange: (d: Decision) => void }) {
  const { t } = useTranslation("verification");
  return (
    <Flex vertical gap={6}>
      <Radio.Group
        aria-label={`${t("verify.decision")}: ${row.title}`}
        value={decision.agree ? "agree" : "discrepancy"}
        onChange={(e) => onChange(e.target.value === "agree" ? AGREE : { agree: false, verifiedValue: display(row.value), reason: "" })}
        options={[
          { value: "agree", label: t("verify.agree") },
          { value: "discrepancy", label: t("verify.discrepancy") },
        ]}
      />
      {decision.agree ? null : (
        <>
          <Input
            aria-label={`${t("verify.verifiedValue")}: ${row.title}`}
            placeholder={t("verify.verifiedValue")}
            value={decision.verifiedValue}
            onChange={(e) => onChange({ ...decision, verifiedValue: e.target.value })}
          />
          <Input
            aria-label={`${t("verify.reason")}: ${row.title}`}
            placeholder={t("verify.reason")}
            value={decision.reason}
            status={decision.reason.trim() ? undefined : "warning"}
            onChange={(e) => onChange({ ...decision, reason: e.target.value })}
          />
        </>
      )}
    </Flex>
  );
}

export default function VerifyPage() {
  const { t } = useTranslation("verification");
  const { message } = App.useApp();
  const { id = "" } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: VerificationDocument, variables: { id }, requestPolicy: "cache-and-network" });
  const [{ fetching: recording }, record] = useMutation(RecordDocument);
  const [{ fetching: correcting }, correct] = useMutation(CorrectionDocument);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [comment, setComment] = useState("");
  const verification = data?.verification;
  const submission = verification?.submission;
  const rows = useMemo(
    () => (submission ? fieldRows(submission.answers, submission.formVersion.localizedSchema) : []),
    [submission],
  );
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const back = <Link to="/verification/mine">{t("verify.back")}</Link>;
  if (data && !verification) return <Result status="404" title={t("verify.notFound")} extra={back} />;
  if (!verification || !submission) return null;
  const open = verification.status === "ASSIGNED";
  const found = new Map(verification.discrepancies.map((d) => [d.pointer, d]));

  async function send() {
    if (missingReasons(decisions).length) {
      void message.warning(t("verify.reasonMissing"));
      return;
    }
    const result = await record({ input: recordInput(id, rows, decisions, comment) as never });
    const answer = result.data?.recordVerification;
    if (answer?.__typename === "VerificationRecorded") {
      void message.success(t("verify.submitted"));
      refetch({ requestPolicy: "network-only" });
    } else {
      void message.error(t("verify.refused", { message: resultMessage(answer, result.error?.message) }));
    }
  }

  async function openCorrection() {
    const result = await correct({ input: { id } });
    const answer = result.data?.openVerificationCorrection;
    if (answer?.__typename === "VerificationCorrectionOpened") {
      void message.success(t("verify.corrected", { revision: answer.correction.revision }));
      refetch({ requestPolicy: "network-only" });
    } else {
      void message.error(t("verify.refused", { message: resultMessage(answer, result.error?.message) }));
    }
  }

  const columns = [
    { title: t("verify.field"), key: "field", render: (_: unknown, row: FieldRow) => <Typography.Text strong>{row.title}</Typography.Text> },
    { title: t("verify.recorded"), key: "recorded", render: (_: unknown, row: FieldRow) => display(row.value) },
    {
      title: t("verify.decision"),
      key: "decision",
      width: 300,
      render: (_: unknown, row: FieldRow) => {
        if (!open) {
          const d = found.get(row.pointer);
          return d ? (
            <Flex vertical>
              <Typography.Text type="warning">{`${t("verify.discrepancy")}: ${display(d.verifiedValue)}`}</Typography.Text>
              <Typography.Text type="secondary">{d.reason}</Typography.Text>
            </Flex>
          ) : (
            <Typography.Text type="success">{t("verify.agree")}</Typography.Text>
          );
        }
        return (
          <DecisionCell
            row={row}
            decision={decisions[row.pointer] ?? AGREE}
            onChange={(d) => setDecisions((all) => ({ ...all, [row.pointer]: d }))}
          />
        );
      },
    },
  ];

  return (
    <>
      <PageHeader title={t("verify.title")} subtitle={back} extra={<StatusTag status={verification.status} />} />
      <Flex vertical gap={16}>
        <Card>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: "form", label: t("verify.form"), children: submission.form.title },
              { key: "customer", label: t("verify.customer"), children: `${submission.customer?.name ?? "—"} · ${t(`tier.${verification.tier}`)}` },
              { key: "at", label: t("mine.column.period"), children: `${verification.period} (${dayjs(submission.submittedAt).format("YYYY-MM-DD")})` },
            ]}
          />
        </Card>
        <Card>
          {open ? <Alert type="info" showIcon title={t("verify.intro")} style={{ marginBottom: 16 }} /> : null}
          <Table className="verification-table" rowKey="pointer" dataSource={rows} columns={columns} pagination={false} scroll={{ x: true }} />
          <Flex vertical gap={12} style={{ marginTop: 16 }}>
            {open ? (
              <>
                <Input.TextArea aria-label={t("verify.comment")} placeholder={t("verify.comment")} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
                <Flex>
                  <Button type="primary" loading={recording} onClick={() => void send()}>
                    {t("verify.submit")}
                  </Button>
                </Flex>
              </>
            ) : null}
            {verification.status === "DISCREPANT" && !verification.correctionId ? (
              <Flex>
                <Button loading={correcting} onClick={() => void openCorrection()}>
                  {t("verify.correction")}
                </Button>
              </Flex>
            ) : null}
            {verification.correctionId ? <Alert type="success" showIcon title={t("verify.correctionOpened")} /> : null}
            {verification.comment ? <Typography.Paragraph type="secondary">{verification.comment}</Typography.Paragraph> : null}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}

import { useState } from "react";
import { Card, Empty, Flex, Form, Input, Segmented, Table, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import type { AccuracyDimension, VerificationAccuracyQuery } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { AccuracyDocument } from "./api";
import { interval, percent } from "./model";

type Row = VerificationAccuracyQuery["verificationAccuracy"][number];

export default function AccuracyPage() {
  const { t } = useTranslation("verification");
  const [by, setBy] = useState<AccuracyDimension>("FORM");
  const [period, setPeriod] = useState("");
  const [{ data, error }] = useQuery({
    query: AccuracyDocument,
    variables: { by, period: /^\d{4}-(\d{2}|Q[1-4])$/.test(period) ? period : null },
    requestPolicy: "cache-and-network",
  });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const rows = data?.verificationAccuracy ?? [];
  const label = (row: Row) => (by === "TIER" ? t(`tier.${row.key}`) : row.label);
  return (
    <>
      <PageHeader title={t("accuracy.title")} subtitle={t("accuracy.subtitle")} />
      <Card>
        <Flex gap={16} wrap align="end" style={{ marginBottom: 16 }}>
          <Form.Item label={t("accuracy.by")} style={{ margin: 0 }}>
            <Segmented
              aria-label={t("accuracy.by")}
              value={by}
              onChange={(v) => setBy(v as AccuracyDimension)}
              options={[
                { value: "FORM", label: t("accuracy.byForm") },
                { value: "AUDITOR", label: t("accuracy.byAuditor") },
                { value: "TIER", label: t("accuracy.byTier") },
                { value: "PERIOD", label: t("accuracy.byPeriod") },
              ]}
            />
          </Form.Item>
          <Form.Item label={t("accuracy.period")} style={{ margin: 0 }}>
            <Input aria-label={t("accuracy.period")} placeholder="2026-11" value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 140 }} />
          </Form.Item>
        </Flex>
        {rows.length === 0 && data ? (
          <Empty description={t("accuracy.empty")} />
        ) : (
          <Table
            rowKey="key"
            dataSource={rows}
            pagination={false}
            scroll={{ x: true }}
            columns={[
              { title: t("accuracy.column.key"), key: "key", render: (_: unknown, row: Row) => label(row) },
              { title: t("accuracy.column.verifications"), dataIndex: "verifications", key: "verifications", align: "right" as const },
              { title: t("accuracy.column.fields"), dataIndex: "fieldsVerified", key: "fields", align: "right" as const },
              { title: t("accuracy.column.discrepancies"), dataIndex: "discrepancies", key: "discrepancies", align: "right" as const },
              {
                title: t("accuracy.column.rate"),
                key: "rate",
                align: "right" as const,
                render: (_: unknown, row: Row) => <Typography.Text strong>{percent(row.rate)}</Typography.Text>,
              },
              { title: t("accuracy.column.interval"), key: "interval", render: (_: unknown, row: Row) => interval(row.low, row.high) },
            ]}
          />
        )}
      </Card>
    </>
  );
}

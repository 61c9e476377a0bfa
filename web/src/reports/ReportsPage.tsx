import { useEffect, useState } from "react";
import { App, Button, Card, DatePicker, Empty, Flex, Form, Progress, Select, Table, Tag, Typography } from "antd";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs, { type Dayjs } from "dayjs";
import { graphql, type MyReportsQuery } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { downloadReport } from "../customers/download";
import { progressView, requestInput, stillRendering, type RequestDraft, type Status } from "./status";

const MyReportsDocument = graphql(`
  query MyReports {
    reports(first: 100) {
      id
      kind
      status
      error
      language
      subjectId
      periodFrom
      periodTo
      fileName
      createdAt
      downloadUrl
      progress {
        done
        total
      }
    }
  }
`);

const ReportCustomersDocument = graphql(`
  query ReportCustomers {
    customers(first: 100) {
      nodes {
        id
        code
        name
      }
    }
  }
`);

const RequestReportDocument = graphql(`
  mutation RequestReport($input: RequestReportInput!) {
    requestReport(input: $input) {
      __typename
      ... on ReportRequested {
        report {
          id
          status
        }
      }
      ... on UserError {
        message
      }
    }
  }
`);

type Row = MyReportsQuery["reports"][number];
const POLL_MS = 2000;

function RequestCard({ onRequested }: { onRequested: () => void }) {
  const { t, i18n } = useTranslation("reports");
  const { message } = App.useApp();
  const [kind, setKind] = useState<RequestDraft["kind"]>("CUSTOMER_DOSSIER");
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>([dayjs().subtract(29, "day"), dayjs()]);
  const [language, setLanguage] = useState(i18n.language === "en" ? "en" : "zh-CN");
  const [{ data: customers }] = useQuery({ query: ReportCustomersDocument, pause: kind !== "CUSTOMER_DOSSIER" });
  const [{ fetching }, request] = useMutation(RequestReportDocument);

  async function submit() {
    const built = requestInput({
      kind,
      customerId,
      period: period ? [period[0].format("YYYY-MM-DD"), period[1].format("YYYY-MM-DD")] : null,
      language,
    });
    if ("missing" in built) {
      void message.warning(t(built.missing));
      return;
    }
    const result = await request({ input: built.input as never });
    const answer = result.data?.requestReport;
    if (answer?.__typename === "ReportRequested") {
      void message.success(t("page.requested"));
      onRequested();
    } else {
      const reason = answer && "message" in answer ? answer.message : (result.error?.message ?? "");
      void message.error(t("page.refused", { message: reason }));
    }
  }

  const customerOptions = (customers?.customers.nodes ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  return (
    <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("page.request")}</Typography.Title>}>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Flex gap={16} wrap align="end">
          <Form.Item label={t("field.kind")} style={{ minWidth: 180 }}>
            <Select
              aria-label={t("field.kind")}
              value={kind}
              onChange={setKind}
              options={[
                { value: "CUSTOMER_DOSSIER", label: t("kind.CUSTOMER_DOSSIER") },
                { value: "PERIOD_SUMMARY", label: t("kind.PERIOD_SUMMARY") },
              ]}
            />
          </Form.Item>
          {kind === "CUSTOMER_DOSSIER" ? (
            <Form.Item label={t("field.customer")} style={{ minWidth: 260 }}>
              <Select
                aria-label={t("field.customer")}
                showSearch
                optionFilterProp="label"
                placeholder={t("pickCustomer")}
                value={customerId}
                onChange={setCustomerId}
                options={customerOptions}
              />
            </Form.Item>
          ) : (
            <Form.Item label={t("field.period")}>
              <DatePicker.RangePicker aria-label={t("field.period")} value={period} onChange={(v) => setPeriod(v as [Dayjs, Dayjs] | null)} />
            </Form.Item>
          )}
          <Form.Item label={t("field.language")} style={{ minWidth: 120 }}>
            <Select
              aria-label={t("field.language")}
              value={language}
              onChange={setLanguage}
              options={[
                { value: "zh-CN", label: t("language.zh-CN") },
                { value: "en", label: t("language.en") },
              ]}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={fetching}>
              {t("page.submit")}
            </Button>
          </Form.Item>
        </Flex>
      </Form>
    </Card>
  );
}

function StatusCell({ row }: { row: Row }) {
  const { t } = useTranslation("reports");
  const view = progressView(row.status as Status, row.progress.done, row.progress.total);
  return (
    <Flex vertical gap={2}>
      <Tag color={view.color}>{t(`status.${row.status}`)}</Tag>
      {view.active ? <Progress percent={view.percent} size="small" status="active" aria-label={t(`status.${row.status}`)} /> : null}
      {row.error ? <Typography.Text type="danger">{row.error}</Typography.Text> : null}
    </Flex>
  );
}

export default function ReportsPage() {
  const { t } = useTranslation("reports");
  const { message } = App.useApp();
  const [{ data, error, fetching }, refetch] = useQuery({ query: MyReportsDocument, requestPolicy: "cache-and-network" });
  const rows = data?.reports ?? [];
  const polling = stillRendering(rows as { status: Status }[]);
  useEffect(() => {
    if (!polling) return undefined;
    const timer = setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, refetch]);
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;

  async function download(row: Row) {
    if (!(await downloadReport(row.downloadUrl, row.fileName))) void message.error(t("page.downloadFailed"));
  }

  const columns = [
    { title: t("column.kind"), key: "kind", render: (_: unknown, row: Row) => t(`kind.${row.kind}`) },
    {
      title: t("column.subject"),
      key: "subject",
      render: (_: unknown, row: Row) => (row.periodFrom ? `${row.periodFrom} – ${row.periodTo}` : row.fileName),
    },
    { title: t("column.language"), key: "language", render: (_: unknown, row: Row) => t(`language.${row.language}`) },
    { title: t("column.status"), key: "status", render: (_: unknown, row: Row) => <StatusCell row={row} /> },
    { title: t("column.created"), key: "created", render: (_: unknown, row: Row) => dayjs(row.createdAt).format("YYYY-MM-DD HH:mm") },
    {
      title: t("column.action"),
      key: "action",
      render: (_: unknown, row: Row) =>
        row.status === "DONE" ? (
          <Button size="small" onClick={() => void download(row)} aria-label={`${t("download")}: ${row.fileName}`}>
            {t("download")}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader title={t("page.title")} subtitle={t("page.subtitle")} />
      <Flex vertical gap={16}>
        <RequestCard onRequested={() => refetch({ requestPolicy: "network-only" })} />
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("page.list")}</Typography.Title>}>
          <Table<Row>
            rowKey="id"
            size="middle"
            loading={fetching && !data}
            dataSource={rows}
            columns={columns}
            pagination={false}
            scroll={{ x: true }}
            locale={{ emptyText: <Empty description={t("page.empty")} /> }}
          />
        </Card>
      </Flex>
    </>
  );
}

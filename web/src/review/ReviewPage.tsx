import { Card, Empty, Flex, Table, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql, type ReviewOverviewQuery } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";
import { awaitingReview, needsAttention, workload } from "./queue";

const ReviewOverviewDocument = graphql(`
  query ReviewOverview {
    workflowInstances(first: 100) {
      totalCount
      nodes {
        id
        state
        stateTitle
        dueAt
        isOverdue
        escalatedAt
        version {
          id
          definition
        }
        assignee {
          id
          displayName
        }
        customer {
          id
          code
          name
        }
      }
    }
  }
`);

type Row = ReviewOverviewQuery["workflowInstances"]["nodes"][number];

export default function ReviewPage() {
  const { t } = useTranslation("review");
  const [{ data, error, fetching }] = useQuery({ query: ReviewOverviewDocument, requestPolicy: "cache-and-network" });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const rows = data?.workflowInstances.nodes ?? [];
  const columns = [
    {
      title: t("column.title"),
      key: "title",
      render: (_: unknown, row: Row) => localized((row.version.definition as { title?: unknown } | null)?.title, row.stateTitle),
    },
    {
      title: t("column.customer"),
      key: "customer",
      render: (_: unknown, row: Row) =>
        row.customer ? <Link to={`/customers/${encodeURIComponent(row.customer.code)}`}>{row.customer.name}</Link> : "—",
    },
    { title: t("column.state"), key: "state", render: (_: unknown, row: Row) => <Tag>{row.stateTitle}</Tag> },
    {
      title: t("column.due"),
      key: "due",
      render: (_: unknown, row: Row) => (
        <Flex gap={6} align="center" wrap>
          {row.dueAt ? dayjs(row.dueAt).format("YYYY-MM-DD HH:mm") : t("noDue")}
          {row.isOverdue ? <Tag color="red">{t("overdue")}</Tag> : null}
          {row.escalatedAt ? <Tag color="magenta">{t("escalated")}</Tag> : null}
        </Flex>
      ),
    },
    { title: t("column.assignee"), key: "assignee", render: (_: unknown, row: Row) => row.assignee?.displayName ?? t("unassigned") },
    {
      title: "",
      key: "action",
      // Kept in view when the row is wider than a tablet: it is what the row is for.
      fixed: "right" as const,
      render: (_: unknown, row: Row) => (
        <Link to={`/review/${encodeURIComponent(row.id)}`} aria-label={`${t("page.review")}: ${row.customer?.name ?? row.stateTitle}`}>
          {t("page.review")}
        </Link>
      ),
    },
  ];
  const loading = fetching && !data;
  return (
    <>
      <PageHeader title={t("page.title")} subtitle={t("page.subtitle")} />
      <Flex vertical gap={16}>
        <Card title={<h2 className="card-title">{t("page.queue")}</h2>}>
          <Table
            rowKey="id"
            className="review-queue"
            size="small"
            loading={loading}
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={awaitingReview(rows)}
            columns={columns}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("page.queueEmpty")} /> }}
          />
        </Card>
        <Card title={<h2 className="card-title">{t("page.workload")}</h2>}>
          <Table
            rowKey="key"
            className="team-workload"
            size="small"
            loading={loading}
            pagination={false}
            dataSource={workload(rows)}
            columns={[
              { title: t("column.assignee"), key: "name", render: (_, row) => row.name ?? t("unassigned") },
              { title: t("column.open"), key: "open", dataIndex: "open" },
              { title: t("column.review"), key: "review", dataIndex: "review" },
              { title: t("column.overdue"), key: "overdue", dataIndex: "overdue" },
              { title: t("column.escalated"), key: "escalated", dataIndex: "escalated" },
            ]}
          />
          <Typography.Text type="secondary">
            {t("page.shown", { shown: rows.length, total: data?.workflowInstances.totalCount ?? 0 })}
          </Typography.Text>
        </Card>
        <Card title={<h2 className="card-title">{t("page.attention")}</h2>}>
          <Table
            rowKey="id"
            className="attention"
            size="small"
            loading={loading}
            pagination={false}
            scroll={{ x: "max-content" }}
            dataSource={needsAttention(rows)}
            columns={columns}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("page.attentionEmpty")} /> }}
          />
        </Card>
      </Flex>
    </>
  );
}

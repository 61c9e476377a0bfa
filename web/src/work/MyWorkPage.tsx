import { Badge, Card, Empty, Flex, Segmented, Switch, Table, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { Pager } from "../shell/Pager";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { useViewer } from "../shell/viewer";
import { kindFilter, workLink, type WorkKindName } from "./workLink";

const MyWorkDocument = graphql(`
  query MyWorkItems($kind: WorkKind, $overdueOnly: Boolean, $after: String) {
    myWork(first: 50, after: $after, kind: $kind, overdueOnly: $overdueOnly) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        title
        dueAt
        overdue
        stateLabel
        customer {
          id
          code
          name
        }
        workflowInstance {
          id
        }
        formVersion {
          id
        }
        verificationId
      }
    }
    myWorkCounts {
      total
      overdue
      tasks
      inspections
      followUps
      reviews
      verifications
    }
  }
`);

const FILTERS = ["overdue", "kind"] as const;
const KINDS: { value: WorkKindName; count: "tasks" | "inspections" | "followUps" | "reviews" | "verifications" }[] = [
  { value: "TASK", count: "tasks" },
  { value: "INSPECTION", count: "inspections" },
  { value: "FOLLOW_UP", count: "followUps" },
  { value: "REVIEW", count: "reviews" },
  { value: "VERIFICATION", count: "verifications" },
];

/** The caller's open work across cases, planned inspections, follow-ups and verifications; overdue first. */
export default function MyWorkPage() {
  const { t } = useTranslation("work");
  const table = useUrlTable(FILTERS);
  const viewer = useViewer();
  const overdueOnly = table.filters.overdue === "1";
  const kind = kindFilter(table.filters.kind);
  const [{ data, error, fetching }] = useQuery({
    query: MyWorkDocument,
    variables: { kind, overdueOnly: overdueOnly || null, after: table.after },
  });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.myWork;
  const counts = data?.myWorkCounts;
  return (
    <>
      <PageHeader
        title={t("myWork.title")}
        subtitle={t("myWork.subtitle")}
        extra={
          <Flex align="center" gap={8}>
            <Switch
              id="overdue-only"
              checked={overdueOnly}
              onChange={(checked) => table.setFilters({ overdue: checked ? "1" : null })}
            />
            <label htmlFor="overdue-only">
              {t("myWork.overdueOnly")} {counts?.overdue ? <Badge count={counts.overdue} className="badge-bad" /> : null}
            </label>
          </Flex>
        }
      />
      <Card>
        <Segmented<string>
          className="work-kinds"
          aria-label={t("myWork.kind")}
          value={kind ?? "ALL"}
          onChange={(value) => table.setFilters({ kind: value === "ALL" ? null : value })}
          options={[
            { value: "ALL", label: `${t("kind.ALL")} ${counts?.total ?? ""}`.trim() },
            ...KINDS.map((entry) => ({ value: entry.value, label: `${t(`kind.${entry.value}`)} ${counts?.[entry.count] ?? ""}`.trim() })),
          ]}
        />
        <Table
          rowKey="id"
          loading={fetching && !data}
          dataSource={connection?.nodes ?? []}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description={t("myWork.empty")} /> }}
          columns={[
            {
              title: t("column.title"),
              key: "title",
              render: (_, row) => {
                const to = workLink(row, viewer.role);
                return (
                  <Flex vertical gap={2}>
                    {to ? <Link to={to}>{row.title}</Link> : <Typography.Text>{row.title}</Typography.Text>}
                    <Typography.Text type="secondary" className="work-kind">{t(`kind.${row.kind}`)}</Typography.Text>
                  </Flex>
                );
              },
            },
            { title: t("column.customer"), key: "customer", render: (_, row) => row.customer?.name ?? "—" },
            {
              title: t("column.state"),
              key: "state",
              responsive: ["md"],
              render: (_, row) => (row.stateLabel ? <Tag>{row.stateLabel}</Tag> : "—"),
            },
            {
              title: t("column.due"),
              key: "due",
              render: (_, row) => (
                <Flex gap={6} align="center" wrap>
                  {row.dueAt ? dayjs(row.dueAt).format("YYYY-MM-DD HH:mm") : t("noDue")}
                  {row.overdue ? <Tag className="tag-bad">{t("overdue")}</Tag> : null}
                </Flex>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">{t("myWork.total", { count: connection?.totalCount ?? 0 })}</Typography.Text>
        <Pager table={table} hasNextPage={connection?.pageInfo.hasNextPage ?? false} endCursor={connection?.pageInfo.endCursor} />
      </Card>
    </>
  );
}

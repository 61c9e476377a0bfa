import { Card, Empty, Flex, Switch, Table, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { Pager } from "../shell/Pager";
import { useUrlTable } from "../shell/urlTable";
import { useViewer } from "../shell/viewer";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";

function workflowTitle(definition: unknown): string {
  return localized((definition as { title?: unknown } | null)?.title, "—");
}

const MyWorkDocument = graphql(`
  query MyWork($filter: WorkflowInstanceFilter, $after: String) {
    workflowInstances(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        stateTitle
        dueAt
        isOverdue
        version {
          id
          definition
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

const FILTERS = ["overdue"] as const;

export default function MyWorkPage() {
  const { t } = useTranslation("work");
  const viewer = useViewer();
  const table = useUrlTable(FILTERS);
  const overdue = table.filters.overdue === "1";
  const [{ data, error, fetching }] = useQuery({
    query: MyWorkDocument,
    variables: { filter: { assigneeId: viewer.user?.id ?? null, overdue }, after: table.after },
  });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.workflowInstances;
  // Overdue first, then the soonest due; work without a due date last.
  const rows = [...(connection?.nodes ?? [])].sort(
    (a, b) =>
      Number(b.isOverdue) - Number(a.isOverdue) ||
      (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"),
  );
  return (
    <>
      <PageHeader
        title={t("myWork.title")}
        subtitle={t("myWork.subtitle")}
        extra={
          <Flex align="center" gap={8}>
            <Switch
              id="overdue-only"
              checked={overdue}
              onChange={(checked) => table.setFilters({ overdue: checked ? "1" : null })}
            />
            <label htmlFor="overdue-only">{t("myWork.overdueOnly")}</label>
          </Flex>
        }
      />
      <Card>
        <Table
          rowKey="id"
          loading={fetching && !data}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={t("myWork.empty")} /> }}
                    columns={[
            {
              title: t("column.title"),
              key: "title",
              render: (_, row) => <Link to={`/work/${encodeURIComponent(row.id)}`}>{workflowTitle(row.version.definition)}</Link>,
            },
            { title: t("column.customer"), key: "customer", render: (_, row) => row.customer?.name ?? "—" },
            { title: t("column.state"), key: "state", render: (_, row) => <Tag>{row.stateTitle}</Tag> },
            {
              title: t("column.due"),
              key: "due",
              render: (_, row) => (
                <Flex gap={6} align="center" wrap>
                  {row.dueAt ? dayjs(row.dueAt).format("YYYY-MM-DD HH:mm") : t("noDue")}
                  {row.isOverdue ? <Tag className="tag-bad">{t("overdue")}</Tag> : null}
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

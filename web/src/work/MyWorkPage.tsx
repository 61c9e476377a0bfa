import { Card, Empty, Flex, Segmented, Switch, Table, Tag, Typography } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { Pager } from "../shell/Pager";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { WORK_KINDS, parseKind, sortWork, workItemLink, type WorkKindName } from "./workItems";

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
      }
    }
  }
`);

const FILTERS = ["overdue", "kind"] as const;

export default function MyWorkPage() {
  const { t } = useTranslation("work");
  const table = useUrlTable(FILTERS);
  const overdue = table.filters.overdue === "1";
  const kind = parseKind(table.filters.kind);
  const [{ data, error, fetching }] = useQuery({
    query: MyWorkDocument,
    variables: { kind, overdueOnly: overdue || null, after: table.after },
  });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.myWork;
  const rows = sortWork(connection?.nodes ?? []);
  return (
    <>
      <PageHeader
        title={t("myWork.title")}
        subtitle={t("myWork.subtitle")}
        extra={
          <Flex align="center" gap={12} wrap>
            <Segmented<string>
              aria-label={t("myWork.kindFilter")}
              value={kind ?? "ALL"}
              options={[{ label: t("kind.ALL"), value: "ALL" }, ...WORK_KINDS.map((value) => ({ label: t(`kind.${value}`), value }))]}
              onChange={(value) => table.setFilters({ kind: value === "ALL" ? null : value })}
            />
            <Flex align="center" gap={8}>
              <Switch
                id="overdue-only"
                checked={overdue}
                onChange={(checked) => table.setFilters({ overdue: checked ? "1" : null })}
              />
              <label htmlFor="overdue-only">{t("myWork.overdueOnly")}</label>
            </Flex>
          </Flex>
        }
      />
      <Card>
        <Table
          rowKey="id"
          loading={fetching && !data}
          dataSource={rows}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("myWork.empty")} /> }}
          columns={[
            {
              title: t("column.title"),
              key: "title",
              render: (_, row) => {
                const to = workItemLink(row);
                return to ? <Link to={to}>{row.title}</Link> : row.title;
              },
            },
            { title: t("column.kind"), key: "kind", render: (_, row) => <Tag>{t(`kind.${row.kind as WorkKindName}`)}</Tag> },
            { title: t("column.customer"), key: "customer", render: (_, row) => row.customer?.name ?? "—" },
            { title: t("column.state"), key: "state", render: (_, row) => (row.stateLabel ? <Tag>{row.stateLabel}</Tag> : "—") },
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

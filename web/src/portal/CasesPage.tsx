import { Card, Empty, Flex, Switch, Table, Tag } from "antd";
import { Link } from "react-router";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { Pager } from "../shell/Pager";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { localized } from "../shell/localized";

const PortalCasesDocument = graphql(`
  query PortalCases($filter: WorkflowInstanceFilter, $after: String) {
    workflowInstances(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        state
        stateTitle
        closedAt
        version {
          id
          definition
        }
        submission {
          id
          submittedAt
          form {
            id
            title
          }
        }
      }
    }
  }
`);

const FILTERS = ["closed"] as const;

/** What the customer submitted (complaints, surveys, ...) and where each case stands. */
export default function CasesPage() {
  const { t } = useTranslation("portal");
  const table = useUrlTable(FILTERS);
  const includeClosed = table.filters.closed === "1";
  const [{ data, error, fetching }] = useQuery({
    query: PortalCasesDocument,
    variables: { filter: { includeClosed }, after: table.after },
  });
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const connection = data?.workflowInstances;
  return (
    <>
      <PageHeader
        title={t("cases.title")}
        subtitle={t("cases.subtitle")}
        extra={
          <Flex align="center" gap={8}>
            <Switch id="include-closed" checked={includeClosed} onChange={(on) => table.setFilters({ closed: on ? "1" : null })} />
            <label htmlFor="include-closed">{t("cases.includeClosed")}</label>
          </Flex>
        }
      />
      <Card>
        <Table
          rowKey="id"
          loading={fetching && !data}
          dataSource={connection?.nodes ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t("cases.empty")} /> }}
          columns={[
            {
              title: t("cases.what"),
              key: "what",
              render: (_, row) => (
                <Link to={`/portal/cases/${encodeURIComponent(row.id)}`}>
                  {row.submission?.form.title ?? localized((row.version.definition as { title?: unknown })?.title, "—")}
                </Link>
              ),
            },
            { title: t("cases.status"), key: "status", render: (_, row) => <Tag className={row.closedAt ? "tag-neutral" : "tag-info"}>{row.stateTitle}</Tag> },
            {
              title: t("cases.submittedAt"),
              key: "submitted",
              render: (_, row) => (row.submission ? dayjs(row.submission.submittedAt).format("YYYY-MM-DD HH:mm") : "—"),
            },
          ]}
        />
        <Pager table={table} hasNextPage={connection?.pageInfo.hasNextPage ?? false} endCursor={connection?.pageInfo.endCursor} />
      </Card>
    </>
  );
}

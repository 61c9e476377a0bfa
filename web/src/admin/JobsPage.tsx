import { Badge, Flex, Progress, Select, Tooltip, Typography } from "antd";
import { useQuery } from "urql";
import { useTranslation } from "react-i18next";
import { useEffect } from "react";
import dayjs from "dayjs";
import { graphql, type JobStatus } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { FilteredTable } from "../shell/FilteredTable";
import { SearchFilter } from "../shell/SearchFilter";
import { useUrlTable } from "../shell/urlTable";
import { percent } from "./importWizard";
import { JOB_STATUSES, STATUS_COLOR, jobFilter, hasActiveJobs } from "./jobRuns";

const JobRunsDocument = graphql(`
  query AdminJobRuns($filter: JobRunFilter, $after: String) {
    jobRuns(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        status
        statusLabel
        periodic
        attempts
        maxAttempts
        progress {
          done
          total
        }
        error
        queuedAt
        startedAt
        finishedAt
      }
    }
  }
`);

const FILTERS = ["name", "status", "periodic"] as const;
const POLL_MS = 2000;

export default function JobsPage() {
  const { t } = useTranslation("admin");
  const table = useUrlTable(FILTERS);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: JobRunsDocument,
    variables: { filter: jobFilter(table.filters), after: table.after },
  });
  const connection = data?.jobRuns;
  const active = hasActiveJobs(connection?.nodes ?? []);
  useEffect(() => {
    if (!active) return undefined;
    const timer = window.setInterval(() => refetch({ requestPolicy: "network-only" }), POLL_MS);
    return () => window.clearInterval(timer);
  }, [active, refetch]);
  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  return (
    <>
      <PageHeader title={t("jobs.title")} subtitle={t("jobs.subtitle")} />
      <FilteredTable
        table={table}
        className="jobs-table"
        loading={fetching && !data}
        rows={connection?.nodes ?? []}
        empty={t("jobs.empty")}
        total={t("jobs.total", { count: connection?.totalCount ?? 0 })}
        pageInfo={connection?.pageInfo}
        filters={
          <>
            <SearchFilter key={`name-${table.filters.name ?? ""}`} label={t("jobs.name")} value={table.filters.name ?? ""} onSearch={(name) => table.setFilters({ name })} />
            <Select
              aria-label={t("column.status")}
              style={{ width: 150 }}
              value={table.filters.status ?? ""}
              onChange={(value: string) => table.setFilters({ status: value || null })}
              options={[{ value: "", label: t("jobs.allStatuses") }, ...JOB_STATUSES.map((s) => ({ value: s, label: t(`jobs.status.${s}`) }))]}
            />
            <Select
              aria-label={t("jobs.trigger")}
              style={{ width: 150 }}
              value={table.filters.periodic ?? ""}
              onChange={(value: string) => table.setFilters({ periodic: value || null })}
              options={[
                { value: "", label: t("jobs.allTriggers") },
                { value: "1", label: t("jobs.periodic") },
                { value: "0", label: t("jobs.requested") },
              ]}
            />
          </>
        }
        columns={[
          {
            title: t("jobs.name"),
            key: "name",
            render: (_, j) => (
              <Flex vertical>
                <Typography.Text ellipsis={{ tooltip: j.name }}>{j.name}</Typography.Text>
                {j.error ? (
                  <Tooltip title={j.error}>
                    <Typography.Text type="danger" ellipsis className="job-error">
                      {j.error}
                    </Typography.Text>
                  </Tooltip>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t("column.status"),
            key: "status",
            width: 128,
            render: (_, j) => <Badge status={STATUS_COLOR[j.status as JobStatus]} text={j.statusLabel} />,
          },
          {
            title: t("jobs.progress"),
            key: "progress",
            width: 160,
            render: (_, j) => {
              const value = j.status === "SUCCEEDED" ? 100 : percent(j.progress);
              const text = j.progress.total == null ? (j.progress.done ? String(j.progress.done) : "—") : `${j.progress.done}/${j.progress.total}`;
              return (
                <Flex align="center" gap={8}>
                  <Progress
                    size="small"
                    showInfo={false}
                    aria-label={t("jobs.progressOf", { name: j.name })}
                    percent={value ?? 0}
                    status={j.status === "FAILED" ? "exception" : j.status === "SUCCEEDED" ? "success" : "active"}
                    className="job-progress"
                    style={{ flex: 1, minWidth: 60, margin: 0 }}
                  />
                  <Typography.Text>{text}</Typography.Text>
                </Flex>
              );
            },
          },
          { title: t("jobs.attempts"), key: "attempts", width: 80, priority: 2, render: (_, j) => `${j.attempts}/${j.maxAttempts}` },
          { title: t("jobs.trigger"), key: "trigger", width: 100, priority: 3, render: (_, j) => (j.periodic ? t("jobs.periodic") : t("jobs.requested")) },
          { title: t("jobs.queued"), key: "queued", width: 140, priority: 2, render: (_, j) => dayjs(j.queuedAt).format("MM-DD HH:mm:ss") },
          { title: t("jobs.finished"), key: "finished", width: 140, priority: 3, render: (_, j) => (j.finishedAt ? dayjs(j.finishedAt).format("MM-DD HH:mm:ss") : "—") },
        ]}
      />
    </>
  );
}

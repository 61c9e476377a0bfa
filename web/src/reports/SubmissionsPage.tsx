import { Button, DatePicker, Select, Segmented, Tag } from "antd";
import { useQuery } from "urql";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { graphql } from "../api/graphql";
import { PageHeader } from "../shell/PageHeader";
import { FilteredTable } from "../shell/FilteredTable";
import { useUrlTable } from "../shell/urlTable";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { ExportMenu } from "../shell/ExportMenu";
import { findingRows, submissionFilter, viewOf, type SubmissionView } from "./submissionFilters";

const FormsDocument = graphql(`
  query SubmissionForms {
    forms(first: 100) {
      nodes {
        id
        title
      }
    }
  }
`);

const SubmissionsDocument = graphql(`
  query SubmissionList($filter: SubmissionFilter, $after: String) {
    submissions(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        submittedAt
        customer {
          id
          code
          name
        }
        submittedBy {
          id
          displayName
        }
        score {
          percent
          passed
        }
        hasFindings
        findings {
          pointer
          severity
          title
        }
      }
    }
  }
`);

const FILTERS = ["form", "view", "from", "to", "findings"] as const;
const SEVERITY_CLASS: Record<string, string> = { LOW: "tag-info", MEDIUM: "tag-warn", HIGH: "tag-bad", CRITICAL: "tag-bad" };

/** Submissions of one form, or their findings, filtered in the URL, with an Export menu. */
export default function SubmissionsPage() {
  const { t } = useTranslation("reports");
  const table = useUrlTable(FILTERS);
  const [forms] = useQuery({ query: FormsDocument });
  const formOptions = (forms.data?.forms.nodes ?? []).map((form) => ({ value: form.id, label: form.title }));
  const filter = submissionFilter(table.filters, formOptions[0]?.value ?? null);
  const view = viewOf(table.filters);
  const [{ data, error, fetching }] = useQuery({
    query: SubmissionsDocument,
    variables: { filter, after: table.after },
    pause: !filter.formId,
  });
  if ((error && !data) || (forms.error && !forms.data)) return <ErrorPage kind={errorKind((error ?? forms.error)!)} />;
  const connection = data?.submissions;
  const submissions = connection?.nodes ?? [];
  const range = table.filters.from && table.filters.to ? ([dayjs(table.filters.from), dayjs(table.filters.to)] as const) : null;

  const filters = (
    <>
      <Select
        aria-label={t("submissions.form")}
        style={{ minWidth: 220 }}
        value={filter.formId ?? undefined}
        placeholder={t("submissions.form")}
        options={formOptions}
        loading={forms.fetching}
        onChange={(form: string) => table.setFilters({ form })}
        showSearch={{ optionFilterProp: "label" }}
      />
      <Segmented<SubmissionView>
        aria-label={t("submissions.view")}
        value={view}
        options={[
          { value: "submissions", label: t("submissions.submissions") },
          { value: "findings", label: t("submissions.findings") },
        ]}
        onChange={(next) => table.setFilters({ view: next === "findings" ? "findings" : null })}
      />
      <DatePicker.RangePicker
        aria-label={t("submissions.period")}
        value={range ? [range[0], range[1]] : null}
        onChange={(dates) =>
          table.setFilters({ from: dates?.[0]?.format("YYYY-MM-DD") ?? null, to: dates?.[1]?.format("YYYY-MM-DD") ?? null })
        }
      />
      {view === "submissions" ? (
        <Select
          aria-label={t("submissions.withFindings")}
          style={{ width: 150 }}
          value={table.filters.findings ?? ""}
          onChange={(value: string) => table.setFilters({ findings: value || null })}
          options={[
            { value: "", label: t("submissions.all") },
            { value: "1", label: t("submissions.withFindings") },
          ]}
        />
      ) : null}
      {Object.keys(table.filters).length ? <Button onClick={table.reset}>{t("submissions.clear")}</Button> : null}
    </>
  );

  const exportMenu = filter.formId ? <ExportMenu kind={view} filter={filter} total={connection?.totalCount} /> : null;
  const customer = (row: (typeof submissions)[number]) =>
    row.customer ? <Link to={`/customers/${encodeURIComponent(row.customer.code)}`}>{row.customer.name}</Link> : "—";

  return (
    <>
      <PageHeader title={t("submissions.title")} subtitle={t("submissions.subtitle")} extra={exportMenu} />
      {view === "submissions" ? (
        <FilteredTable
          table={table}
          loading={fetching && !data}
          rows={submissions}
          filters={filters}
          empty={filter.formId ? t("submissions.empty") : t("submissions.noForm")}
          total={t("submissions.total", { count: connection?.totalCount ?? 0 })}
          pageInfo={connection?.pageInfo}
          columns={[
            { title: t("submissions.at"), key: "at", width: 150, render: (_, row) => dayjs(row.submittedAt).format("YYYY-MM-DD HH:mm") },
            { title: t("submissions.customer"), key: "customer", render: (_, row) => customer(row) },
            { title: t("submissions.by"), key: "by", priority: 2, render: (_, row) => row.submittedBy?.displayName ?? "—" },
            {
              title: t("submissions.score"),
              key: "score",
              width: 110,
              render: (_, row) =>
                row.score ? (
                  <Tag className={row.score.passed ? "tag-good" : "tag-bad"}>{row.score.percent == null ? "—" : `${row.score.percent.toFixed(0)}%`}</Tag>
                ) : (
                  "—"
                ),
            },
            { title: t("submissions.findingCount"), key: "findings", width: 90, render: (_, row) => row.findings.length },
          ]}
        />
      ) : (
        <FilteredTable
          table={table}
          loading={fetching && !data}
          rows={findingRows(submissions)}
          rowKey="key"
          filters={filters}
          empty={filter.formId ? t("submissions.noFindings") : t("submissions.noForm")}
          total={t("submissions.findingsTotal", { count: connection?.totalCount ?? 0 })}
          pageInfo={connection?.pageInfo}
          columns={[
            {
              title: t("submissions.severity"),
              key: "severity",
              width: 100,
              render: (_, row) => <Tag className={SEVERITY_CLASS[row.finding.severity]}>{t(`severity.${row.finding.severity}`)}</Tag>,
            },
            { title: t("submissions.finding"), key: "finding", render: (_, row) => row.finding.title },
            { title: t("submissions.customer"), key: "customer", render: (_, row) => customer(row.submission) },
            {
              title: t("submissions.at"),
              key: "at",
              width: 150,
              priority: 2,
              render: (_, row) => dayjs(row.submission.submittedAt).format("YYYY-MM-DD HH:mm"),
            },
          ]}
        />
      )}
    </>
  );
}

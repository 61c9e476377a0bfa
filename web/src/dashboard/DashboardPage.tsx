import { useMemo, useState, type ReactNode } from "react";
import { App, Button, Card, Col, Empty, Row, Skeleton, Typography } from "antd";
import { PrinterOutlined } from "@ant-design/icons";
import { useNavigate, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { useTranslation } from "react-i18next";
import dayjs from "dayjs";
import { addMessages } from "../i18n";
import { PageHeader } from "../shell/PageHeader";
import { ErrorPage, errorKind } from "../shell/ErrorPage";
import { HeatMap } from "../customers/HeatMap";
import { pageMessages } from "./pageMessages";
import { DashboardKpisDocument, DashboardOptionsDocument, DashboardPrintDocument } from "./documents";
import { kpiFilter, monthsOf, previousPeriod, readFilters, writeFilters } from "./filters";
import { decimal, deltaText, gradeBars, monthlyFrom, npsSeries, percent, severityBars, trend, workloadRows, workloadTotals } from "./series";
import { countBars, monthlyLine, npsLine, workloadBars } from "./charts";
import { customersLink, type Drill } from "./drill";
import { Chart } from "./Chart";
import { FilterBar } from "./FilterBar";
import { KpiCard } from "./KpiCard";
import { DrillDrawer } from "./DrillDrawer";
import "./dashboard.css";

addMessages("dashboard", pageMessages);

const SEVERITY_COLOR: Record<string, string> = { critical: "#820014", high: "#cf1322", medium: "#d48806", low: "#1677ff" };

function Panel({ title, note, children, testId, extra }: { title: string; note?: string; children: ReactNode; testId: string; extra?: ReactNode }) {
  return (
    <Card
      className="dashboard-panel"
      data-testid={testId}
      extra={extra}
      title={
        <div>
          <Typography.Title level={2} className="dashboard-panel-title">
            {title}
          </Typography.Title>
          {note && <div className="dashboard-panel-note">{note}</div>}
        </div>
      }
    >
      {children}
    </Card>
  );
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation("dashboard");
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = dayjs().format("YYYY-MM-DD");
  const filters = useMemo(() => readFilters(params, today), [params, today]);
  const previous = useMemo(() => previousPeriod(filters.from, filters.to), [filters]);
  const months = useMemo(() => monthsOf(filters.from, filters.to), [filters]);
  const [drill, setDrill] = useState<Drill | null>(null);

  const [{ data, error, fetching }] = useQuery({ query: DashboardKpisDocument, variables: { filter: kpiFilter(filters) } });
  const [{ data: before }] = useQuery({ query: DashboardKpisDocument, variables: { filter: kpiFilter(filters, previous) } });
  const [{ data: options }] = useQuery({ query: DashboardOptionsDocument });
  const [{ fetching: printing }, print] = useMutation(DashboardPrintDocument);

  const names = useMemo(() => new Map((options?.users.nodes ?? []).map((u) => [u.id, u.displayName || u.username])), [options]);
  const auditors = (options?.users.nodes ?? []).filter((u) => u.role === "AUDITOR").map((u) => ({ value: u.id, label: u.displayName || u.username }));
  const forms = (options?.forms.nodes ?? []).map((f) => ({ value: f.id, label: f.title }));

  if (error && !data) return <ErrorPage kind={errorKind(error)} />;
  const kpis = data?.kpis;
  const earlier = before?.kpis;
  const loading = fetching && !kpis;
  const completion = kpis?.inspectionCompletion;
  const findings = kpis?.findingsPerSubmission;
  const totals = workloadTotals(kpis?.auditorWorkload ?? []);
  const earlierTotals = earlier ? workloadTotals(earlier.auditorWorkload) : null;
  const workload = workloadRows(kpis?.auditorWorkload ?? [], names, t("unassigned"));
  const grades = gradeBars(kpis?.creditGrades ?? [], t("ungraded"));
  const customers = grades.reduce((sum, g) => sum + g.count, 0);
  const completionTrend = trend(completion?.rate, earlier?.inspectionCompletion.rate, "higher");
  const findingsTrend = trend(findings?.rate, earlier?.findingsPerSubmission.rate, "neither");
  const openTrend = trend(kpis ? totals.open : null, earlierTotals?.open, "lower");
  const nps = kpis?.satisfaction.nps;
  const npsTrend = trend(nps?.score, earlier?.satisfaction.nps.score, "higher");
  const labels = months.map((m) => m.label);
  const monthly = monthlyFrom(labels, kpis?.efficiency.onTimeByMonth ?? []);
  const npsPoints = npsSeries(labels, kpis?.satisfaction.trend ?? []);
  const severities = severityBars(kpis?.discovery.bySeverity ?? []);

  function change(next: Parameters<typeof writeFilters>[1]) {
    setParams(writeFilters(params, next), { replace: false });
  }

  async function printPdf() {
    const result = await print({
      input: { kind: "DASHBOARD", periodFrom: filters.from, periodTo: filters.to, language: i18n.language === "en" ? "en" : "zh-CN" },
    });
    const answer = result.data?.requestReport;
    if (answer?.__typename === "ReportRequested") {
      void message.success({
        content: (
          <span>
            {t("page.printing")}{" "}
            {/* The message renders outside the router: navigate from here, not a <Link>. */}
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => void navigate("/my-reports")}>
              {t("page.openReports")}
            </Button>
          </span>
        ),
        duration: 6,
      });
    } else {
      const reason = answer && "message" in answer ? answer.message : (result.error?.message ?? "");
      void message.error(t("page.printRefused", { message: reason }));
    }
  }

  return (
    <div className="dashboard">
      <PageHeader
        title={t("page.title")}
        subtitle={t("page.subtitle")}
        extra={
          <Button type="primary" icon={<PrinterOutlined />} loading={printing} onClick={() => void printPdf()}>
            {t("page.print")}
          </Button>
        }
      />
      <FilterBar filters={filters} today={today} auditors={auditors} forms={forms} onChange={change} onClear={() => setParams(new URLSearchParams())} />

      <Row gutter={[16, 16]} className="dashboard-cards">
        <Col xs={24} sm={12} xl={6}>
          <KpiCard
            testId="kpi-completion"
            label={t("card.completion")}
            value={percent(completion?.rate)}
            note={t("card.completionNote", { done: completion?.numerator ?? 0, due: completion?.denominator ?? 0 })}
            trend={completionTrend}
            delta={deltaText(completionTrend, "rate")}
            loading={loading}
            onOpen={() => setDrill({ kpi: "INSPECTIONS_DUE" })}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <KpiCard
            testId="kpi-findings"
            label={t("card.findings")}
            value={decimal(findings?.rate)}
            note={t("card.findingsNote", { findings: findings?.numerator ?? 0, count: findings?.denominator ?? 0 })}
            trend={findingsTrend}
            delta={deltaText(findingsTrend, "decimal")}
            loading={loading}
            onOpen={() => setDrill({ kpi: "FINDINGS" })}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <KpiCard
            testId="kpi-open"
            label={t("card.open")}
            value={String(totals.open)}
            note={t("card.openNote", { overdue: totals.overdue })}
            trend={openTrend}
            delta={deltaText(openTrend, "count")}
            loading={loading}
            onOpen={() => setDrill({ kpi: "OPEN_INSPECTIONS" })}
          />
        </Col>
        <Col xs={24} sm={12} xl={6}>
          <KpiCard
            testId="kpi-nps"
            label={t("card.nps")}
            value={nps?.score == null ? "—" : String(nps.score)}
            note={t("card.npsNote", { responses: nps?.responses ?? 0, promoters: nps?.promoters ?? 0, detractors: nps?.detractors ?? 0 })}
            trend={npsTrend}
            delta={deltaText(npsTrend, "decimal")}
            loading={loading}
            onOpen={() => setDrill({ kpi: "SURVEY_RESPONSES" })}
          />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Panel testId="chart-monthly" title={t("chart.monthly")} note={t("chart.monthlyNote")}>
            {loading ? (
              <Skeleton active />
            ) : monthly.every((p) => p.value == null) ? (
              <Empty description={t("chart.noData")} />
            ) : (
              <Chart
                label={t("chart.monthly")}
                option={monthlyLine(monthly, t("chart.rate"), (p) =>
                  t("chart.monthlyTooltip", { month: p.label, value: p.value == null ? "—" : `${p.value}%`, done: p.done, due: p.due }),
                )}
              />
            )}
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel testId="chart-workload" title={t("chart.workload")} note={t("chart.workloadNote")}>
            {loading ? (
              <Skeleton active />
            ) : workload.length === 0 ? (
              <Empty description={t("chart.noData")} />
            ) : (
              <>
                <Chart label={t("chart.workload")} height={Math.max(160, 44 + 34 * workload.length)} option={workloadBars(workload, { onTrack: t("chart.onTrack"), overdue: t("chart.overdue") })} />
                <div className="dashboard-workload-links">
                  {workload.map((row) => (
                    <Button key={row.auditorId ?? "none"} size="small" onClick={() => setDrill({ kpi: "OPEN_INSPECTIONS", auditorId: row.auditorId, name: row.name })} disabled={!row.auditorId}>
                      {row.name} · {row.open}
                    </Button>
                  ))}
                </div>
              </>
            )}
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel testId="chart-severity" title={t("chart.severity")} note={t("chart.severityNote")}>
            {loading ? (
              <Skeleton active />
            ) : severities.every((b) => b.count === 0) ? (
              <Empty description={t("chart.noData")} />
            ) : (
              <Chart
                label={t("chart.severity")}
                option={countBars(
                  severities.map((b) => ({ label: t(`severity.${b.severity}`), count: b.count, color: SEVERITY_COLOR[b.severity] })),
                  t("chart.findings"),
                )}
              />
            )}
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel testId="chart-nps" title={t("chart.nps")} note={t("chart.npsNote")}>
            {loading ? (
              <Skeleton active />
            ) : npsPoints.every((p) => p.value == null) ? (
              <Empty description={t("chart.noData")} />
            ) : (
              <Chart label={t("chart.nps")} option={npsLine(npsPoints, "NPS")} />
            )}
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel testId="chart-heat" title={t("chart.heatMap")} note={t("chart.heatMapNote")}>
            {loading ? (
              <Skeleton active />
            ) : (
              <div className="dashboard-heat">
                <HeatMap cells={kpis?.risk.heatMap ?? []} />
              </div>
            )}
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel
            testId="chart-grades"
            title={t("chart.grades")}
            extra={
              <Button type="link" onClick={() => void navigate(customersLink(filters))}>
                {t("chart.customersLink", { count: customers })}
              </Button>
            }
          >
            {loading ? (
              <Skeleton active />
            ) : grades.length === 0 ? (
              <Empty description={t("chart.noData")} />
            ) : (
              <Chart label={t("chart.grades")} option={countBars(grades.map((g) => ({ label: g.label, count: g.count, color: g.key ? undefined : "#bfbfbf" })), t("chart.customers"))} />
            )}
          </Panel>
        </Col>
      </Row>
      <DrillDrawer drill={drill} filters={filters} onClose={() => setDrill(null)} />
    </div>
  );
}

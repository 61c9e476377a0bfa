/** What a card's number opens: the rows behind it (`kpiRows`, the same filter and scope). */
import { kpiFilter, type DashboardFilters, type KpiFilterVariables } from "./filters";

export type DrillKpi = "INSPECTIONS_DUE" | "OPEN_INSPECTIONS" | "FINDINGS" | "SURVEY_RESPONSES";

export interface Drill {
  kpi: DrillKpi;
  /** One auditor's rows (a workload bar); else the dashboard's auditor filter. */
  auditorId?: string | null;
  name?: string;
}

/** The KPI filter of the rows: the dashboard's, narrowed to the drill's auditor. */
export function drillFilter(drill: Drill, filters: DashboardFilters): KpiFilterVariables {
  const base = kpiFilter(filters);
  return drill.auditorId ? { ...base, auditorId: drill.auditorId } : base;
}

const STATUSES = ["planned", "opened", "done", "cancelled", "on_time", "late"];

/** A row's label or detail as the i18n key of a known status (inspection, on time or late),
 * else null (shown as it is). */
export function statusKey(label: string): string | null {
  const lower = label.toLowerCase();
  return STATUSES.includes(lower) ? `drill.status.${lower}` : null;
}

/** The customers list with the dashboard's tier and region (the rows behind the customer count). */
export function customersLink(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.tier) params.set("tier", filters.tier);
  if (filters.region) params.set("region", filters.region);
  const query = params.toString();
  return query ? `/customers?${query}` : "/customers";
}

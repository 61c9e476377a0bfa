/** What a card's number opens: the rows behind it, as the scheduled inspections' filter. */
import { earlier, type DashboardFilters } from "./filters";

export type Drill = { kind: "due" } | { kind: "open"; auditorId?: string | null; name?: string };

export interface InspectionFilterVariables {
  dueFrom: string;
  dueTo: string;
  status: ("PLANNED" | "OPENED" | "DONE")[];
  assigneeId: string | null;
}

/**
 * "due": the inspections of the completion rate's denominator (due in the period by today,
 * not cancelled); "open": planned or opened ones due in the period (the workload).
 */
export function drillFilter(drill: Drill, filters: DashboardFilters, today: string): InspectionFilterVariables {
  if (drill.kind === "due") {
    return { dueFrom: filters.from, dueTo: earlier(filters.to, today), status: ["PLANNED", "OPENED", "DONE"], assigneeId: filters.auditor };
  }
  return { dueFrom: filters.from, dueTo: filters.to, status: ["PLANNED", "OPENED"], assigneeId: drill.auditorId ?? filters.auditor };
}

/** Whether a listed inspection is overdue: still open and due before today. */
export function overdue(row: { status: string; dueOn: string }, today: string): boolean {
  return (row.status === "PLANNED" || row.status === "OPENED") && row.dueOn < today;
}

/** The customers list with the dashboard's tier and region (the rows behind the customer card). */
export function customersLink(filters: DashboardFilters): string {
  const params = new URLSearchParams();
  if (filters.tier) params.set("tier", filters.tier);
  if (filters.region) params.set("region", filters.region);
  const query = params.toString();
  return query ? `/customers?${query}` : "/customers";
}

/**
 * The listed rows the dashboard's tier and region keep (the inspections' filter has neither,
 * so the drawer narrows what it fetched); the form filter does not apply to inspections.
 */
export function keepRows<R extends { customer?: { region?: string | null; tier?: string | null } | null }>(rows: R[], filters: DashboardFilters): R[] {
  return rows.filter(
    (row) => (!filters.tier || row.customer?.tier === filters.tier) && (!filters.region || row.customer?.region === filters.region),
  );
}

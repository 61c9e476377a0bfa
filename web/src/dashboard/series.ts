/** What the dashboard shows of the KPI figures: numbers, trend arrows, chart series. */
export type Better = "higher" | "lower" | "neither";

export interface Trend {
  direction: "up" | "down" | "flat";
  /** current - previous, or null when either is unknown. */
  delta: number | null;
  tone: "good" | "bad" | "neutral";
}

/** How a figure moved since the previous period, and whether that is good news. */
export function trend(current: number | null | undefined, previous: number | null | undefined, better: Better, epsilon = 1e-9): Trend {
  if (current == null || previous == null) return { direction: "flat", delta: null, tone: "neutral" };
  const delta = current - previous;
  if (Math.abs(delta) <= epsilon) return { direction: "flat", delta: 0, tone: "neutral" };
  const direction = delta > 0 ? "up" : "down";
  if (better === "neither") return { direction, delta, tone: "neutral" };
  const good = (direction === "up") === (better === "higher");
  return { direction, delta, tone: good ? "good" : "bad" };
}

/** A rate (0..1) as a percentage with one decimal, "—" when there is none. */
export function percent(rate: number | null | undefined): string {
  return rate == null ? "—" : `${(100 * rate).toFixed(1)}%`;
}

/** A ratio with two decimals, "—" when there is none. */
export function decimal(value: number | null | undefined, digits = 2): string {
  return value == null ? "—" : value.toFixed(digits);
}

/** A trend's delta as shown beside the arrow: percentage points for rates. */
export function deltaText(trendValue: Trend, kind: "rate" | "count" | "decimal"): string {
  if (trendValue.delta == null) return "";
  const size = Math.abs(trendValue.delta);
  const sign = trendValue.delta > 0 ? "+" : trendValue.delta < 0 ? "−" : "±";
  if (kind === "rate") return `${sign}${(100 * size).toFixed(1)} pp`;
  if (kind === "decimal") return `${sign}${size.toFixed(2)}`;
  return `${sign}${Math.round(size)}`;
}

export interface RatioLike {
  numerator: number;
  denominator: number;
  rate?: number | null;
}

export interface MonthlyPoint {
  label: string;
  /** Percent 0..100, null when nothing was due that month. */
  value: number | null;
  done: number;
  due: number;
}

/** One point per month from each month's completion ratio (null while still loading). */
export function monthlyRates(labels: string[], ratios: (RatioLike | null | undefined)[]): MonthlyPoint[] {
  return labels.map((label, index) => {
    const ratio = ratios[index];
    const due = ratio?.denominator ?? 0;
    const done = ratio?.numerator ?? 0;
    return { label, value: due > 0 ? Math.round((1000 * done) / due) / 10 : null, done, due };
  });
}

export interface WorkloadLike {
  auditorId?: string | null;
  open: number;
  overdue: number;
}

export interface WorkloadRow {
  auditorId: string | null;
  name: string;
  open: number;
  overdue: number;
}

/** The workload per auditor with their names, most open work first, at most `limit` rows. */
export function workloadRows(rows: WorkloadLike[], names: Map<string, string>, unassigned: string, limit = 10): WorkloadRow[] {
  return rows
    .map((row) => ({
      auditorId: row.auditorId ?? null,
      name: row.auditorId ? (names.get(row.auditorId) ?? row.auditorId.slice(0, 8)) : unassigned,
      open: row.open,
      overdue: row.overdue,
    }))
    .sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** Totals of the workload rows: open and overdue inspections. */
export function workloadTotals(rows: WorkloadLike[]): { open: number; overdue: number } {
  return rows.reduce((sum, row) => ({ open: sum.open + row.open, overdue: sum.overdue + row.overdue }), { open: 0, overdue: 0 });
}

export interface GroupLike {
  key?: string | null;
  count: number;
}

/** Credit grades in grade order, ungraded last, with its label. */
export function gradeBars(groups: GroupLike[], ungraded: string): { label: string; count: number; key: string | null }[] {
  return [...groups]
    .sort((a, b) => (a.key == null ? 1 : b.key == null ? -1 : a.key.localeCompare(b.key)))
    .map((g) => ({ label: g.key ?? ungraded, count: g.count, key: g.key ?? null }));
}

/** One point per month of the period from the API's per-month ratios (missing months: none due). */
export function monthlyFrom(labels: string[], byMonth: { month: string; ratio: RatioLike }[]): MonthlyPoint[] {
  const found = new Map(byMonth.map((m) => [m.month, m.ratio]));
  return monthlyRates(labels, labels.map((label) => found.get(label)));
}

export interface NpsMonthLike {
  month: string;
  nps: { score?: number | null; responses: number };
}

/** NPS (-100..100) per month of the period; null where nobody answered. */
export function npsSeries(labels: string[], months: NpsMonthLike[]): { label: string; value: number | null; responses: number }[] {
  const found = new Map(months.map((m) => [m.month, m.nps]));
  return labels.map((label) => {
    const nps = found.get(label);
    return { label, value: nps && nps.responses > 0 ? (nps.score ?? null) : null, responses: nps?.responses ?? 0 };
  });
}

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;

/** Findings per severity in a fixed order (critical first), zero where none. */
export function severityBars(counts: { severity: string; count: number }[]): { severity: string; count: number }[] {
  const found = new Map(counts.map((c) => [c.severity, c.count]));
  return SEVERITIES.map((severity) => ({ severity, count: found.get(severity) ?? 0 }));
}

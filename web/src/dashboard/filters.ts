/**
 * The dashboard's filters and the URL: period (from, to), tier, region, auditor and form.
 * Plain functions (unit-tested): what the URL says, what the API is asked, which months
 * and which earlier period a figure is compared with.
 */
export const TIERS = ["KEY", "NORMAL", "HIGH_RISK"] as const;
export type Tier = (typeof TIERS)[number];

export interface DashboardFilters {
  from: string;
  to: string;
  tier: Tier | null;
  region: string | null;
  auditor: string | null;
  form: string | null;
}

/** The longest period the dashboard (and its PDF) covers, as the reports do. */
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

function parse(day: string): number | null {
  if (!ISO.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? null : ms;
}

function format(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function spanDays(from: string, to: string): number {
  return Math.round(((parse(to) ?? 0) - (parse(from) ?? 0)) / DAY_MS) + 1;
}

/** The default period: the first day of the month five months back, to today (six months). */
export function defaultPeriod(today: string): [string, string] {
  const [year, month] = today.split("-").map(Number);
  const start = new Date(Date.UTC(year, month - 1 - 5, 1));
  return [format(start.getTime()), today];
}

/** A preset period ending today: this month, the last 3 / 6 / 12 months, this year. */
export function presetPeriod(preset: "month" | "3m" | "6m" | "12m" | "year", today: string): [string, string] {
  const [year, month] = today.split("-").map(Number);
  const back = { month: 0, "3m": 2, "6m": 5, "12m": 11, year: month - 1 }[preset];
  return [format(Date.UTC(year, month - 1 - back, 1)), today];
}

/** The filters in the URL; a missing or broken period falls back to the default. */
export function readFilters(params: URLSearchParams, today: string): DashboardFilters {
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const valid = parse(from) !== null && parse(to) !== null && from <= to && spanDays(from, to) <= MAX_DAYS;
  const [defaultFrom, defaultTo] = defaultPeriod(today);
  const tier = params.get("tier");
  return {
    from: valid ? from : defaultFrom,
    to: valid ? to : defaultTo,
    tier: tier && (TIERS as readonly string[]).includes(tier) ? (tier as Tier) : null,
    region: params.get("region")?.trim() || null,
    auditor: params.get("auditor") || null,
    form: params.get("form") || null,
  };
}

/** The URL after changing some filters (empty values are removed; the rest is kept). */
export function writeFilters(current: URLSearchParams, next: Partial<Record<keyof DashboardFilters, string | null>>): URLSearchParams {
  const updated = new URLSearchParams(current);
  for (const [name, value] of Object.entries(next)) {
    if (value) updated.set(name, value);
    else updated.delete(name);
  }
  return updated;
}

export interface KpiFilterVariables {
  start: string;
  end: string;
  tier: Tier | null;
  region: string | null;
  auditorId: string | null;
  formId: string | null;
}

/** The API's KpiFilterInput for the filters, optionally over another period. */
export function kpiFilter(filters: DashboardFilters, period: [string, string] = [filters.from, filters.to]): KpiFilterVariables {
  return {
    start: period[0],
    end: period[1],
    tier: filters.tier,
    region: filters.region,
    auditorId: filters.auditor,
    formId: filters.form,
  };
}

/** The period of the same length just before (what a trend compares with). */
export function previousPeriod(from: string, to: string): [string, string] {
  const days = spanDays(from, to);
  const end = (parse(from) ?? 0) - DAY_MS;
  return [format(end - (days - 1) * DAY_MS), format(end)];
}

export interface Month {
  /** "2026-01" */
  label: string;
  start: string;
  end: string;
}

/** The calendar months of the period, each clipped to it (at most the last `limit`). */
export function monthsOf(from: string, to: string, limit = 13): Month[] {
  const months: Month[] = [];
  let start = from;
  while (start <= to) {
    const [year, month] = start.split("-").map(Number);
    const last = format(Date.UTC(year, month, 0));
    const end = last < to ? last : to;
    months.push({ label: start.slice(0, 7), start, end });
    start = format(Date.UTC(year, month, 1));
  }
  return months.slice(-limit);
}

/** The earlier of two days (ISO strings compare as dates). */
export function earlier(a: string, b: string): string {
  return a < b ? a : b;
}

import type { Language } from "../i18n";
import { rawId } from "../api/ids";

export { rawId };

/** Rows the server streams straight out (`exports/service.py` STREAM_LIMIT); more go to a job. */
export const STREAM_LIMIT = 5000;

export type ExportKindName = "submissions" | "findings" | "customers";
export type ExportFormatName = "csv" | "xlsx";

/** The list filter as the GraphQL inputs take it (global ids, enum names). */
export type ListFilter = Record<string, unknown>;

const ID_FIELDS = new Set(["formId", "formVersionId", "customerId", "submittedById", "auditorId"]);

/** The filter as the streaming endpoint reads it: raw ids, lower-case tiers, no nulls. */
export function streamFilters(kind: ExportKindName, filter: ListFilter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(filter)) {
    if (value === null || value === undefined || value === "") continue;
    if (ID_FIELDS.has(name) && typeof value === "string") out[name] = rawId(value);
    else if (kind === "customers" && name === "tier" && typeof value === "string") out[name] = value.toLowerCase();
    else out[name] = value;
  }
  return out;
}

export function streamUrl(kind: ExportKindName, format: ExportFormatName, filter: ListFilter, language: Language): string {
  const query = new URLSearchParams({ filters: JSON.stringify(streamFilters(kind, filter)), language });
  return `/exports/${kind}.${format}?${query.toString()}`;
}

/** Direct download while the list is small enough to stream; a job with progress beyond. */
export function exportMode(total: number | null | undefined): "direct" | "job" {
  return total != null && total <= STREAM_LIMIT ? "direct" : "job";
}

/** The GraphQL input of `requestExport` for the same list, format and language. */
export function exportInput(kind: ExportKindName, format: ExportFormatName, filter: ListFilter, language: Language) {
  const clean = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null && value !== undefined && value !== ""));
  return {
    kind: kind.toUpperCase() as "SUBMISSIONS" | "FINDINGS" | "CUSTOMERS",
    format: format.toUpperCase() as "CSV" | "XLSX",
    language: language === "zh-CN" ? ("ZH_CN" as const) : ("EN" as const),
    ...(kind === "customers" ? { customers: clean } : { submissions: clean }),
  };
}

export function progressPercent(progress: { done: number; total?: number | null } | null | undefined): number {
  if (!progress || !progress.total) return 0;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

/** The file name from `Content-Disposition` (RFC 5987 `filename*` first), else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

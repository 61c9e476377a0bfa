/** What the reports page shows of a report's rendering, as plain values (unit-tested). */
export type Status = "QUEUED" | "RENDERING" | "DONE" | "FAILED";

export interface ProgressView {
  percent: number;
  color: string;
  active: boolean;
}

export function progressView(status: Status, done: number, total: number): ProgressView {
  if (status === "DONE") return { percent: 100, color: "default", active: false };
  if (status === "FAILED") return { percent: total > 0 ? Math.round((100 * done) / total) : 0, color: "red", active: false };
  const percent = total > 0 ? Math.min(99, Math.round((100 * done) / total)) : 0;
  return { percent, color: status === "QUEUED" ? "default" : "blue", active: true };
}

/** Whether the list should poll again: something is still queued or rendering. */
export function stillRendering(rows: { status: Status }[]): boolean {
  return rows.some((row) => row.status === "QUEUED" || row.status === "RENDERING");
}

export interface RequestDraft {
  kind: "CUSTOMER_DOSSIER" | "PERIOD_SUMMARY";
  customerId?: string | null;
  period?: [string, string] | null;
  language: string;
}

/** The mutation input of a request, or the message key of what is missing. */
export function requestInput(draft: RequestDraft): { input: Record<string, string> } | { missing: string } {
  if (draft.kind === "CUSTOMER_DOSSIER") {
    if (!draft.customerId) return { missing: "pickCustomer" };
    return { input: { kind: draft.kind, subjectId: draft.customerId, language: draft.language } };
  }
  if (!draft.period) return { missing: "pickPeriod" };
  return { input: { kind: draft.kind, periodFrom: draft.period[0], periodTo: draft.period[1], language: draft.language } };
}

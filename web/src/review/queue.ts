/**
 * The manager's view over open workflow instances: which wait for review, who carries how
 * much, what is overdue or escalated. Pure functions over the API's rows (unit tested).
 */

// States in the shipped workflows where the next step is a reviewer's decision.
export const REVIEW_STATES = new Set([
  "submitted",
  "under_review",
  "review_escalated",
  "awaiting_verification",
  "verification_escalated",
]);

export interface OpenItem {
  id: string;
  state: string;
  isOverdue: boolean;
  escalatedAt?: string | null;
  dueAt?: string | null;
  assignee?: { id: string; displayName: string } | null;
}

export function awaitingReview<T extends OpenItem>(items: readonly T[]): T[] {
  return items.filter((item) => REVIEW_STATES.has(item.state)).sort(byUrgency);
}

export function needsAttention<T extends OpenItem>(items: readonly T[]): T[] {
  return items.filter((item) => item.isOverdue || item.escalatedAt).sort(byUrgency);
}

/** Overdue first, then escalated, then the soonest due; no due date last. */
export function byUrgency(a: OpenItem, b: OpenItem): number {
  return (
    Number(b.isOverdue) - Number(a.isOverdue) ||
    Number(Boolean(b.escalatedAt)) - Number(Boolean(a.escalatedAt)) ||
    (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999")
  );
}

export interface Load {
  key: string;
  name: string | null;
  open: number;
  overdue: number;
  escalated: number;
  review: number;
}

/** Open work per assignee (unassigned as one row, name null), heaviest first. */
export function workload(items: readonly OpenItem[]): Load[] {
  const rows = new Map<string, Load>();
  for (const item of items) {
    const key = item.assignee?.id ?? "";
    const row = rows.get(key) ?? { key, name: item.assignee?.displayName ?? null, open: 0, overdue: 0, escalated: 0, review: 0 };
    row.open += 1;
    if (item.isOverdue) row.overdue += 1;
    if (item.escalatedAt) row.escalated += 1;
    if (REVIEW_STATES.has(item.state)) row.review += 1;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.open - a.open || b.overdue - a.overdue || (a.name ?? "~").localeCompare(b.name ?? "~"));
}

/** Pure helpers of My work (unit tested in workItems.test.ts). */
export type WorkKindName = "TASK" | "INSPECTION" | "FOLLOW_UP" | "REVIEW";

export const WORK_KINDS: readonly WorkKindName[] = ["TASK", "INSPECTION", "FOLLOW_UP", "REVIEW"];

export interface WorkItemLike {
  id: string;
  kind: WorkKindName;
  dueAt?: string | null;
  overdue: boolean;
  customer?: { id: string; code: string } | null;
  workflowInstance?: { id: string } | null;
  formVersion?: { id: string } | null;
}

/** Where an item opens: its case, the form to fill for the customer, or the customer page. */
export function workItemLink(item: WorkItemLike): string | null {
  if (item.kind === "REVIEW" && item.workflowInstance) return `/review/${encodeURIComponent(item.workflowInstance.id)}`;
  if (item.workflowInstance) return `/work/${encodeURIComponent(item.workflowInstance.id)}`;
  if (item.formVersion) {
    const query = item.customer ? `?customer=${encodeURIComponent(item.customer.id)}` : "";
    return `/work/fill/${encodeURIComponent(item.formVersion.id)}${query}`;
  }
  if (item.customer) return `/customers/${encodeURIComponent(item.customer.code)}`;
  return null;
}

/** Overdue first, then the soonest due; items without a due date last (stable otherwise). */
export function sortWork<T extends WorkItemLike>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? "9999").localeCompare(b.dueAt ?? "9999"),
  );
}

export function parseKind(value: string | undefined): WorkKindName | null {
  return WORK_KINDS.find((kind) => kind === value) ?? null;
}

/** Where an item of My work opens: pure, so the routing rule is unit-tested. */
export type WorkKindName = "TASK" | "INSPECTION" | "FOLLOW_UP" | "REVIEW" | "VERIFICATION";

const KIND_NAMES: readonly WorkKindName[] = ["TASK", "INSPECTION", "FOLLOW_UP", "REVIEW", "VERIFICATION"];

export interface WorkLinkItem {
  kind: WorkKindName;
  workflowInstance?: { id: string } | null;
  formVersion?: { id: string } | null;
  customer?: { id: string; code: string } | null;
  verificationId?: string | null;
}

/** Roles that decide reviews on the review pages; others follow a review from the task page. */
const REVIEWERS = new Set(["MANAGER", "ADMIN"]);

export function workLink(item: WorkLinkItem, role?: string | null): string | null {
  // A sampled submission to re-check opens the verify page.
  if (item.kind === "VERIFICATION") {
    return item.verificationId ? `/verification/mine/${encodeURIComponent(item.verificationId)}` : "/verification/mine";
  }
  const instance = item.workflowInstance?.id;
  // A manager's review opens the decision page; other case work opens the task.
  if (instance) {
    const reviews = item.kind === "REVIEW" && role != null && REVIEWERS.has(role);
    return reviews ? `/review/${encodeURIComponent(instance)}` : `/work/${encodeURIComponent(instance)}`;
  }
  // A planned inspection not yet opened as a case: fill its form for that customer.
  if (item.kind === "INSPECTION" && item.formVersion) {
    const customer = item.customer ? `?customer=${encodeURIComponent(item.customer.id)}` : "";
    return `/work/fill/${encodeURIComponent(item.formVersion.id)}${customer}`;
  }
  // Follow-ups and planned contacts are logged on the customer's page.
  if (item.customer) return `/customers/${encodeURIComponent(item.customer.code)}`;
  return null;
}

/** The kind filter from the URL, or null for every kind. */
export function kindFilter(value: string | null | undefined): WorkKindName | null {
  return KIND_NAMES.find((name) => name === value) ?? null;
}

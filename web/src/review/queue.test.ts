import { describe, expect, it } from "vitest";
import { awaitingReview, needsAttention, workload, type OpenItem } from "./queue";

const wang = { id: "u1", displayName: "王稽核" };
const li = { id: "u2", displayName: "李稽核" };
const items: OpenItem[] = [
  { id: "a", state: "in_progress", isOverdue: false, dueAt: "2026-12-05", assignee: wang },
  { id: "b", state: "submitted", isOverdue: false, dueAt: "2026-12-03", assignee: wang },
  { id: "c", state: "under_review", isOverdue: true, dueAt: "2026-12-01", assignee: li },
  { id: "d", state: "investigating", isOverdue: false, escalatedAt: "2026-12-01T00:00:00Z", assignee: null },
  { id: "e", state: "awaiting_verification", isOverdue: false, dueAt: null, assignee: li },
];

describe("awaitingReview", () => {
  it("keeps review states only, overdue first then by due date", () => {
    expect(awaitingReview(items).map((i) => i.id)).toEqual(["c", "b", "e"]);
  });
});

describe("needsAttention", () => {
  it("keeps overdue and escalated work", () => {
    expect(needsAttention(items).map((i) => i.id)).toEqual(["c", "d"]);
  });
});

describe("workload", () => {
  it("counts open, overdue, escalated and review work per assignee, unassigned as one row", () => {
    const rows = workload(items);
    expect(rows).toEqual([
      { key: "u2", name: "李稽核", open: 2, overdue: 1, escalated: 0, review: 2 },
      { key: "u1", name: "王稽核", open: 2, overdue: 0, escalated: 0, review: 1 },
      { key: "", name: null, open: 1, overdue: 0, escalated: 1, review: 0 },
    ]);
  });
});

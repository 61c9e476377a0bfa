import { describe, expect, it } from "vitest";
import { parseKind, sortWork, workItemLink, type WorkItemLike } from "./workItems";

const base: WorkItemLike = { id: "x", kind: "TASK", overdue: false };

describe("workItemLink", () => {
  it("opens a case, a review, a form to fill or a customer", () => {
    expect(workItemLink({ ...base, workflowInstance: { id: "W1" } })).toBe("/work/W1");
    expect(workItemLink({ ...base, kind: "REVIEW", workflowInstance: { id: "W1" } })).toBe("/review/W1");
    expect(workItemLink({ ...base, kind: "INSPECTION", formVersion: { id: "F1" }, customer: { id: "C1", code: "A" } })).toBe(
      "/work/fill/F1?customer=C1",
    );
    expect(workItemLink({ ...base, kind: "FOLLOW_UP", customer: { id: "C1", code: "A 1" } })).toBe("/customers/A%201");
    expect(workItemLink(base)).toBeNull();
  });
});

describe("sortWork", () => {
  it("puts overdue first, then the soonest due, undated last", () => {
    const items: WorkItemLike[] = [
      { ...base, id: "none" },
      { ...base, id: "late", dueAt: "2026-03-01T00:00:00Z" },
      { ...base, id: "soon", dueAt: "2026-01-01T00:00:00Z" },
      { ...base, id: "overdue", dueAt: "2026-06-01T00:00:00Z", overdue: true },
    ];
    expect(sortWork(items).map((item) => item.id)).toEqual(["overdue", "soon", "late", "none"]);
  });
});

describe("parseKind", () => {
  it("accepts only known kinds", () => {
    expect(parseKind("INSPECTION")).toBe("INSPECTION");
    expect(parseKind("nope")).toBeNull();
    expect(parseKind(undefined)).toBeNull();
  });
});

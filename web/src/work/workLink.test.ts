import { describe, expect, it } from "vitest";
import { kindFilter, workLink } from "./workLink";

describe("workLink", () => {
  it("opens a case's task, or the decision page for a review", () => {
    expect(workLink({ kind: "TASK", workflowInstance: { id: "W:1" } })).toBe("/work/W%3A1");
    expect(workLink({ kind: "REVIEW", workflowInstance: { id: "W:1" } }, "MANAGER")).toBe("/review/W%3A1");
    // An auditor follows the case they handed in from the task page (the review pages are the managers').
    expect(workLink({ kind: "REVIEW", workflowInstance: { id: "W:1" } }, "AUDITOR")).toBe("/work/W%3A1");
  });
  it("fills a planned inspection's form for its customer", () => {
    expect(workLink({ kind: "INSPECTION", formVersion: { id: "V:2" }, customer: { id: "C:3", code: "A-1" } })).toBe(
      "/work/fill/V%3A2?customer=C%3A3",
    );
  });
  it("sends follow-ups to the customer's page and has nowhere for a bare item", () => {
    expect(workLink({ kind: "FOLLOW_UP", customer: { id: "C:3", code: "A 1" } })).toBe("/customers/A%201");
    expect(workLink({ kind: "FOLLOW_UP" })).toBeNull();
  });
  it("opens a verification's verify page", () => {
    expect(workLink({ kind: "VERIFICATION", verificationId: "a/b", customer: { id: "C:3", code: "A-1" } })).toBe("/verification/mine/a%2Fb");
    expect(workLink({ kind: "VERIFICATION" })).toBe("/verification/mine");
  });
  it("accepts only known kinds from the URL", () => {
    expect(kindFilter("REVIEW")).toBe("REVIEW");
    expect(kindFilter("VERIFICATION")).toBe("VERIFICATION");
    expect(kindFilter("DROP TABLE")).toBeNull();
    expect(kindFilter(null)).toBeNull();
  });
});

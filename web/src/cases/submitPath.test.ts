import { describe, expect, it } from "vitest";
import { takesSubmission } from "./submitPath";

const inspection = {
  transitions: [
    { event: "start_fieldwork", from: ["scheduled"], to: "in_progress", roles: ["assignee"] },
    { event: "submit", from: ["in_progress", "overdue"], to: "submitted", roles: ["assignee"] },
    { event: "escalate", from: ["in_progress"], to: "overdue", roles: [], auto: true },
    { event: "start_review", from: ["submitted"], to: "under_review", roles: ["manager"] },
    { event: "return", from: ["under_review"], to: "returned_for_correction", roles: ["manager"], commentRequired: true },
    { event: "start_correction", from: ["returned_for_correction"], to: "in_progress", roles: ["assignee"] },
  ],
};

describe("takesSubmission", () => {
  it("is true where submit applies, directly or after one plain step", () => {
    expect(takesSubmission(inspection, "in_progress")).toBe(true);
    expect(takesSubmission(inspection, "scheduled")).toBe(true);
    expect(takesSubmission(inspection, "returned_for_correction")).toBe(true);
  });

  it("is false under review and for definitions without transitions", () => {
    expect(takesSubmission(inspection, "submitted")).toBe(false);
    expect(takesSubmission(inspection, "under_review")).toBe(false);
    expect(takesSubmission(null, "in_progress")).toBe(false);
  });

  it("does not count a step that asks for a comment or runs by itself", () => {
    const definition = {
      transitions: [
        { event: "reopen", from: ["closed"], to: "open", roles: ["assignee"], commentRequired: true },
        { event: "auto", from: ["waiting"], to: "open", roles: ["assignee"], auto: true },
        { event: "submit", from: ["open"], to: "done", roles: ["assignee"] },
      ],
    };
    expect(takesSubmission(definition, "closed")).toBe(false);
    expect(takesSubmission(definition, "waiting")).toBe(false);
  });
});

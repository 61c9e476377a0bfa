import { describe, expect, it } from "vitest";
import { inputFields, inputPayload, missingInput, panelTransitions, takesComment, type TransitionOption } from "./transitions";

const definition = {
  transitions: [
    { event: "approve", from: ["review"], to: "approved", roles: ["manager"] },
    { event: "return", from: ["review"], to: "draft", roles: ["manager"], commentRequired: true },
    {
      event: "close",
      from: ["review"],
      to: "closed",
      roles: ["manager"],
      input: {
        schema: {
          type: "object",
          required: ["reason", "days"],
          properties: {
            reason: { type: "string", maxLength: 80, title: { "zh-CN": "原因", en: "Reason" } },
            days: { type: "integer" },
            notify: { type: "boolean" },
            level: { enum: ["low", "high"] },
          },
        },
      },
    },
    { event: "submit", from: ["draft"], to: "review", roles: ["auditor"], input: { form: "inspection" } },
    { event: "escalate", from: ["review"], to: "escalated", roles: [] },
  ],
};

const options: TransitionOption[] = [
  { event: "approve", toState: "approved", title: "Approve", allowed: false, reason: "guard", guardMessage: "Score below 80" },
  { event: "return", toState: "draft", title: "Return", allowed: true },
  { event: "close", toState: "closed", title: null, allowed: true },
  { event: "escalate", toState: "escalated", allowed: false, reason: "role", message: "System only" },
];

describe("panelTransitions", () => {
  it("names steps, carries refusal reasons, comment and input needs from the definition", () => {
    const rows = panelTransitions(options, definition, { state: "review", refusedText: "No" });
    expect(rows.map((row) => row.name)).toEqual(["Approve", "Return", "close", "escalate"]);
    expect(rows[0]).toMatchObject({ allowed: false, refusal: "Score below 80" });
    expect(rows[1]).toMatchObject({ allowed: true, refusal: null, commentRequired: true, fields: [] });
    expect(rows[2].fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ["reason", "string", true],
      ["days", "integer", true],
      ["notify", "boolean", false],
      ["level", "choice", false],
    ]);
    expect(rows[3].refusal).toBe("System only");
  });

  it("hides refusals by role for the reviewer, keeps guard refusals", () => {
    const rows = panelTransitions(options, definition, { state: "review", hideRoleRefusals: true, refusedText: "No" });
    expect(rows.map((row) => row.event)).toEqual(["approve", "return", "close"]);
  });

  it("falls back to the generic refusal text and knows form inputs", () => {
    const rows = panelTransitions([{ event: "submit", toState: "review", allowed: false, reason: "x" }], definition, { refusedText: "No" });
    expect(rows[0]).toMatchObject({ refusal: "No", form: "inspection" });
  });

  it("copes with a missing or odd definition", () => {
    expect(panelTransitions(options.slice(1, 2), null, { refusedText: "No" })[0]).toMatchObject({ commentRequired: false, fields: [] });
    expect(inputFields({ properties: { x: "nope" } })).toEqual([]);
  });
});

describe("missingInput and inputPayload", () => {
  const [, ret, close] = panelTransitions(options, definition, { state: "review", refusedText: "No" });

  it("asks for the comment when the step needs one", () => {
    expect(missingInput(ret, "  ", {})).toEqual(["comment"]);
    expect(missingInput(ret, "fix it", {})).toEqual([]);
  });

  it("asks for required fields and sends only filled ones", () => {
    expect(missingInput(close, "", { reason: " " })).toEqual(["reason", "days"]);
    expect(missingInput(close, "", { reason: "done", days: 0 })).toEqual([]);
    expect(inputPayload(close, { reason: " done ", days: 3, level: undefined })).toEqual({ reason: "done", days: 3, notify: false });
    expect(inputPayload(ret, {})).toBeNull();
  });
});

describe("takesComment", () => {
  it("asks for a comment only when the person can take a step here", () => {
    expect(takesComment(panelTransitions(options, definition, { state: "review", refusedText: "No" }))).toBe(true);
    const refusedOnly = options.map((option) => ({ ...option, allowed: false, reason: "role" }));
    expect(takesComment(panelTransitions(refusedOnly, definition, { state: "review", refusedText: "No" }))).toBe(false);
    expect(takesComment([])).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { dateFields, formFields } from "./guards";
import { guardFields, merged, samplesOf } from "./samples";

describe("simulation samples", () => {
  it("nest rows into answers and customer, skipping empty and unknown ones", () => {
    expect(
      samplesOf([
        { field: "answers.details.severity", value: "critical" },
        { field: "answers.details.isRepeat", value: true },
        { field: "customer.tier", value: "key" },
        { field: "answers.blank", value: "" },
        { field: "score.percent", value: 50 },
        { field: "", value: 1 },
      ]),
    ).toEqual({ answers: { details: { severity: "critical", isRepeat: true } }, customer: { tier: "key" } });
  });
  it("merge over the expert JSON, the pickers winning", () => {
    expect(merged({ details: { severity: "low", subject: "x" }, n: 1 }, { details: { severity: "critical" } })).toEqual({ details: { severity: "critical", subject: "x" }, n: 1 });
  });
  it("start from the fields the guards read", () => {
    const guards = [{ and: [{ "==": [{ var: "answers.details.severity" }, "critical"] }, { in: [{ var: ["customer.tier", ""] }, ["key"]] }] }, { "!!": [{ var: "score.percent" }] }, undefined];
    expect(guardFields(guards)).toEqual(["answers.details.severity", "customer.tier"]);
  });
});

describe("form fields for pickers", () => {
  const schema = {
    properties: {
      details: {
        type: "object",
        properties: {
          severity: { type: "string", enum: ["low", "critical"], "x-enum-titles": { "zh-CN": ["轻微", "重大"], en: ["Low", "Critical"] } },
          occurredOn: { type: "string", format: "date" },
          tags: { type: "array", items: { enum: ["a", "b"] } },
        },
      },
    },
  };
  it("carry types, formats and choices with their titles", () => {
    const fields = formFields(schema);
    expect(fields[0]).toEqual({ path: "answers.details.severity", title: "severity", type: "string", options: [{ value: "low", title: { "zh-CN": "轻微", en: "Low" } }, { value: "critical", title: { "zh-CN": "重大", en: "Critical" } }] });
    expect(fields[2]!.options!.map((o) => o.value)).toEqual(["a", "b"]);
    expect(dateFields(fields).map((f) => f.path)).toEqual(["answers.details.occurredOn"]);
  });
});

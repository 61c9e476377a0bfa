import { describe, expect, it } from "vitest";
import { conditionOf, documentOf, pathLabel, tierRuleOf, valuesOf } from "./classificationModel";

const DEFAULTS = {
  complaintsWindowDays: 90,
  findingsWindowDays: 365,
  rules: {
    high_risk: { or: [{ ">=": [{ var: "riskScore" }, 60] }, { ">=": [{ var: "complaintsInWindow" }, 3] }, { ">=": [{ var: "creditRank" }, 7] }] },
    key: { ">=": [{ var: "transactionVolume" }, 10_000_000] },
  },
};

describe("classification rules model", () => {
  it("reads the built-in rules into pickers and writes them back unchanged", () => {
    const values = valuesOf(DEFAULTS);
    expect(values.rules.high_risk).toMatchObject({ kind: "pickers", join: "or" });
    expect(values.rules.key).toEqual({ kind: "pickers", join: "and", conditions: [{ fact: "transactionVolume", op: ">=", value: 10_000_000 }] });
    expect(documentOf(values).document).toEqual(DEFAULTS);
  });

  it("reads tag membership and text comparisons", () => {
    expect(conditionOf({ in: ["strategic", { var: "tags" }] })).toEqual({ fact: "tags", op: "has", value: "strategic" });
    expect(conditionOf({ "==": [{ var: "region" }, "华东"] })).toEqual({ fact: "region", op: "==", value: "华东" });
    expect(conditionOf({ ">": [{ var: "region" }, 1] })).toBeNull();
  });

  it("keeps what the pickers cannot show as JSON, round trip included", () => {
    const nested = { and: [{ or: [{ ">=": [{ var: "riskScore" }, 1] }] }] };
    const rule = tierRuleOf(nested);
    expect(rule.kind).toBe("json");
    const values = { ...valuesOf(DEFAULTS), rules: { high_risk: rule, key: { kind: "none" as const } } };
    expect(documentOf(values).document).toEqual({ complaintsWindowDays: 90, findingsWindowDays: 365, rules: { high_risk: nested } });
  });

  it("refuses JSON that does not parse, naming the tier", () => {
    const values = { ...valuesOf(DEFAULTS), rules: { high_risk: { kind: "json" as const, text: "{oops" }, key: { kind: "none" as const } } };
    expect(documentOf(values)).toEqual({ document: null, badJson: ["high_risk"] });
  });

  it("turns numbers typed as text into numbers for number facts", () => {
    const values = { ...valuesOf(DEFAULTS), rules: { high_risk: { kind: "none" as const }, key: { kind: "pickers" as const, join: "and" as const, conditions: [{ fact: "riskScore" as const, op: ">" as const, value: "5" }] } } };
    expect(documentOf(values).document?.rules).toEqual({ key: { ">": [{ var: "riskScore" }, 5] } });
  });

  it("names server paths as the editor does", () => {
    const names = { tier: (tier: string) => `T:${tier}`, field: (name: string) => `F:${name}` };
    expect(pathLabel(["input", "document", "rules", "key", "or", "1"], names)).toBe("T:key › or › 1");
    expect(pathLabel(["document", "findingsWindowDays"], names)).toBe("F:findingsWindowDays");
  });
});

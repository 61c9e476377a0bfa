import { describe, expect, it } from "vitest";
import { emptyPlan, fieldRows, interval, missingReasons, percent, planInput, previousPeriod, recordInput, validPeriod } from "./model";

const schema = {
  type: "object",
  properties: {
    visitDate: { type: "string", title: "Visit date" },
    contracts: { type: "object", title: "Contracts", properties: { signed: { title: "Signed" }, "a/b": { title: "Odd" } } },
    amount: { type: "number" },
  },
};

describe("fieldRows", () => {
  it("lists every answered leaf with its pointer and the titles of its path", () => {
    const rows = fieldRows({ visitDate: "2026-10-01", contracts: { signed: "yes", "a/b": 1 }, amount: 3 }, schema);
    expect(rows).toEqual([
      { pointer: "/visitDate", title: "Visit date", value: "2026-10-01" },
      { pointer: "/contracts/signed", title: "Contracts › Signed", value: "yes" },
      { pointer: "/contracts/a~1b", title: "Contracts › Odd", value: 1 },
      { pointer: "/amount", title: "amount", value: 3 },
    ]);
  });
});

describe("recordInput", () => {
  it("checks every row and types the verified values like the recorded ones", () => {
    const rows = fieldRows({ visitDate: "2026-10-01", amount: 3 }, schema);
    const input = recordInput("v1", rows, {
      "/visitDate": { agree: true, verifiedValue: "", reason: "" },
      "/amount": { agree: false, verifiedValue: "4", reason: " counted again " },
    }, "  ");
    expect(input).toEqual({
      id: "v1",
      checked: ["/visitDate", "/amount"],
      discrepancies: [{ pointer: "/amount", verifiedValue: 4, reason: "counted again" }],
      comment: null,
    });
  });
  it("names discrepancies without a reason", () => {
    expect(missingReasons({ "/a": { agree: false, verifiedValue: "x", reason: " " }, "/b": { agree: true, verifiedValue: "", reason: "" } })).toEqual(["/a"]);
  });
});

describe("plans and periods", () => {
  it("sends tier sizes only for fixed sizing", () => {
    expect(planInput({ ...emptyPlan(), name: "P", formIds: ["f"] }).tierSizes).toHaveLength(3);
    expect(planInput({ ...emptyPlan(), sizing: "STATISTICAL" }).tierSizes).toEqual([]);
    const pooled = planInput({ ...emptyPlan(), verifierIds: ["U:1"], verifierTeams: ["north"], dueDays: 7 });
    expect([pooled.verifierIds, pooled.verifierTeams, pooled.dueDays]).toEqual([["U:1"], ["north"], 7]);
  });
  it("proposes the previous period", () => {
    expect(previousPeriod("MONTH", new Date(Date.UTC(2026, 11, 3)))).toBe("2026-11");
    expect(previousPeriod("MONTH", new Date(Date.UTC(2026, 0, 3)))).toBe("2025-12");
    expect(previousPeriod("QUARTER", new Date(Date.UTC(2026, 11, 3)))).toBe("2026-Q3");
    expect(previousPeriod("QUARTER", new Date(Date.UTC(2026, 1, 3)))).toBe("2025-Q4");
    expect(validPeriod("MONTH", "2026-13")).toBe(false);
    expect(validPeriod("QUARTER", "2026-Q4")).toBe(true);
  });
  it("shows rates and intervals", () => {
    expect(percent(33 / 36)).toBe("91.7 %");
    expect(interval(0.5, 0.75)).toBe("50.0 % – 75.0 %");
    expect(percent(null)).toBe("—");
  });
});

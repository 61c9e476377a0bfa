import { describe, expect, it } from "vitest";
import { defaultPeriod, kpiFilter, monthsOf, presetPeriod, previousPeriod, readFilters, spanDays, writeFilters } from "./filters";

describe("dashboard filters and the URL", () => {
  it("reads every filter and ignores what the API would refuse", () => {
    const params = new URLSearchParams("from=2026-01-01&to=2026-03-31&tier=KEY&region=north&auditor=VXNlcjox&form=Rm9ybTox");
    expect(readFilters(params, "2026-04-10")).toEqual({ from: "2026-01-01", to: "2026-03-31", tier: "KEY", region: "north", auditor: "VXNlcjox", form: "Rm9ybTox" });
    const broken = readFilters(new URLSearchParams("from=2026-02-30&to=2026-01-01&tier=GOLD&region=%20"), "2026-04-10");
    expect(broken).toEqual({ from: "2025-11-01", to: "2026-04-10", tier: null, region: null, auditor: null, form: null });
  });

  it("falls back to six months when the period is too long or backwards", () => {
    expect(readFilters(new URLSearchParams("from=2024-01-01&to=2026-01-01"), "2026-01-15").from).toBe("2025-08-01");
    expect(readFilters(new URLSearchParams("from=2026-02-01&to=2026-01-01"), "2026-01-15").to).toBe("2026-01-15");
    expect(defaultPeriod("2026-03-31")).toEqual(["2025-10-01", "2026-03-31"]);
  });

  it("writes changes and keeps the other filters", () => {
    const next = writeFilters(new URLSearchParams("from=2026-01-01&to=2026-01-31&tier=KEY"), { tier: null, region: "south" });
    expect(next.toString()).toBe("from=2026-01-01&to=2026-01-31&region=south");
  });

  it("asks the API for the filter over the period or another one", () => {
    const filters = readFilters(new URLSearchParams("from=2026-01-01&to=2026-01-31&auditor=U1"), "2026-02-01");
    expect(kpiFilter(filters)).toEqual({ start: "2026-01-01", end: "2026-01-31", tier: null, region: null, auditorId: "U1", formId: null });
    expect(kpiFilter(filters, ["2025-12-01", "2025-12-31"]).start).toBe("2025-12-01");
  });

  it("compares with the period of the same length just before", () => {
    expect(previousPeriod("2026-01-01", "2026-01-31")).toEqual(["2025-12-01", "2025-12-31"]);
    expect(previousPeriod("2026-03-01", "2026-03-10")).toEqual(["2026-02-19", "2026-02-28"]);
    expect(spanDays("2026-01-01", "2026-12-31")).toBe(365);
  });

  it("splits the period into calendar months clipped to it", () => {
    expect(monthsOf("2026-01-20", "2026-03-05")).toEqual([
      { label: "2026-01", start: "2026-01-20", end: "2026-01-31" },
      { label: "2026-02", start: "2026-02-01", end: "2026-02-28" },
      { label: "2026-03", start: "2026-03-01", end: "2026-03-05" },
    ]);
    expect(monthsOf("2025-01-01", "2025-12-31")).toHaveLength(12);
    expect(monthsOf("2024-12-01", "2025-12-31", 6)[0].label).toBe("2025-07");
  });

  it("offers presets ending today", () => {
    expect(presetPeriod("month", "2026-05-20")).toEqual(["2026-05-01", "2026-05-20"]);
    expect(presetPeriod("3m", "2026-02-10")).toEqual(["2025-12-01", "2026-02-10"]);
    expect(presetPeriod("year", "2026-05-20")).toEqual(["2026-01-01", "2026-05-20"]);
  });
});

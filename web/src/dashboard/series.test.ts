import { describe, expect, it } from "vitest";
import { decimal, deltaText, gradeBars, monthlyFrom, monthlyRates, npsSeries, percent, severityBars, trend, workloadRows, workloadTotals } from "./series";
import { countBars, monthlyLine, npsLine, workloadBars } from "./charts";

describe("trend arrows", () => {
  it("says which way a figure moved and whether that is good", () => {
    expect(trend(0.8, 0.6, "higher")).toEqual({ direction: "up", delta: 0.8 - 0.6, tone: "good" });
    expect(trend(0.4, 0.6, "higher").tone).toBe("bad");
    expect(trend(5, 3, "lower")).toMatchObject({ direction: "up", tone: "bad" });
    expect(trend(1, 3, "lower").tone).toBe("good");
    expect(trend(2, 1, "neither").tone).toBe("neutral");
    expect(trend(0.5, 0.5, "higher")).toEqual({ direction: "flat", delta: 0, tone: "neutral" });
    expect(trend(null, 0.5, "higher")).toEqual({ direction: "flat", delta: null, tone: "neutral" });
  });

  it("prints deltas as points, decimals or counts", () => {
    expect(deltaText(trend(0.75, 0.5, "higher"), "rate")).toBe("+25.0 pp");
    expect(deltaText(trend(1.2, 1.5, "lower"), "decimal")).toBe("−0.30");
    expect(deltaText(trend(3, 3, "lower"), "count")).toBe("±0");
    expect(deltaText(trend(null, 3, "lower"), "count")).toBe("");
  });

  it("formats rates and ratios", () => {
    expect(percent(2 / 3)).toBe("66.7%");
    expect(percent(null)).toBe("—");
    expect(decimal(1.5)).toBe("1.50");
  });
});

describe("series", () => {
  it("gives a point per month, none where nothing was due", () => {
    const points = monthlyRates(["2026-01", "2026-02", "2026-03"], [{ numerator: 3, denominator: 5 }, { numerator: 0, denominator: 0 }, null]);
    expect(points).toEqual([
      { label: "2026-01", value: 60, done: 3, due: 5 },
      { label: "2026-02", value: null, done: 0, due: 0 },
      { label: "2026-03", value: null, done: 0, due: 0 },
    ]);
    const option = monthlyLine(points, "rate", (p) => p.label) as { series: { data: unknown[] }[] };
    expect(option.series[0].data).toEqual([60, null, null]);
  });

  it("names the auditors and puts the busiest first", () => {
    const rows = workloadRows(
      [{ auditorId: "a", open: 1, overdue: 1 }, { auditorId: null, open: 2, overdue: 0 }, { auditorId: "b", open: 4, overdue: 2 }],
      new Map([["a", "王芳"], ["b", "李雷"]]),
      "未分配",
    );
    expect(rows.map((r) => r.name)).toEqual(["李雷", "未分配", "王芳"]);
    expect(workloadTotals(rows)).toEqual({ open: 7, overdue: 3 });
    const option = workloadBars(rows, { onTrack: "on track", overdue: "overdue" }) as { series: { data: number[] }[] };
    expect(option.series[0].data).toEqual([0, 2, 2]);
    expect(option.series[1].data).toEqual([1, 0, 2]);
  });

  it("orders credit grades with the ungraded last", () => {
    const bars = gradeBars([{ key: null, count: 1 }, { key: "B", count: 2 }, { key: "A", count: 3 }], "Ungraded");
    expect(bars.map((b) => b.label)).toEqual(["A", "B", "Ungraded"]);
    const option = countBars(bars, "customers") as { series: { data: { value: number }[] }[] };
    expect(option.series[0].data.map((d) => d.value)).toEqual([3, 2, 1]);
  });
});

describe("series from the KPI groups", () => {
  it("puts the per-month ratios on the period's months", () => {
    const points = monthlyFrom(["2026-01", "2026-02"], [{ month: "2026-02", ratio: { numerator: 1, denominator: 4 } }]);
    expect(points.map((p) => p.value)).toEqual([null, 25]);
  });

  it("gives NPS per month, none where nobody answered", () => {
    const points = npsSeries(["2026-01", "2026-02", "2026-03"], [
      { month: "2026-01", nps: { score: 33.3, responses: 3 } },
      { month: "2026-02", nps: { score: null, responses: 0 } },
    ]);
    expect(points.map((p) => p.value)).toEqual([33.3, null, null]);
    const option = npsLine(points, "NPS") as { yAxis: { min: number; max: number } };
    expect([option.yAxis.min, option.yAxis.max]).toEqual([-100, 100]);
  });

  it("orders severities critical first with zeros", () => {
    expect(severityBars([{ severity: "low", count: 2 }, { severity: "high", count: 1 }])).toEqual([
      { severity: "critical", count: 0 },
      { severity: "high", count: 1 },
      { severity: "medium", count: 0 },
      { severity: "low", count: 2 },
    ]);
  });
});

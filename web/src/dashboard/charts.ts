/** ECharts options built as plain values (unit-tested); Chart.tsx only draws them. */
import type { MonthlyPoint, WorkloadRow } from "./series";

export const COLORS = { primary: "#1677ff", good: "#389e0d", warn: "#d48806", bad: "#cf1322", muted: "#8c8c8c" };

const GRID = { left: 8, right: 16, top: 28, bottom: 8, containLabel: true };
const AXIS_LABEL = { color: "#595959", fontSize: 12 };

export interface ChartOption {
  [key: string]: unknown;
}

/** Completion (or on-time) rate per month as a line over 0..100 %. */
export function monthlyLine(points: MonthlyPoint[], seriesName: string, tooltip: (p: MonthlyPoint) => string): ChartOption {
  return {
    grid: GRID,
    tooltip: {
      trigger: "axis",
      formatter: (items: { dataIndex: number }[]) => tooltip(points[items[0]?.dataIndex ?? 0]),
    },
    xAxis: { type: "category", data: points.map((p) => p.label), axisLabel: AXIS_LABEL, boundaryGap: false },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { ...AXIS_LABEL, formatter: "{value}%" }, splitLine: { lineStyle: { color: "#f0f0f0" } } },
    series: [
      {
        name: seriesName,
        type: "line",
        data: points.map((p) => p.value),
        connectNulls: true,
        smooth: true,
        symbolSize: 7,
        lineStyle: { width: 3, color: COLORS.primary },
        itemStyle: { color: COLORS.primary },
        areaStyle: { color: "rgba(22,119,255,0.08)" },
      },
    ],
  };
}

/** Open and overdue inspections per auditor as horizontal stacked bars. */
export function workloadBars(rows: WorkloadRow[], labels: { onTrack: string; overdue: string }): ChartOption {
  const ordered = [...rows].reverse();
  return {
    grid: { ...GRID, top: 32 },
    legend: { top: 0, right: 0, textStyle: AXIS_LABEL, itemWidth: 12, itemHeight: 12 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: "#f0f0f0" } } },
    yAxis: { type: "category", data: ordered.map((r) => r.name), axisLabel: { ...AXIS_LABEL, width: 110, overflow: "truncate" } },
    series: [
      { name: labels.onTrack, type: "bar", stack: "work", data: ordered.map((r) => r.open - r.overdue), itemStyle: { color: COLORS.primary }, barMaxWidth: 18 },
      { name: labels.overdue, type: "bar", stack: "work", data: ordered.map((r) => r.overdue), itemStyle: { color: COLORS.bad }, barMaxWidth: 18 },
    ],
  };
}

/** Counts per category as vertical bars (credit grades, findings by severity). */
export function countBars(items: { label: string; count: number; color?: string }[], seriesName: string): ChartOption {
  return {
    grid: GRID,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "category", data: items.map((i) => i.label), axisLabel: AXIS_LABEL },
    yAxis: { type: "value", minInterval: 1, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: "#f0f0f0" } } },
    series: [
      {
        name: seriesName,
        type: "bar",
        barMaxWidth: 36,
        label: { show: true, position: "top", color: "#262626" },
        data: items.map((i) => ({ value: i.count, itemStyle: { color: i.color ?? COLORS.primary, borderRadius: [4, 4, 0, 0] } })),
      },
    ],
  };
}

/** NPS per month as a line over -100..100. */
export function npsLine(points: { label: string; value: number | null }[], seriesName: string): ChartOption {
  return {
    grid: GRID,
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: points.map((p) => p.label), axisLabel: AXIS_LABEL, boundaryGap: false },
    yAxis: { type: "value", min: -100, max: 100, interval: 50, axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: "#f0f0f0" } } },
    series: [
      {
        name: seriesName,
        type: "line",
        data: points.map((p) => p.value),
        connectNulls: true,
        symbolSize: 7,
        lineStyle: { width: 3, color: COLORS.good },
        itemStyle: { color: COLORS.good },
      },
    ],
  };
}

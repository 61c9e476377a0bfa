import { describe, expect, it } from "vitest";
import { stepHeadline, type HistoryStep } from "./history";

const step = (changes: Partial<HistoryStep>): HistoryStep => ({
  sequence: 1,
  event: "return_for_correction",
  title: "退回更正",
  toState: "returned_for_correction",
  toStateTitle: "退回更正",
  actor: "王敏",
  comment: null,
  occurredAt: "2026-12-01T08:00:00Z",
  ...changes,
});

describe("stepHeadline", () => {
  it("names the step and the state by their titles", () => {
    expect(stepHeadline(step({}), "开始")).toBe("退回更正 → 退回更正");
  });
  it("calls the opening step by the page's own word", () => {
    expect(stepHeadline(step({ event: "start", title: null, toStateTitle: "已排期" }), "Opened")).toBe("Opened → 已排期");
  });
  it("falls back to the raw names a version no longer titles", () => {
    expect(stepHeadline(step({ title: null, toStateTitle: null }), "Opened")).toBe("return_for_correction → returned_for_correction");
  });
});

import { describe, expect, it } from "vitest";
import { progressView, requestInput, stillRendering } from "./status";

describe("progressView", () => {
  it("shows done as complete and queued as active", () => {
    expect(progressView("DONE", 4, 4)).toEqual({ percent: 100, color: "default", active: false });
    expect(progressView("QUEUED", 0, 0).active).toBe(true);
    expect(progressView("RENDERING", 4, 4).percent).toBe(99);
    expect(progressView("FAILED", 2, 4)).toEqual({ percent: 50, color: "red", active: false });
  });
});

describe("stillRendering", () => {
  it("polls while anything is queued or rendering", () => {
    expect(stillRendering([{ status: "DONE" }, { status: "QUEUED" }])).toBe(true);
    expect(stillRendering([{ status: "DONE" }, { status: "FAILED" }])).toBe(false);
  });
});

describe("requestInput", () => {
  it("needs a customer for a dossier and a period for a summary", () => {
    expect(requestInput({ kind: "CUSTOMER_DOSSIER", language: "en" })).toEqual({ missing: "pickCustomer" });
    expect(requestInput({ kind: "PERIOD_SUMMARY", language: "en" })).toEqual({ missing: "pickPeriod" });
    expect(requestInput({ kind: "PERIOD_SUMMARY", period: ["2026-01-01", "2026-01-31"], language: "zh-CN" })).toEqual({
      input: { kind: "PERIOD_SUMMARY", periodFrom: "2026-01-01", periodTo: "2026-01-31", language: "zh-CN" },
    });
  });
});

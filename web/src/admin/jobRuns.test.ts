import { describe, expect, it } from "vitest";
import { hasActiveJobs, jobFilter } from "./jobRuns";

describe("job runs", () => {
  it("reads filters from the URL", () => {
    expect(jobFilter({ name: "import", status: "FAILED", periodic: "0" })).toEqual({ name: "import", status: ["FAILED"], periodic: false });
    expect(jobFilter({ status: "bogus" })).toEqual({ name: null, status: null, periodic: null });
  });
  it("knows when to poll", () => {
    expect(hasActiveJobs([{ status: "SUCCEEDED" }, { status: "RUNNING" }])).toBe(true);
    expect(hasActiveJobs([{ status: "FAILED" }])).toBe(false);
  });
});

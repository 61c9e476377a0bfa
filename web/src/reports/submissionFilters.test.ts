import { describe, expect, it } from "vitest";
import dayjs from "dayjs";
import { findingRows, submissionFilter, viewOf } from "./submissionFilters";

describe("submission filters", () => {
  it("takes the form from the URL, else the default", () => {
    expect(submissionFilter({}, "F1").formId).toBe("F1");
    expect(submissionFilter({ form: "F2" }, "F1").formId).toBe("F2");
    expect(submissionFilter({}, null).formId).toBeNull();
  });

  it("makes the day range inclusive and the findings view findings-only", () => {
    const filter = submissionFilter({ from: "2026-03-01", to: "2026-03-31", view: "findings" }, "F");
    expect(filter.submittedAfter).toBe(dayjs("2026-03-01").startOf("day").toISOString());
    expect(filter.submittedBefore).toBe(dayjs("2026-04-01").startOf("day").toISOString());
    expect(filter.hasFindings).toBe(true);
    expect(submissionFilter({ from: "nonsense" }, "F")).toMatchObject({ submittedAfter: null, hasFindings: null });
    expect(viewOf({ view: "other" })).toBe("submissions");
  });

  it("flattens findings into rows", () => {
    const rows = findingRows([
      { id: "s1", findings: [{ pointer: "/a", severity: "HIGH", title: "A" }, { pointer: "/b", severity: "LOW", title: "B" }] },
      { id: "s2", findings: [] },
    ]);
    expect(rows.map((row) => [row.key, row.finding.title])).toEqual([
      ["s1/a", "A"],
      ["s1/b", "B"],
    ]);
  });
});

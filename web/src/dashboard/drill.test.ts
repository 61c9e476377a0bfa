import { describe, expect, it } from "vitest";
import { customersLink, drillFilter, statusKey } from "./drill";
import { readFilters } from "./filters";

const filters = readFilters(new URLSearchParams("from=2026-01-01&to=2026-06-30&auditor=U1&tier=KEY"), "2026-03-15");

describe("drill-down", () => {
  it("asks for the rows with the dashboard's filter", () => {
    expect(drillFilter({ kpi: "INSPECTIONS_DUE" }, filters)).toEqual({ start: "2026-01-01", end: "2026-06-30", tier: "KEY", region: null, auditorId: "U1", formId: null });
  });

  it("narrows to one auditor's rows from a workload bar", () => {
    expect(drillFilter({ kpi: "OPEN_INSPECTIONS", auditorId: "U2" }, filters).auditorId).toBe("U2");
  });

  it("translates inspection statuses and leaves other labels", () => {
    expect(statusKey("DONE")).toBe("drill.status.done");
    expect(statusKey("late")).toBe("drill.status.late");
    expect(statusKey("site-check")).toBeNull();
  });

  it("opens the customers list with the tier and region", () => {
    expect(customersLink(filters)).toBe("/customers?tier=KEY");
    expect(customersLink(readFilters(new URLSearchParams(""), "2026-03-15"))).toBe("/customers");
  });
});

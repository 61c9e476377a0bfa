import { describe, expect, it } from "vitest";
import { customersLink, drillFilter, keepRows, overdue } from "./drill";
import { readFilters } from "./filters";

const filters = readFilters(new URLSearchParams("from=2026-01-01&to=2026-06-30&auditor=U1&tier=KEY"), "2026-03-15");

describe("drill-down", () => {
  it("lists the completion rate's due inspections up to today", () => {
    expect(drillFilter({ kind: "due" }, filters, "2026-03-15")).toEqual({ dueFrom: "2026-01-01", dueTo: "2026-03-15", status: ["PLANNED", "OPENED", "DONE"], assigneeId: "U1" });
  });

  it("lists one auditor's open inspections over the period", () => {
    expect(drillFilter({ kind: "open", auditorId: "U2" }, filters, "2026-03-15")).toMatchObject({ dueTo: "2026-06-30", status: ["PLANNED", "OPENED"], assigneeId: "U2" });
    expect(drillFilter({ kind: "open" }, filters, "2026-03-15").assigneeId).toBe("U1");
  });

  it("marks open work due before today as overdue", () => {
    expect(overdue({ status: "OPENED", dueOn: "2026-03-14" }, "2026-03-15")).toBe(true);
    expect(overdue({ status: "DONE", dueOn: "2026-03-14" }, "2026-03-15")).toBe(false);
    expect(overdue({ status: "PLANNED", dueOn: "2026-03-15" }, "2026-03-15")).toBe(false);
  });

  it("opens the customers list with the tier and region", () => {
    expect(customersLink(filters)).toBe("/customers?tier=KEY");
    expect(customersLink(readFilters(new URLSearchParams(""), "2026-03-15"))).toBe("/customers");
  });
});

describe("drill-down rows", () => {
  it("keeps the rows of the chosen tier and region", () => {
    const rows = [
      { id: 1, customer: { region: "north", tier: "KEY" } },
      { id: 2, customer: { region: "south", tier: "KEY" } },
      { id: 3, customer: { region: "north", tier: "NORMAL" } },
      { id: 4, customer: null },
    ];
    const north = readFilters(new URLSearchParams("region=north&tier=KEY"), "2026-03-15");
    expect(keepRows(rows, north).map((r) => r.id)).toEqual([1]);
    expect(keepRows(rows, readFilters(new URLSearchParams(""), "2026-03-15"))).toHaveLength(4);
  });
});

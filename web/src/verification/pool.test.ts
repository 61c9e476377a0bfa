import { describe, expect, it } from "vitest";
import { poolMembers, poolSummary, poolWarning, reassignChoices, teamsOf, verifierName } from "./pool";

const staff = [
  { id: "U:1", name: "Li", role: "auditor", team: "north" },
  { id: "U:2", name: "Wang", role: "auditor", team: "north" },
  { id: "U:3", name: "Zhao", role: "auditor", team: "south" },
  { id: "U:4", name: "Chen", role: "manager", team: null },
];

describe("the verifier pool", () => {
  it("is everyone when the plan names nobody", () => {
    expect(poolMembers(staff, [], [])).toEqual(staff);
    expect(poolSummary(staff, [], [], "all")).toBe("all");
    expect(poolWarning(staff, [], [])).toBeNull();
  });
  it("is the named users and the named teams' staff", () => {
    expect(poolMembers(staff, ["U:4"], ["north"]).map((v) => v.name)).toEqual(["Li", "Wang", "Chen"]);
    expect(poolSummary(staff, ["U:3"], [], "all")).toBe("Zhao");
    expect(teamsOf(staff)).toEqual(["north", "south"]);
  });
  it("warns when one person could never verify their own work, or nobody is left", () => {
    expect(poolWarning(staff, ["U:3"], [])).toBe("single");
    expect(poolWarning(staff, [], ["east"])).toBe("empty");
    expect(poolWarning(staff, [], ["north"])).toBeNull();
  });
});

describe("reassigning", () => {
  it("never offers the submitter nor the current verifier", () => {
    const choices = reassignChoices(staff, { submittedById: "U:1", verifierId: "U:2" });
    expect(choices.map((v) => v.id)).toEqual(["U:3", "U:4"]);
  });
  it("names the verifier, or falls back", () => {
    expect(verifierName(staff, "U:4", "?")).toBe("Chen");
    expect(verifierName(staff, null, "?")).toBe("?");
  });
});

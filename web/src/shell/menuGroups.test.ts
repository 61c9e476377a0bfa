import { describe, expect, it } from "vitest";
import type { MenuEntry } from "./area";
import { groupOf, menuSections } from "./menuGroups";

const entry = (key: string, order: number, group?: MenuEntry["group"]): MenuEntry => ({ key, path: `/${key}`, label: key, order, group });

describe("menuSections", () => {
  it("keeps a short menu flat and sorted", () => {
    expect(menuSections([entry("b", 2), entry("a", 1)])).toEqual([{ group: null, entries: [entry("a", 1), entry("b", 2)] }]);
    expect(menuSections([])).toEqual([]);
  });

  it("groups a long menu in section order; unnamed entries go to daily work", () => {
    const entries = [
      entry("admin-jobs", 84, "system"),
      entry("admin-users", 80, "organisation"),
      entry("designer", 82),
      entry("builder", 79),
      entry("work", 10),
      entry("customers", 20),
      entry("admin-clients", 82, "integrations"),
      entry("plans", 83),
      entry("somethingNew", 90),
    ];
    const sections = menuSections(entries);
    expect(sections.map((section) => [section.group, section.entries.map((e) => e.key)])).toEqual([
      ["work", ["work", "customers", "somethingNew"]],
      ["organisation", ["admin-users"]],
      ["forms", ["builder", "designer"]],
      ["planning", ["plans"]],
      ["integrations", ["admin-clients"]],
      ["system", ["admin-jobs"]],
    ]);
  });

  it("lets an entry's own group win over the known default", () => {
    expect(groupOf(entry("builder", 1, "system"))).toBe("system");
    expect(groupOf(entry("plans-calendar", 1))).toBe("planning");
  });
});

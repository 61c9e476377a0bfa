import { MENU_GROUPS, type MenuEntry, type MenuGroup } from "./area";

/** Below this many entries the menu stays one flat list (an auditor's 4 entries need no sections). */
export const GROUP_FROM = 8;

// Sections for entries of areas that do not name one yet; an entry's own `group` wins.
const KNOWN: Record<string, MenuGroup> = {
  builder: "forms",
  designer: "forms",
  plans: "planning",
  "plans-calendar": "planning",
};

export function groupOf(entry: MenuEntry): MenuGroup {
  return entry.group ?? KNOWN[entry.key] ?? "work";
}

export interface MenuSection {
  group: MenuGroup;
  entries: MenuEntry[];
}

/**
 * The menu's sections in MENU_GROUPS order, entries by `order` inside each; empty sections are
 * left out. A short menu is one section with no title (`group` null).
 */
export function menuSections(entries: readonly MenuEntry[], groupFrom = GROUP_FROM): { group: MenuGroup | null; entries: MenuEntry[] }[] {
  const sorted = [...entries].sort((a, b) => a.order - b.order);
  if (sorted.length < groupFrom) return sorted.length ? [{ group: null, entries: sorted }] : [];
  return MENU_GROUPS.map((group) => ({ group, entries: sorted.filter((entry) => groupOf(entry) === group) })).filter(
    (section) => section.entries.length > 0,
  );
}

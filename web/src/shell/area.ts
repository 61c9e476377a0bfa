import type { ComponentType, ReactNode } from "react";
import type { AreaMessages } from "../i18n";
import type { Role } from "../api/graphql";

/**
 * One product area (src/<area>/area.tsx): its routes, its menu entries and its texts.
 * The shell knows areas only through src/areas.ts; adding an area touches nothing else.
 */
export interface AreaRoute {
  /** Absolute client path, e.g. "/work/:id". */
  path: string;
  /** Lazily loaded page: each route is its own chunk. */
  page: () => Promise<{ default: ComponentType }>;
  /** Roles that may open it; omitted: any signed-in user. Others see the 403 page. */
  roles?: Role[];
}

export interface MenuEntry {
  /** Unique key, also used as the selected key for paths below `path`. */
  key: string;
  path: string;
  /** i18n key with namespace, e.g. "work:menu.myWork". */
  label: string;
  icon?: ReactNode;
  roles?: Role[];
  /** Lower first; the shell sorts all areas' entries together. */
  order: number;
  /** A count shown beside the label: the caller's open work ("myWork"). */
  badge?: "myWork";
  /** The side-menu section (see shell/menuGroups.ts); omitted: "work", the daily-work section. */
  group?: MenuGroup;
}

/** Side-menu sections, in this order; shown once a role's menu is long enough to need them. */
export const MENU_GROUPS = ["work", "organisation", "forms", "planning", "integrations", "system"] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

export interface AreaDefinition {
  /** Also the i18n namespace of the area's messages. */
  id: string;
  messages: AreaMessages;
  routes: AreaRoute[];
  menu: MenuEntry[];
  /** Where a role lands after sign-in (the first area claiming the role wins). */
  home?: { roles: Role[]; path: string };
}

export function allowed(roles: Role[] | undefined, role: Role | null | undefined): boolean {
  return !roles || (role != null && roles.includes(role));
}

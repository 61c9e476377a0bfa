import type { AreaMessages } from "./i18n";
import { messages as work } from "./work/messages";
import { messages as portal } from "./portal/messages";
import { messages as customers } from "./customers/messages";
import { messages as review } from "./review/messages";
import { messages as admin } from "./admin/messages";
import { messages as reports } from "./reports/messages";
import { messages as forms } from "./forms/messages";
import { messages as cases } from "./cases/messages";

// The pages' texts, by namespace: one lazily loaded chunk, added before the first page renders
// (App.tsx). The menu labels stay in each area's menu.ts, which loads with the shell. Areas
// whose area.tsx still carries all of its messages need nothing here.
export const pageMessages: Record<string, AreaMessages> = { work, portal, customers, review, admin, reports, forms, cases };

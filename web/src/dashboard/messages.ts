import type { AreaMessages } from "../i18n";

// The menu label only: it loads with the first screen. The page's texts are in
// pageMessages.ts and load with the page.
export const messages: AreaMessages = {
  "zh-CN": { menu: { dashboard: "管理看板" } },
  en: { menu: { dashboard: "Dashboard" } },
};

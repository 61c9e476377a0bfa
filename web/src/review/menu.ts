import type { AreaMessages } from "../i18n";

// The menu labels: loaded with the shell. The pages' texts (messages.ts) load with the first page.
export const menuMessages: AreaMessages = {
  "zh-CN": { menu: { review: "复核与团队" } },
  en: { menu: { review: "Review & team" } },
};

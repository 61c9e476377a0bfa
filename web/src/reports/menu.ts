import type { AreaMessages } from "../i18n";

// The menu labels: loaded with the shell. The pages' texts (messages.ts) load with the first page.
export const menuMessages: AreaMessages = {
  "zh-CN": { menu: { reports: "报告", submissions: "提交与问题" } },
  en: { menu: { reports: "Reports", submissions: "Submissions" } },
};

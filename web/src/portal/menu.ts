import type { AreaMessages } from "../i18n";

// The menu labels: loaded with the shell. The pages' texts (messages.ts) load with the first page.
export const menuMessages: AreaMessages = {
  "zh-CN": { menu: { forms: "填写表单", cases: "我的提交" } },
  en: { menu: { forms: "Forms", cases: "My submissions" } },
};

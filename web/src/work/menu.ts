import type { AreaMessages } from "../i18n";

// The menu labels: loaded with the shell. The pages' texts (messages.ts) load with the first page.
export const menuMessages: AreaMessages = {
  "zh-CN": { menu: { myWork: "我的工作", newForm: "填写表单" } },
  en: { menu: { myWork: "My work", newForm: "Fill in a form" } },
};

import type { AreaMessages } from "../i18n";

// The menu labels: loaded with the shell. The pages' texts (messages.ts) load with the first page.
export const menuMessages: AreaMessages = {
  "zh-CN": { menu: { users: "用户管理", grants: "顾问授权", clients: "OAuth 客户端", imports: "客户导入", jobs: "后台任务" } },
  en: { menu: { users: "Users", grants: "Consultant grants", clients: "OAuth clients", imports: "Customer import", jobs: "Job runs" } },
};

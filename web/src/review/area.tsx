import { AuditOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { menuMessages } from "./menu";

const managers = ["MANAGER", "ADMIN"] as const;

// The manager's desk: review queue and decisions, team workload, overdue and escalated work.
export const reviewArea: AreaDefinition = {
  id: "review",
  messages: menuMessages,
  menu: [{ key: "review", path: "/review", label: "review:menu.review", icon: <AuditOutlined />, roles: [...managers], order: 30 }],
  routes: [
    { path: "/review", page: () => import("./ReviewPage"), roles: [...managers] },
    { path: "/review/:id", page: () => import("./DecisionPage"), roles: [...managers] },
  ],
};

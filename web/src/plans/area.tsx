import { CalendarOutlined, ClusterOutlined, MessageOutlined, ScheduleOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// Set-up (admins): inspection plans, the holiday calendar, the classification rules and
// communication plans.
export const plansArea: AreaDefinition = {
  id: "plans",
  messages,
  menu: [
    { key: "plans", path: "/plans", label: "plans:menu.plans", icon: <ScheduleOutlined />, roles: ["ADMIN"], order: 83 },
    { key: "plans-calendar", path: "/plans/calendar", label: "plans:menu.calendar", icon: <CalendarOutlined />, roles: ["ADMIN"], order: 84 },
    { key: "plans-rules", path: "/plans/classification", label: "plans:menu.rules", icon: <ClusterOutlined />, roles: ["ADMIN"], order: 85 },
    { key: "plans-communications", path: "/plans/communications", label: "plans:menu.communications", icon: <MessageOutlined />, roles: ["ADMIN"], order: 86 },
  ],
  routes: [
    { path: "/plans", page: () => import("./PlansPage"), roles: ["ADMIN"] },
    { path: "/plans/calendar", page: () => import("./CalendarPage"), roles: ["ADMIN"] },
    { path: "/plans/classification", page: () => import("./ClassificationPage"), roles: ["ADMIN"] },
    { path: "/plans/communications", page: () => import("./CommunicationsPage"), roles: ["ADMIN"] },
  ],
};

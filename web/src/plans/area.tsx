import { CalendarOutlined, ScheduleOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// Set-up of recurring work: inspection plans and the holiday calendar (admins).
export const plansArea: AreaDefinition = {
  id: "plans",
  messages,
  menu: [
    { key: "plans", path: "/plans", label: "plans:menu.plans", icon: <ScheduleOutlined />, roles: ["ADMIN"], order: 83 },
    { key: "plans-calendar", path: "/plans/calendar", label: "plans:menu.calendar", icon: <CalendarOutlined />, roles: ["ADMIN"], order: 84 },
  ],
  routes: [
    { path: "/plans", page: () => import("./PlansPage"), roles: ["ADMIN"] },
    { path: "/plans/calendar", page: () => import("./CalendarPage"), roles: ["ADMIN"] },
  ],
};

import { DashboardOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

const managers = ["ADMIN", "MANAGER"] as const;

// The manager's dashboard: KPI cards, charts (ECharts, loaded with the page only) and a PDF.
export const dashboardArea: AreaDefinition = {
  id: "dashboard",
  messages,
  menu: [{ key: "dashboard", path: "/dashboard", label: "dashboard:menu.dashboard", icon: <DashboardOutlined />, roles: [...managers], order: 15 }],
  routes: [{ path: "/dashboard", page: () => import("./DashboardPage"), roles: [...managers] }],
};

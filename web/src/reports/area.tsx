import { FilePdfOutlined, TableOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { menuMessages } from "./menu";

const staff = ["ADMIN", "MANAGER", "AUDITOR"] as const;

// Reports: the caller's requested PDFs (status, progress, download) and requests for a
// customer dossier or a period summary.
export const reportsArea: AreaDefinition = {
  id: "reports",
  messages: menuMessages,
  menu: [
    { key: "reports", path: "/my-reports", label: "reports:menu.reports", icon: <FilePdfOutlined />, roles: [...staff], order: 35 },
    { key: "submissions", path: "/submissions", label: "reports:menu.submissions", icon: <TableOutlined />, roles: [...staff], order: 36 },
  ],
  routes: [
    { path: "/my-reports", page: () => import("./ReportsPage"), roles: [...staff] },
    { path: "/submissions", page: () => import("./SubmissionsPage"), roles: [...staff] },
  ],
};

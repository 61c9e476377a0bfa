import { FilePdfOutlined, TableOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

const staff = ["ADMIN", "MANAGER", "AUDITOR"] as const;

// Reports: the caller's requested PDFs (status, progress, download) and requests for a
// customer dossier or a period summary.
export const reportsArea: AreaDefinition = {
  id: "reports",
  messages,
  menu: [
    { key: "reports", path: "/my-reports", label: "reports:menu.reports", icon: <FilePdfOutlined />, roles: [...staff], order: 35 },
    { key: "submissions", path: "/submissions", label: "reports:submissions.menu", icon: <TableOutlined />, roles: [...staff], order: 36 },
  ],
  routes: [
    { path: "/my-reports", page: () => import("./ReportsPage"), roles: [...staff] },
    { path: "/submissions", page: () => import("./SubmissionsPage"), roles: [...staff] },
  ],
};

import { ApiOutlined, CloudUploadOutlined, ScheduleOutlined, SafetyCertificateOutlined, UserOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { menuMessages } from "./menu";

// Administration: user accounts and consultant grants.
export const adminArea: AreaDefinition = {
  id: "admin",
  messages: menuMessages,
  menu: [
    { key: "admin-users", path: "/admin/users", label: "admin:menu.users", icon: <UserOutlined />, roles: ["ADMIN"], order: 80, group: "organisation" },
    { key: "admin-grants", path: "/admin/grants", label: "admin:menu.grants", icon: <SafetyCertificateOutlined />, roles: ["ADMIN"], order: 81, group: "organisation" },
    { key: "admin-clients", path: "/admin/clients", label: "admin:menu.clients", icon: <ApiOutlined />, roles: ["ADMIN"], order: 82, group: "integrations" },
    { key: "admin-imports", path: "/admin/imports", label: "admin:menu.imports", icon: <CloudUploadOutlined />, roles: ["ADMIN"], order: 83, group: "integrations" },
    { key: "admin-jobs", path: "/admin/jobs", label: "admin:menu.jobs", icon: <ScheduleOutlined />, roles: ["ADMIN"], order: 84, group: "system" },
  ],
  routes: [
    { path: "/admin/users", page: () => import("./UsersPage"), roles: ["ADMIN"] },
    { path: "/admin/grants", page: () => import("./GrantsPage"), roles: ["ADMIN"] },
    { path: "/admin/clients", page: () => import("./ClientsPage"), roles: ["ADMIN"] },
    { path: "/admin/imports", page: () => import("./ImportPage"), roles: ["ADMIN"] },
    { path: "/admin/jobs", page: () => import("./JobsPage"), roles: ["ADMIN"] },
  ],
};

import { SafetyCertificateOutlined, UserOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// Administration: user accounts and consultant grants.
export const adminArea: AreaDefinition = {
  id: "admin",
  messages,
  menu: [{ key: "admin-users", path: "/admin/users", label: "admin:menu.users", icon: <UserOutlined />, roles: ["ADMIN"], order: 80 },
    { key: "admin-grants", path: "/admin/grants", label: "admin:menu.grants", icon: <SafetyCertificateOutlined />, roles: ["ADMIN"], order: 81 },
  ],
  routes: [
    { path: "/admin/users", page: () => import("./UsersPage"), roles: ["ADMIN"] },
    { path: "/admin/grants", page: () => import("./GrantsPage"), roles: ["ADMIN"] },
  ],
};

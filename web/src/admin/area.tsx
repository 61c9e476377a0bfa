import { UserOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// Administration: user accounts (more admin pages join this area).
export const adminArea: AreaDefinition = {
  id: "admin",
  messages,
  menu: [{ key: "admin-users", path: "/admin/users", label: "admin:menu.users", icon: <UserOutlined />, roles: ["ADMIN"], order: 80 }],
  routes: [{ path: "/admin/users", page: () => import("./UsersPage"), roles: ["ADMIN"] }],
};

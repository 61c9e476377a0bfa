import { TeamOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { menuMessages } from "./menu";

// Everyone who may read the internal customer register: staff and consultants (read-only,
// within their grant; the API scopes the rows).
const readers = ["ADMIN", "MANAGER", "AUDITOR", "CONSULTANT"] as const;

export const customersArea: AreaDefinition = {
  id: "customers",
  messages: menuMessages,
  home: { roles: ["CONSULTANT"], path: "/customers" },
  menu: [{ key: "customers", path: "/customers", label: "customers:menu.customers", icon: <TeamOutlined />, roles: [...readers], order: 20 }],
  routes: [
    { path: "/customers", page: () => import("./CustomersPage"), roles: [...readers] },
    { path: "/customers/:code", page: () => import("./CustomerPage"), roles: [...readers] },
  ],
};

import { FileAddOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// The customer user's portal: the forms offered to them and what they submitted.
export const portalArea: AreaDefinition = {
  id: "portal",
  messages,
  home: { roles: ["CUSTOMER"], path: "/portal/forms" },
  menu: [{ key: "portal-forms", path: "/portal/forms", label: "portal:menu.forms", icon: <FileAddOutlined />, roles: ["CUSTOMER"], order: 10 }],
  routes: [{ path: "/portal/forms", page: () => import("./FormsPage"), roles: ["CUSTOMER"] }],
};

import { FileAddOutlined, FolderOpenOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { menuMessages } from "./menu";

// The customer user's portal: the forms offered to them and what they submitted.
export const portalArea: AreaDefinition = {
  id: "portal",
  messages: menuMessages,
  home: { roles: ["CUSTOMER"], path: "/portal/forms" },
  menu: [
    { key: "portal-forms", path: "/portal/forms", label: "portal:menu.forms", icon: <FileAddOutlined />, roles: ["CUSTOMER"], order: 10 },
    { key: "portal-cases", path: "/portal/cases", label: "portal:menu.cases", icon: <FolderOpenOutlined />, roles: ["CUSTOMER"], order: 11 },
  ],
  routes: [
    { path: "/portal/forms", page: () => import("./FormsPage"), roles: ["CUSTOMER"] },
    { path: "/portal/fill/:versionId", page: () => import("./FillPage"), roles: ["CUSTOMER"] },
    { path: "/portal/cases", page: () => import("./CasesPage"), roles: ["CUSTOMER"] },
    { path: "/portal/cases/:id", page: () => import("./CasePage"), roles: ["CUSTOMER"] },
  ],
};

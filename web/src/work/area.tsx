import { CheckSquareOutlined, FormOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { menuMessages } from "./menu";

const staff = ["ADMIN", "MANAGER", "AUDITOR"] as const;

export const workArea: AreaDefinition = {
  id: "work",
  messages: menuMessages,
  home: { roles: ["AUDITOR", "MANAGER", "ADMIN"], path: "/work" },
  menu: [{ key: "work", path: "/work", label: "work:menu.myWork", icon: <CheckSquareOutlined />, roles: [...staff], order: 10, badge: "myWork" },
    { key: "work-new", path: "/work/new", label: "work:menu.newForm", icon: <FormOutlined />, roles: [...staff], order: 11 },
  ],
  routes: [
    { path: "/work", page: () => import("./MyWorkPage"), roles: [...staff] },
    { path: "/work/new", page: () => import("./NewFormPage"), roles: [...staff] },
    { path: "/work/fill/:versionId", page: () => import("./FillPage"), roles: [...staff] },
    { path: "/work/:id", page: () => import("./TaskPage"), roles: [...staff] },
  ],
};

import { FormOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// The no-code form builder (admins): forms list + template gallery, and the three-pane editor.
export const builderArea: AreaDefinition = {
  id: "builder",
  messages,
  menu: [{ key: "builder", path: "/builder", label: "builder:menu.builder", icon: <FormOutlined />, roles: ["ADMIN"], order: 79 }],
  routes: [
    { path: "/builder", page: () => import("./FormsPage"), roles: ["ADMIN"] },
    { path: "/builder/:id", page: () => import("./BuilderPage"), roles: ["ADMIN"] },
  ],
};

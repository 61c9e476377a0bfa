import { PartitionOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// The workflow designer (admins): React Flow and dagre load only on these routes.
export const designerArea: AreaDefinition = {
  id: "designer",
  messages,
  menu: [{ key: "designer", path: "/designer", label: "designer:menu.designer", icon: <PartitionOutlined />, roles: ["ADMIN"], order: 82 }],
  routes: [
    { path: "/designer", page: () => import("./ListPage"), roles: ["ADMIN"] },
    { path: "/designer/:key", page: () => import("./DesignerPage"), roles: ["ADMIN"] },
  ],
};

import { AuditOutlined, FileSearchOutlined, PercentageOutlined } from "@ant-design/icons";
import type { AreaDefinition } from "../shell/area";
import { messages } from "./messages";

// Verification by sampling: plans and draws (admins, managers), the second auditor's
// re-check (staff), and the data accuracy rates (admins, managers).
export const verificationArea: AreaDefinition = {
  id: "verification",
  messages,
  menu: [
    { key: "verification-mine", path: "/verification/mine", label: "verification:menu.mine", icon: <FileSearchOutlined />, roles: ["ADMIN", "MANAGER", "AUDITOR"], order: 37 },
    { key: "verification-plans", path: "/verification/plans", label: "verification:menu.plans", icon: <AuditOutlined />, roles: ["ADMIN", "MANAGER"], order: 38 },
    { key: "verification-accuracy", path: "/verification/accuracy", label: "verification:menu.accuracy", icon: <PercentageOutlined />, roles: ["ADMIN", "MANAGER"], order: 39 },
  ],
  routes: [
    { path: "/verification/mine", page: () => import("./MyVerificationsPage"), roles: ["ADMIN", "MANAGER", "AUDITOR"] },
    { path: "/verification/mine/:id", page: () => import("./VerifyPage"), roles: ["ADMIN", "MANAGER", "AUDITOR"] },
    { path: "/verification/plans", page: () => import("./PlansPage"), roles: ["ADMIN", "MANAGER"] },
    { path: "/verification/accuracy", page: () => import("./AccuracyPage"), roles: ["ADMIN", "MANAGER"] },
  ],
};

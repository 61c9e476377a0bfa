import type { AreaDefinition } from "./shell/area";
import { workArea } from "./work/area";
import { portalArea } from "./portal/area";
import { customersArea } from "./customers/area";
import { reviewArea } from "./review/area";
import { adminArea } from "./admin/area";
import { reportsArea } from "./reports/area";
import { builderArea } from "./builder/area";
import { designerArea } from "./designer/area";
import { plansArea } from "./plans/area";
import { dashboardArea } from "./dashboard/area";
import { verificationArea } from "./verification/area";

// Every product area, in menu order of their first entries. To add an area, create
// src/<area>/area.tsx (see web/README.md) and list it here; nothing else in the shell changes.
export const areas: AreaDefinition[] = [
  workArea,
  portalArea,
  customersArea,
  reviewArea,
  adminArea,
  reportsArea,
  builderArea,
  designerArea,
  plansArea,
  dashboardArea,
  verificationArea,
];

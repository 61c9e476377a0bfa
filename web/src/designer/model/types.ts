/**
 * A workflow definition as in workflows/*.json (schema/workflow-definition.schema.json).
 * Only the parts the designer edits are typed; everything else is kept as it came
 * (index signatures), so a definition saves back unchanged where nothing was edited.
 */
export type Localized = { "zh-CN": string; en: string };

export type Role = "admin" | "manager" | "auditor" | "customer" | "consultant" | "service" | "assignee" | "submitter" | "account_auditor";
export const ROLES: Role[] = ["admin", "manager", "auditor", "customer", "consultant", "service", "assignee", "submitter", "account_auditor"];

export type Duration = { hours: number } | { workingDays: number };

export type Recipient =
  | { user: string }
  | { role: "admin" | "manager" | "auditor" }
  | { roundRobin: "manager" | "auditor" }
  | { accountAuditor: true }
  | { submitter: true }
  | { assignee: true };

export interface Action {
  type: "assign" | "notify" | "webhook" | "renderReport" | "writeRegister" | "createTask" | "startChild";
  [key: string]: unknown;
}

export interface Sla {
  due: Duration;
  escalate: string;
  dueFrom?: string;
  remind?: { before: { hours: number }; to?: Recipient; message: Localized };
  [key: string]: unknown;
}

export interface State {
  title: Localized;
  description?: Localized;
  initial?: boolean;
  final?: boolean;
  sla?: Sla;
  onEnter?: Action[];
  [key: string]: unknown;
}

export interface Excludes {
  submitter?: true;
  assignee?: true;
  firedBy?: string[];
}

export interface Transition {
  event: string;
  title?: Localized;
  from: string[];
  to: string;
  roles: Role[];
  guard?: unknown;
  guardMessage?: Localized;
  excludes?: Excludes;
  commentRequired?: boolean;
  input?: { schema: Record<string, unknown> } | { form: string };
  actions?: Action[];
  auto?: boolean;
  [key: string]: unknown;
}

export interface Layout {
  nodes?: Record<string, { x: number; y: number }>;
}

export interface WorkflowDefinition {
  $schema?: string;
  key: string;
  title: Localized;
  description?: Localized;
  subject: "submission" | "customer" | "inspection" | "finding";
  startsFor?: { formCategories?: string[]; formKeys?: string[] };
  states: Record<string, State>;
  transitions: Transition[];
  layout?: Layout;
  [key: string]: unknown;
}

export const SCHEMA_ID = "https://auditportal.dev/schema/workflow-definition.schema.json";

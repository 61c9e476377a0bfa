import type { CustomerTier, InspectionAssignmentRule, InspectionPlanInput } from "../api/graphql";
import { ruleOf, type Recurrence } from "./recurrence";

/** The plan form's values, and the API input they make. */
export interface PlanValues {
  nameZh: string;
  nameEn: string;
  formKey: string;
  workflowKey: string;
  tiers: CustomerTier[];
  recurrence: Partial<Record<CustomerTier, Recurrence>>;
  startsOn: string;
  leadDays: number;
  assignment: InspectionAssignmentRule;
}

export const TIERS: CustomerTier[] = ["KEY", "NORMAL", "HIGH_RISK"];

/**
 * Today's date on the user's own calendar (YYYY-MM-DD), the default start of a new plan.
 * Not `toISOString()`: that is the UTC date, a day behind in China until 08:00, and a plan
 * anchored on yesterday silently skips its first occurrence (the server plans from its today).
 */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function blankPlan(today: string): PlanValues {
  return { nameZh: "", nameEn: "", formKey: "", workflowKey: "", tiers: ["KEY"], recurrence: { KEY: { frequency: "MONTHLY", interval: 1 } }, startsOn: today, leadDays: 7, assignment: "ACCOUNT_AUDITOR" };
}

export function recurrencesOf(values: PlanValues) {
  return values.tiers.map((tier) => ({ tier, rule: ruleOf(values.recurrence[tier] ?? { frequency: "MONTHLY", interval: 1 }) }));
}

export function planInput(values: PlanValues): InspectionPlanInput {
  return {
    name: { zhCN: values.nameZh, en: values.nameEn },
    formKey: values.formKey,
    workflowKey: values.workflowKey,
    recurrences: recurrencesOf(values),
    tiers: values.tiers,
    startsOn: values.startsOn,
    leadDays: values.leadDays,
    assignment: values.assignment,
  };
}

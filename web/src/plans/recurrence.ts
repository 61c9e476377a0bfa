/** Recurrence as people pick it (every N weeks/months/quarters/years), as an RFC 5545 RRULE. */
export type Frequency = "WEEKLY" | "MONTHLY" | "QUARTERLY" | "YEARLY";
export const FREQUENCIES: Frequency[] = ["WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY"];

export interface Recurrence {
  frequency: Frequency;
  interval: number;
}

export function ruleOf({ frequency, interval }: Recurrence): string {
  if (frequency === "QUARTERLY") return `FREQ=MONTHLY;INTERVAL=${3 * interval}`;
  return interval === 1 ? `FREQ=${frequency}` : `FREQ=${frequency};INTERVAL=${interval}`;
}

/** The picker's reading of a rule, or null for rules only the text field edits. */
export function recurrenceOf(rule: string): Recurrence | null {
  const parts = Object.fromEntries(rule.split(";").map((part) => part.split("=", 2) as [string, string]));
  const keys = Object.keys(parts).filter((k) => k !== "FREQ" && k !== "INTERVAL");
  if (keys.length) return null;
  const interval = parts.INTERVAL ? Number(parts.INTERVAL) : 1;
  if (!Number.isInteger(interval) || interval < 1) return null;
  if (parts.FREQ === "MONTHLY" && interval % 3 === 0) return { frequency: "QUARTERLY", interval: interval / 3 };
  if (parts.FREQ === "WEEKLY" || parts.FREQ === "MONTHLY" || parts.FREQ === "YEARLY") return { frequency: parts.FREQ, interval };
  return null;
}

// Plain logic of the verification area: the answers as checkable fields, the result to
// record, plan inputs and how rates are shown. No React here (tested with Vitest).

export interface FieldRow {
  pointer: string;
  title: string;
  value: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function escape(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function titleOf(schema: unknown): string | undefined {
  if (schema && typeof schema === "object") {
    const s = schema as Record<string, unknown>;
    const title = s.title ?? s["x-title"];
    if (typeof title === "string") return title;
  }
  return undefined;
}

function child(schema: unknown, key: string | number): unknown {
  if (!schema || typeof schema !== "object") return undefined;
  const s = schema as Record<string, unknown>;
  if (typeof key === "number") return s.items;
  const properties = s.properties as Record<string, unknown> | undefined;
  return properties?.[key];
}

/** Every answered leaf, with its pointer and the titles of the path (“Contracts › Signed”). */
export function fieldRows(answers: unknown, schema: unknown, prefix = "", titles: string[] = []): FieldRow[] {
  if (Array.isArray(answers)) {
    return answers.flatMap((value, index) =>
      fieldRows(value, child(schema, index), `${prefix}/${index}`, [...titles, `#${index + 1}`]),
    );
  }
  if (answers && typeof answers === "object") {
    return Object.entries(answers as Record<string, Json>).flatMap(([key, value]) => {
      const sub = child(schema, key);
      return fieldRows(value, sub, `${prefix}/${escape(key)}`, [...titles, titleOf(sub) ?? key]);
    });
  }
  return prefix ? [{ pointer: prefix, title: titles.join(" › "), value: answers }] : [];
}

export function display(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

export interface Decision {
  agree: boolean;
  verifiedValue: string;
  reason: string;
}

/** The typed text of a verified value: JSON when it parses (numbers, booleans), else text. */
export function parseValue(text: string, recorded: unknown): unknown {
  if (typeof recorded === "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface RecordInput {
  id: string;
  checked: string[];
  discrepancies: { pointer: string; verifiedValue: unknown; reason: string }[];
  comment: string | null;
}

export function recordInput(id: string, rows: FieldRow[], decisions: Record<string, Decision>, comment: string): RecordInput {
  const discrepancies = rows
    .filter((row) => decisions[row.pointer] && !decisions[row.pointer].agree)
    .map((row) => ({
      pointer: row.pointer,
      verifiedValue: parseValue(decisions[row.pointer].verifiedValue, row.value),
      reason: decisions[row.pointer].reason.trim(),
    }));
  return { id, checked: rows.map((row) => row.pointer), discrepancies, comment: comment.trim() || null };
}

/** What is missing before the result can be sent: pointers whose discrepancy lacks a reason. */
export function missingReasons(decisions: Record<string, Decision>): string[] {
  return Object.entries(decisions)
    .filter(([, d]) => !d.agree && !d.reason.trim())
    .map(([pointer]) => pointer);
}

export function percent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined) return "—";
  return `${(rate * 100).toFixed(digits)} %`;
}

export function interval(low: number | null | undefined, high: number | null | undefined): string {
  if (low === null || low === undefined || high === null || high === undefined) return "—";
  return `${percent(low)} – ${percent(high)}`;
}

export const TIERS = ["key", "normal", "high_risk"] as const;
export type Tier = (typeof TIERS)[number];

export interface PlanDraft {
  id?: string;
  name: string;
  formIds: string[];
  periodUnit: "MONTH" | "QUARTER";
  sizing: "FIXED" | "STATISTICAL";
  tierSizes: Record<Tier, number>;
  confidence: number;
  tolerableError: number;
  expectedError: number;
  active: boolean;
  /** The verifier pool: User ids and teams; both empty is every active auditor (then manager). */
  verifierIds: string[];
  verifierTeams: string[];
  dueDays: number;
}

export function emptyPlan(): PlanDraft {
  return {
    name: "",
    formIds: [],
    periodUnit: "MONTH",
    sizing: "FIXED",
    tierSizes: { key: 5, normal: 5, high_risk: 5 },
    confidence: 0.95,
    tolerableError: 0.05,
    expectedError: 0.5,
    active: true,
    verifierIds: [],
    verifierTeams: [],
    dueDays: 14,
  };
}

export function planInput(draft: PlanDraft) {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name,
    formIds: draft.formIds,
    periodUnit: draft.periodUnit,
    sizing: draft.sizing,
    tierSizes: draft.sizing === "FIXED" ? TIERS.map((tier) => ({ tier, size: draft.tierSizes[tier] ?? 0 })) : [],
    confidence: draft.confidence,
    tolerableError: draft.tolerableError,
    expectedError: draft.expectedError,
    active: draft.active,
    verifierIds: draft.verifierIds,
    verifierTeams: draft.verifierTeams,
    dueDays: draft.dueDays,
  };
}

/** The period a plan would draw now: last month (2026-11) or last quarter (2026-Q3). */
export function previousPeriod(unit: "MONTH" | "QUARTER", today: Date): string {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth(); // 0-based: the previous month's 1-based number
  if (unit === "MONTH") {
    return month === 0 ? `${year - 1}-12` : `${year}-${String(month).padStart(2, "0")}`;
  }
  const quarter = Math.floor(month / 3); // the current quarter minus one, 0 = last year's Q4
  return quarter === 0 ? `${year - 1}-Q4` : `${year}-Q${quarter}`;
}

export function validPeriod(unit: "MONTH" | "QUARTER", text: string): boolean {
  return unit === "MONTH" ? /^\d{4}-(0[1-9]|1[0-2])$/.test(text) : /^\d{4}-Q[1-4]$/.test(text);
}

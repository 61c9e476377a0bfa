/**
 * The classification rules document (server: customers/classification.py) as the editor's
 * pickers see it: per tier, conditions over the customer facts joined by "all" or "any".
 * A rule the pickers cannot show (nested logic, other operators) stays JSON, edited as text,
 * and is written back as it came.
 */
export type RuleTier = "high_risk" | "key";
export const RULE_TIERS: RuleTier[] = ["high_risk", "key"];

export type Fact = "transactionVolume" | "riskScore" | "creditRank" | "openFindings" | "complaintsInWindow" | "region" | "industry" | "creditGrade" | "tags";
export const NUMBER_FACTS: Fact[] = ["transactionVolume", "riskScore", "creditRank", "openFindings", "complaintsInWindow"];
export const TEXT_FACTS: Fact[] = ["region", "industry", "creditGrade"];
export const FACTS: Fact[] = [...NUMBER_FACTS, ...TEXT_FACTS, "tags"];

export type Op = ">=" | ">" | "<=" | "<" | "==" | "!=" | "has";
export const NUMBER_OPS: Op[] = [">=", ">", "<=", "<", "==", "!="];
export const TEXT_OPS: Op[] = ["==", "!="];

export interface Condition {
  fact: Fact;
  op: Op;
  value: string | number;
}

/** A tier's rule: pickers (conditions) or, when they cannot show it, JSON text. */
export type TierRule = { kind: "none" } | { kind: "pickers"; join: "and" | "or"; conditions: Condition[] } | { kind: "json"; text: string };

export interface RulesValues {
  complaintsWindowDays: number;
  findingsWindowDays: number;
  rules: Record<RuleTier, TierRule>;
}

export function opsFor(fact: Fact): Op[] {
  if (fact === "tags") return ["has"];
  return NUMBER_FACTS.includes(fact) ? NUMBER_OPS : TEXT_OPS;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function varName(value: unknown): string | null {
  return isObject(value) && Object.keys(value).length === 1 && typeof value.var === "string" ? value.var : null;
}

/** One JsonLogic comparison as a condition, or null. */
export function conditionOf(logic: unknown): Condition | null {
  if (!isObject(logic) || Object.keys(logic).length !== 1) return null;
  const [op, args] = Object.entries(logic)[0]!;
  if (!Array.isArray(args) || args.length !== 2) return null;
  if (op === "in") {
    const [needle, haystack] = args;
    if (varName(haystack) === "tags" && typeof needle === "string") return { fact: "tags", op: "has", value: needle };
    return null;
  }
  const fact = varName(args[0]) as Fact | null;
  const value: unknown = args[1];
  if (!fact || !FACTS.includes(fact) || !opsFor(fact).includes(op as Op)) return null;
  if (NUMBER_FACTS.includes(fact) ? typeof value !== "number" : typeof value !== "string") return null;
  return { fact, op: op as Op, value: value as string | number };
}

export function logicOf(condition: Condition): unknown {
  if (condition.op === "has") return { in: [String(condition.value), { var: "tags" }] };
  const value = NUMBER_FACTS.includes(condition.fact) ? Number(condition.value) : String(condition.value);
  return { [condition.op]: [{ var: condition.fact }, value] };
}

export function tierRuleOf(logic: unknown): TierRule {
  if (logic === undefined || logic === null) return { kind: "none" };
  const single = conditionOf(logic);
  if (single) return { kind: "pickers", join: "and", conditions: [single] };
  if (isObject(logic) && Object.keys(logic).length === 1) {
    const join = "and" in logic ? "and" : "or" in logic ? "or" : null;
    const parts = join ? logic[join] : null;
    if (join && Array.isArray(parts) && parts.length > 0) {
      const conditions = parts.map(conditionOf);
      if (conditions.every((c): c is Condition => c !== null)) return { kind: "pickers", join, conditions };
    }
  }
  return { kind: "json", text: JSON.stringify(logic, null, 2) };
}

/** The JsonLogic of a tier's rule; undefined for none; throws on JSON that does not parse. */
export function logicOfTier(rule: TierRule): unknown {
  if (rule.kind === "none") return undefined;
  if (rule.kind === "json") return JSON.parse(rule.text) as unknown;
  if (rule.conditions.length === 0) return undefined;
  if (rule.conditions.length === 1) return logicOf(rule.conditions[0]!);
  return { [rule.join]: rule.conditions.map(logicOf) };
}

export function valuesOf(document: unknown): RulesValues {
  const doc = isObject(document) ? document : {};
  const rules = isObject(doc.rules) ? doc.rules : {};
  return {
    complaintsWindowDays: typeof doc.complaintsWindowDays === "number" ? doc.complaintsWindowDays : 90,
    findingsWindowDays: typeof doc.findingsWindowDays === "number" ? doc.findingsWindowDays : 365,
    rules: { high_risk: tierRuleOf(rules.high_risk), key: tierRuleOf(rules.key) },
  };
}

/** The document to preview or save; null with the tiers whose JSON does not parse. */
export function documentOf(values: RulesValues): { document: Record<string, unknown> | null; badJson: RuleTier[] } {
  const rules: Record<string, unknown> = {};
  const badJson: RuleTier[] = [];
  for (const tier of RULE_TIERS) {
    try {
      const logic = logicOfTier(values.rules[tier]);
      if (logic !== undefined) rules[tier] = logic;
    } catch {
      badJson.push(tier);
    }
  }
  if (badJson.length) return { document: null, badJson };
  return { document: { complaintsWindowDays: values.complaintsWindowDays, findingsWindowDays: values.findingsWindowDays, rules }, badJson };
}

/** A server field path (["document", "rules", "key", "or", 1]) as the editor names it. */
export function pathLabel(path: readonly string[], names: { tier: (tier: RuleTier) => string; field: (name: string) => string }): string {
  const rest = path[0] === "input" ? path.slice(1) : path;
  const inDocument = rest[0] === "document" ? rest.slice(1) : rest;
  if (inDocument[0] === "rules" && (inDocument[1] === "high_risk" || inDocument[1] === "key")) {
    const tail = inDocument.slice(2);
    return [names.tier(inDocument[1]), ...tail].join(" › ");
  }
  return inDocument.length ? [names.field(inDocument[0]!), ...inDocument.slice(1)].join(" › ") : "";
}

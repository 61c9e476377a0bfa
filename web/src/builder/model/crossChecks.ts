import type { Json, JsonObject } from "./json";
import { isObject } from "./json";

/**
 * Cross-checks (definition.rules.crossChecks) as a property of the field they check: an
 * answer compared with a value of the customer's data (register or CRM), within a tolerance;
 * a difference raises a finding. The builder edits the one check whose `answer` is the field.
 */
export interface CrossCheck {
  against: string;
  percent: number | null;
  severity: string;
  title: { "zh-CN": string; en: string };
}

function checks(definition: JsonObject): Json[] {
  const rules = definition.rules;
  return isObject(rules) && Array.isArray(rules.crossChecks) ? rules.crossChecks : [];
}

export function crossCheckOf(definition: JsonObject, answer: string): CrossCheck | null {
  const found = checks(definition).find((c) => isObject(c) && c.answer === answer);
  if (!isObject(found)) return null;
  const tolerance = isObject(found.tolerance) ? found.tolerance : {};
  const title = isObject(found.title) ? found.title : {};
  return {
    against: typeof found.against === "string" ? found.against : "",
    percent: typeof tolerance.percent === "number" ? tolerance.percent : null,
    severity: typeof found.severity === "string" ? found.severity : "medium",
    title: { "zh-CN": typeof title["zh-CN"] === "string" ? title["zh-CN"] : "", en: typeof title.en === "string" ? title.en : "" },
  };
}

/** A rule key from the field path: contract.amount → contract-amount-check. */
export function crossCheckKey(answer: string): string {
  const base = answer.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").replace(/^[^a-z]+/, "");
  return `${base || "field"}-check`.slice(0, 64);
}

/** Set (or with null, remove) the field's cross-check; other rules stay as they are. */
export function withCrossCheck(definition: JsonObject, answer: string, check: CrossCheck | null): JsonObject {
  const list = checks(definition);
  const at = list.findIndex((c) => isObject(c) && c.answer === answer);
  const next = [...list];
  if (check === null) {
    if (at < 0) return definition;
    next.splice(at, 1);
  } else {
    const previous = at >= 0 && isObject(list[at]) ? (list[at] as JsonObject) : null;
    const entry: JsonObject = {
      key: typeof previous?.key === "string" ? previous.key : crossCheckKey(answer),
      answer,
      against: check.against,
      ...(check.percent !== null ? { tolerance: { percent: check.percent } } : {}),
      severity: check.severity,
      title: check.title,
    };
    if (at >= 0) next[at] = entry;
    else next.push(entry);
  }
  const rules: JsonObject = isObject(definition.rules) ? { ...definition.rules } : {};
  if (next.length) rules.crossChecks = next;
  else delete rules.crossChecks;
  const out: JsonObject = { ...definition };
  if (Object.keys(rules).length) out.rules = rules;
  else delete out.rules;
  return out;
}

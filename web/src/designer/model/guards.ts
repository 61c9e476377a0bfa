/**
 * Guards built with pickers: a list of conditions over the form's answers and the customer,
 * all or any of which must hold, written as the JsonLogic the server evaluates. A guard that
 * is not of this shape stays as it is and is edited as JSON.
 */
export type Operator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "in" | "filled" | "empty";
export const OPERATORS: Operator[] = ["==", "!=", ">", ">=", "<", "<=", "in", "filled", "empty"];

export interface Condition {
  /** A context path, e.g. answers.severity or customer.tier. */
  field: string;
  op: Operator;
  value?: unknown;
}

export interface GuardModel {
  combine: "and" | "or";
  conditions: Condition[];
}

export const CUSTOMER_FIELDS = ["customer.tier", "customer.region", "customer.industry", "customer.creditGrade", "customer.riskScore", "customer.transactionVolume", "customer.tags"];
export const SCORE_FIELDS = ["score.percent", "score.passed", "findings.count"];

function conditionRule(condition: Condition): unknown {
  const variable = { var: condition.field };
  if (condition.op === "filled") return { "!!": [variable] };
  if (condition.op === "empty") return { "!": [variable] };
  if (condition.op === "in") return { in: [variable, Array.isArray(condition.value) ? condition.value : [condition.value]] };
  return { [condition.op]: [variable, condition.value] };
}

export function guardRule(model: GuardModel): unknown {
  const rules = model.conditions.filter((c) => c.field).map(conditionRule);
  if (rules.length === 0) return undefined;
  if (rules.length === 1) return rules[0];
  return { [model.combine]: rules };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function varName(value: unknown): string | null {
  if (isObject(value) && typeof value.var === "string" && Object.keys(value).length === 1) return value.var;
  return null;
}

function parseCondition(rule: unknown): Condition | null {
  if (!isObject(rule) || Object.keys(rule).length !== 1) return null;
  const [op, args] = Object.entries(rule)[0] as [string, unknown];
  if (!Array.isArray(args)) return null;
  const field = varName(args[0]);
  if (field === null) return null;
  if (op === "!!" && args.length === 1) return { field, op: "filled" };
  if (op === "!" && args.length === 1) return { field, op: "empty" };
  if (!(OPERATORS as string[]).includes(op) || args.length !== 2) return null;
  const value = args[1];
  if (isObject(value)) return null;
  return { field, op: op as Operator, value };
}

/** The pickers' model of a guard, or null when it must be edited as JSON. */
export function parseGuard(rule: unknown): GuardModel | null {
  if (rule === undefined) return { combine: "and", conditions: [] };
  const single = parseCondition(rule);
  if (single) return { combine: "and", conditions: [single] };
  if (!isObject(rule) || Object.keys(rule).length !== 1) return null;
  const combine = "and" in rule ? "and" : "or" in rule ? "or" : null;
  const parts = combine ? rule[combine] : null;
  if (!combine || !Array.isArray(parts) || parts.length < 2) return null;
  const conditions = parts.map(parseCondition);
  return conditions.every((c): c is Condition => c !== null) ? { combine, conditions } : null;
}

export interface FieldOption {
  path: string;
  title: unknown;
  /** The JSON type of the answer (string, number, integer, boolean, array). */
  type?: string;
  /** date, date-time, ... for strings. */
  format?: string;
  /** The choices of a single or multiple choice, with their titles ({ zh-CN, en } or text). */
  options?: { value: string | number | boolean; title: unknown }[];
}

function choicesOf(property: Record<string, unknown>): FieldOption["options"] {
  const holder = property.type === "array" && isObject(property.items) ? property.items : property;
  const values = holder.enum;
  if (!Array.isArray(values)) return undefined;
  const titles = isObject(holder["x-enum-titles"]) ? holder["x-enum-titles"] : {};
  return values
    .filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v))
    .map((value, i) => {
      const zh = (titles["zh-CN"] as unknown[] | undefined)?.[i];
      const en = (titles.en as unknown[] | undefined)?.[i];
      return { value, title: zh !== undefined || en !== undefined ? { "zh-CN": zh ?? en, en: en ?? zh } : String(value) };
    });
}

/** Answer fields a guard can read, from a form's JSON Schema (sections flattened). */
export function formFields(schema: unknown, prefix = "answers"): FieldOption[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const found: FieldOption[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (!isObject(property)) continue;
    const path = `${prefix}.${name}`;
    if (property.type === "object" && isObject(property.properties)) found.push(...formFields(property, path));
    else {
      const option: FieldOption = { path, title: property["x-title"] ?? property.title ?? name };
      if (typeof property.type === "string") option.type = property.type;
      if (typeof property.format === "string") option.format = property.format;
      const options = choicesOf(property);
      if (options) option.options = options;
      found.push(option);
    }
  }
  return found;
}

/** Date fields of a form, for an SLA's due date taken from the data. */
export function dateFields(fields: FieldOption[]): FieldOption[] {
  return fields.filter((f) => f.type === "string" && (f.format === "date" || f.format === "date-time"));
}

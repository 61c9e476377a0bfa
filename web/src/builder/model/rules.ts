import type { Json, JsonObject } from "./json";
import { deepEqual, isObject } from "./json";
import { allFields, containerSchema, findByKeys, internals, type BuilderDoc, type FieldNode } from "./document";

/**
 * Logic: "show F when W <op> V" and "require F when W <op> V", written as standard JSON Schema
 * in the container holding both fields: `allOf: [{ if, then }]` (a shown field's schema sits in
 * `then.properties`, a required one's key in `then.required`), and `dependentRequired` for
 * "require F when W is answered". Rules name fields by key in the document; the builder maps
 * them to stable ids, and renames rewrite them.
 */
export type Operator = "equals" | "notEquals" | "oneOf" | "answered";

export interface Condition {
  /** Key of the field tested, a sibling of the fields the rule acts on. */
  key: string;
  operator: Operator;
  values: Json[];
}

export interface Rule {
  /** Where it lives: the container id (null = top level) and its place. */
  containerId: string | null;
  kind: "allOf" | "dependentRequired";
  index: number;
  /** dependentRequired: the key that triggers it. */
  trigger?: string;
  when: Condition | null;
  whenFieldId: string | null;
  show: string[];
  require: string[];
}

export function conditionSchema(condition: Condition): JsonObject {
  const { key, operator, values } = condition;
  const test: JsonObject =
    operator === "equals" ? { const: values[0] ?? null } : operator === "notEquals" ? { not: { const: values[0] ?? null } } : { enum: values };
  if (operator === "answered") return { required: [key] };
  return { properties: { [key]: test }, required: [key] };
}

export function parseCondition(schema: Json | undefined): Condition | null {
  if (!isObject(schema)) return null;
  const required = Array.isArray(schema.required) ? schema.required : [];
  const props = isObject(schema.properties) ? schema.properties : {};
  const keys = Object.keys(props);
  const extra = Object.keys(schema).filter((k) => k !== "properties" && k !== "required");
  if (extra.length) return null;
  if (keys.length === 0 && required.length === 1 && typeof required[0] === "string") return { key: required[0], operator: "answered", values: [] };
  if (keys.length !== 1 || required.length !== 1 || required[0] !== keys[0]) return null;
  const test = props[keys[0]];
  if (!isObject(test) || Object.keys(test).length !== 1) return null;
  if ("const" in test) return { key: keys[0], operator: "equals", values: [test.const] };
  if (Array.isArray(test.enum)) return { key: keys[0], operator: "oneOf", values: test.enum };
  if (isObject(test.not) && Object.keys(test.not).length === 1 && "const" in test.not) return { key: keys[0], operator: "notEquals", values: [test.not.const] };
  return null;
}

/** Does the condition hold for the answers of its container? */
export function holds(condition: Condition, answers: unknown): boolean {
  if (!isObject(answers) || !(condition.key in answers) || answers[condition.key] === undefined) return false;
  const value = answers[condition.key];
  switch (condition.operator) {
    case "answered":
      return true;
    case "equals":
      return deepEqual(value, condition.values[0]);
    case "notEquals":
      return !deepEqual(value, condition.values[0]);
    case "oneOf":
      return condition.values.some((v) => deepEqual(v, value));
  }
}

interface Container {
  id: string | null;
  keys: string[];
  schema: JsonObject;
  nodes: FieldNode[];
}

function containers(doc: BuilderDoc): Container[] {
  const out: Container[] = [{ id: null, keys: [], schema: internals.walk(doc.definition, []).container, nodes: doc.fields }];
  for (const node of allFields(doc)) {
    if (!node.children) continue;
    const keys = internals.locate(doc.fields, node.id)!.chain.map((n) => n.key);
    out.push({ id: node.id, keys, schema: internals.walk(doc.definition, keys).container, nodes: node.children });
  }
  return out;
}

export function listRules(doc: BuilderDoc): Rule[] {
  const rules: Rule[] = [];
  for (const c of containers(doc)) {
    const idOf = (key: string) => c.nodes.find((n) => n.key === key)?.id ?? null;
    if (Array.isArray(c.schema.allOf)) {
      c.schema.allOf.forEach((rule, index) => {
        if (!isObject(rule) || !isObject(rule.then)) return;
        const when = parseCondition(rule.if);
        const show = isObject(rule.then.properties) ? Object.keys(rule.then.properties) : [];
        const require = (Array.isArray(rule.then.required) ? rule.then.required : []).filter((k): k is string => typeof k === "string" && !show.includes(k));
        rules.push({ containerId: c.id, kind: "allOf", index, when, whenFieldId: when ? idOf(when.key) : null, show, require });
      });
    }
    if (isObject(c.schema.dependentRequired)) {
      Object.entries(c.schema.dependentRequired).forEach(([trigger, list], index) => {
        const require = Array.isArray(list) ? list.filter((k): k is string => typeof k === "string") : [];
        rules.push({ containerId: c.id, kind: "dependentRequired", index, trigger, when: { key: trigger, operator: "answered", values: [] }, whenFieldId: idOf(trigger), show: [], require });
      });
    }
  }
  return rules;
}

function containerOf(doc: BuilderDoc, fieldId: string): { parentId: string | null; keys: string[] } | null {
  const found = internals.locate(doc.fields, fieldId);
  if (!found) return null;
  const chain = found.chain;
  return { parentId: chain.length > 1 ? chain[chain.length - 2].id : null, keys: chain.slice(0, -1).map((n) => n.key) };
}

/**
 * Show the field only when the condition holds (null: always show). The tested field must be
 * a sibling; the field's schema moves into the rule's `then` (a shared rule when one with the
 * same condition exists), keeping its place, label and required flag.
 */
export function setShowCondition(doc: BuilderDoc, fieldId: string, condition: Condition | null): BuilderDoc {
  const place = containerOf(doc, fieldId);
  if (!place) return doc;
  if (condition && condition.operator === "answered") condition = { ...condition };
  const draft = internals.draftOf(doc);
  const node = internals.locate(draft.fields, fieldId)!.chain.at(-1)!;
  const index = internals.siblings(draft, place.parentId).indexOf(node);
  const detached = internals.detach(draft, fieldId);
  if (!condition) {
    internals.attach(draft, node, place.parentId, index, detached.schema, detached.ui, detached.required);
    return internals.done(draft);
  }
  const { container } = internals.walk(draft.definition, place.keys);
  const test = conditionSchema(condition);
  const rules = Array.isArray(container.allOf) ? container.allOf : [];
  let rule = rules.find((r) => isObject(r) && deepEqual(r.if, test) && isObject(r.then) && r.else === undefined) as JsonObject | undefined;
  if (!rule) {
    rule = { if: test, then: {} };
    rules.push(rule);
    container.allOf = rules;
  }
  const then = rule.then as JsonObject;
  if (!isObject(then.properties)) then.properties = {};
  (then.properties as JsonObject)[node.key] = detached.schema;
  if (detached.required) then.required = [...(Array.isArray(then.required) ? then.required : []), node.key];
  if (detached.ui && Object.keys(detached.ui).length) internals.containerUi(draft.definition, place.keys, true)![node.key] = detached.ui;
  internals.siblings(draft, place.parentId).splice(index, 0, node);
  internals.writeOrder(draft, place.parentId);
  return internals.done(draft);
}

/** Require the field when the condition holds ("answered" writes dependentRequired). */
export function addRequireRule(doc: BuilderDoc, fieldId: string, condition: Condition): BuilderDoc {
  const place = containerOf(doc, fieldId);
  if (!place) return doc;
  const draft = internals.draftOf(doc);
  const key = internals.locate(draft.fields, fieldId)!.chain.at(-1)!.key;
  const { container } = internals.walk(draft.definition, place.keys);
  if (condition.operator === "answered") {
    const dr = isObject(container.dependentRequired) ? container.dependentRequired : {};
    const list = Array.isArray(dr[condition.key]) ? (dr[condition.key] as Json[]) : [];
    if (!list.includes(key)) dr[condition.key] = [...list, key];
    container.dependentRequired = dr;
    return internals.done(draft);
  }
  const rules = Array.isArray(container.allOf) ? container.allOf : [];
  rules.push({ if: conditionSchema(condition), then: { required: [key] } });
  container.allOf = rules;
  return internals.done(draft);
}

/** Change a rule's condition in place. */
export function updateRuleCondition(doc: BuilderDoc, rule: Rule, condition: Condition): BuilderDoc {
  if (rule.kind !== "allOf" || condition.operator === "answered") return doc;
  const draft = internals.draftOf(doc);
  const keys = rule.containerId ? internals.locate(draft.fields, rule.containerId)!.chain.map((n) => n.key) : [];
  const { container } = internals.walk(draft.definition, keys);
  const target = (container.allOf as Json[])[rule.index];
  if (isObject(target)) target.if = conditionSchema(condition);
  return internals.done(draft);
}

/** Remove a rule; fields it showed become always shown, in place. */
export function removeRule(doc: BuilderDoc, rule: Rule): BuilderDoc {
  let next = doc;
  const parentNodes = rule.containerId ? (internals.locate(doc.fields, rule.containerId)?.chain.at(-1)?.children ?? []) : doc.fields;
  for (const key of rule.show) {
    const node = parentNodes.find((n) => n.key === key);
    if (node) next = setShowCondition(next, node.id, null);
  }
  const draft = internals.draftOf(next);
  const keys = rule.containerId ? internals.locate(draft.fields, rule.containerId)!.chain.map((n) => n.key) : [];
  const { container } = internals.walk(draft.definition, keys);
  if (rule.kind === "dependentRequired" && isObject(container.dependentRequired) && rule.trigger) {
    delete container.dependentRequired[rule.trigger];
    if (Object.keys(container.dependentRequired).length === 0) delete container.dependentRequired;
  } else if (Array.isArray(container.allOf)) {
    const target = container.allOf[rule.index];
    if (isObject(target) && isObject(target.then)) {
      for (const k of rule.require) if (Array.isArray(target.then.required)) target.then.required = target.then.required.filter((x) => x !== k);
      if (Array.isArray(target.then.required) && target.then.required.length === 0) delete target.then.required;
    }
    container.allOf = container.allOf.filter((r) => !(isObject(r) && isObject(r.then) && Object.keys(r.then).length === 0));
    if (container.allOf.length === 0) delete container.allOf;
  }
  return internals.done(draft);
}

/** Why each conditionally shown field is hidden for these answers: field id → its rule. */
export function hiddenFields(doc: BuilderDoc, answers: unknown): Map<string, Rule> {
  const hidden = new Map<string, Rule>();
  for (const rule of listRules(doc)) {
    if (rule.kind !== "allOf" || !rule.when || rule.show.length === 0) continue;
    const keys = rule.containerId ? internals.locate(doc.fields, rule.containerId)!.chain.map((n) => n.key) : [];
    let scope: unknown = answers;
    for (const k of keys) scope = isObject(scope) ? scope[k] : undefined;
    if (Array.isArray(scope)) continue; // groups: per row, shown by the renderer
    if (holds(rule.when, scope)) continue;
    for (const key of rule.show) {
      const node = findByKeys(doc, [...keys, key]);
      if (node) hidden.set(node.id, rule);
    }
  }
  return hidden;
}

export { containerSchema };

import { changedKeys, pairByKey } from "../../definitions/diff";
import type { Json, JsonObject } from "./json";
import { deepEqual, isObject } from "./json";

/** One readable change between two definitions. */
export interface Change {
  kind: "added" | "removed" | "changed" | "moved" | "other";
  /** Keys from the root to the field (empty for form-level changes). */
  keys: string[];
  /** Label of the field in each language (newer one). */
  label: { "zh-CN"?: string; en?: string };
  /** Which keywords changed (x-title, enum, required, ...). */
  what: string[];
}

interface Flat {
  schema: JsonObject;
  required: boolean;
  order: number;
}

function flatten(schema: Json | undefined, ui: Json | undefined, prefix: string[], out: Map<string, Flat>): void {
  if (!isObject(schema)) return;
  const holders: JsonObject[] = [schema];
  if (Array.isArray(schema.allOf)) for (const r of schema.allOf) if (isObject(r) && isObject(r.then)) holders.push(r.then);
  let order = 0;
  for (const holder of holders) {
    if (!isObject(holder.properties)) continue;
    const required = Array.isArray(holder.required) ? holder.required : [];
    for (const [key, sub] of Object.entries(holder.properties)) {
      if (!isObject(sub)) continue;
      const keys = [...prefix, key];
      const uiOrder = isObject(ui) && Array.isArray(ui["ui:order"]) ? ui["ui:order"].indexOf(key) : -1;
      out.set(JSON.stringify(keys), { schema: sub, required: required.includes(key), order: uiOrder >= 0 ? uiOrder : order });
      order++;
      const subUi = isObject(ui) ? ui[key] : undefined;
      if (sub.type === "object") flatten(sub, subUi, keys, out);
      else if (isObject(sub.items)) flatten(sub.items, isObject(subUi) ? subUi.items : undefined, keys, out);
    }
  }
}

function labelOf(schema: JsonObject): Change["label"] {
  const t = schema["x-title"];
  if (isObject(t)) return { "zh-CN": typeof t["zh-CN"] === "string" ? t["zh-CN"] : undefined, en: typeof t.en === "string" ? t.en : undefined };
  return { en: typeof schema.title === "string" ? schema.title : undefined };
}

const NESTED = new Set(["properties", "items", "allOf", "required"]);

export function diffDefinitions(before: JsonObject | null, after: JsonObject): Change[] {
  if (!before) return [];
  const a = new Map<string, Flat>();
  const b = new Map<string, Flat>();
  flatten(before.schema, before.uiSchema, [], a);
  flatten(after.schema, after.uiSchema, [], b);
  const changes: Change[] = [];
  let moved = false;
  const same = (prev: Flat, next: Flat) => prev.required === next.required && changedKeys(prev.schema, next.schema, NESTED).length === 0;
  for (const pair of pairByKey(a, b, { order: "after", same })) {
    const keys = JSON.parse(pair.key) as string[];
    if (pair.kind === "added") changes.push({ kind: "added", keys, label: labelOf(pair.after!.schema), what: [] });
    else if (pair.kind === "removed") changes.push({ kind: "removed", keys, label: labelOf(pair.before!.schema), what: [] });
    else {
      const prev = pair.before!;
      const next = pair.after!;
      if (prev.order !== next.order) moved = true;
      if (pair.kind === "same") continue;
      const what = new Set(changedKeys(prev.schema, next.schema, NESTED));
      if (prev.required !== next.required) what.add("required");
      changes.push({ kind: "changed", keys, label: labelOf(next.schema), what: [...what].sort() });
    }
  }
  if (moved) changes.push({ kind: "moved", keys: [], label: {}, what: [] });
  const formLevel = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== "schema" && k !== "uiSchema" && !deepEqual(before[k], after[k]));
  const rulesChanged = !deepEqual(stripProps(before.schema), stripProps(after.schema));
  if (rulesChanged) formLevel.push("rules");
  if (formLevel.length) changes.push({ kind: "other", keys: [], label: {}, what: formLevel });
  return changes;
}

/** Every rule in a schema (conditions, what they require, which fields they show). */
function stripProps(schema: Json | undefined): Json {
  const out: Json[] = [];
  const visit = (node: Json | undefined, path: string) => {
    if (!isObject(node)) return;
    if (isObject(node.dependentRequired)) out.push({ path, dependentRequired: node.dependentRequired });
    const holders: Json[] = [node];
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((r, i) => {
        if (!isObject(r)) return;
        const then = isObject(r.then) ? r.then : {};
        out.push({ path, i, if: r.if ?? null, required: then.required ?? null, shows: isObject(then.properties) ? Object.keys(then.properties) : [] });
        holders.push(then);
      });
    }
    for (const h of holders) {
      if (!isObject(h) || !isObject(h.properties)) continue;
      for (const [k, v] of Object.entries(h.properties)) {
        if (!isObject(v)) continue;
        visit(v, `${path}/${k}`);
        visit(isObject(v.items) ? v.items : undefined, `${path}/${k}/items`);
      }
    }
  };
  visit(schema, "");
  return out;
}

/**
 * The publish diff shared by the form builder and the workflow designer: both compare a draft
 * with the version it would replace, element by element (a form's fields, a workflow's states
 * and transitions), and name what was added, removed or changed. Each caller says what its
 * elements are and how a change reads; the pairing and the comparison live here once.
 */

export type ChangeKind = "added" | "removed" | "changed";

/** A JSON value with its object keys sorted at every level (key order never counts as a change). */
export function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortedJson(v)]));
  }
  return value;
}

/** Equal as JSON, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortedJson(a)) === JSON.stringify(sortedJson(b));
}

/** One element in both versions, or only in one of them. */
export interface Pair<T> {
  key: string;
  kind: ChangeKind | "same";
  before?: T;
  after?: T;
}

/**
 * Both versions' elements paired by key. `order: "before"` lists the older version's elements in
 * its order, then the new ones; `"after"` lists the draft's in its order, then the removed ones.
 * `same` decides whether a kept element changed.
 */
export function pairByKey<T>(
  before: Iterable<readonly [string, T]>,
  after: Iterable<readonly [string, T]>,
  { order, same = sameJson }: { order: "before" | "after"; same?: (a: T, b: T) => boolean },
): Pair<T>[] {
  const a = new Map(before);
  const b = new Map(after);
  const keys = order === "before" ? [...new Set([...a.keys(), ...b.keys()])] : [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((key) => {
    const was = a.get(key);
    const now = b.get(key);
    if (!a.has(key)) return { key, kind: "added", after: now };
    if (!b.has(key)) return { key, kind: "removed", before: was };
    return { key, kind: same(was as T, now as T) ? "same" : "changed", before: was, after: now };
  });
}

/** The keys of two objects whose values differ (sorted), leaving out `skip`. */
export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.has(k) && !sameJson(before[k], after[k])).sort();
}

/** One difference at a leaf: the dotted path inside the element ("" for the whole element). */
export interface LeafChange {
  kind: ChangeKind;
  path: string;
  before?: unknown;
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

/**
 * Every difference between two JSON values, objects compared key by key (sorted) down to the
 * first level that differs as a whole (a scalar, an array, an element only on one side).
 */
export function leafChanges(before: unknown, after: unknown, path = "", out: LeafChange[] = []): LeafChange[] {
  if (sameJson(before, after)) return out;
  if (!isPlainObject(before) || !isPlainObject(after)) {
    out.push({ kind: before === undefined ? "added" : after === undefined ? "removed" : "changed", path, before, after });
    return out;
  }
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) leafChanges(before[key], after[key], path ? `${path}.${key}` : key, out);
  return out;
}

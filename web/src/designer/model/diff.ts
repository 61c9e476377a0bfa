import { normalise } from "./model";
import type { WorkflowDefinition } from "./types";

/** One readable change between two definitions: what, where, before and after. */
export interface Change {
  kind: "added" | "removed" | "changed";
  /** state:<name>, transition:<event> or the top-level key. */
  element: string;
  /** The JSON path inside the element ("" for the whole element). */
  path: string;
  before?: unknown;
  after?: unknown;
}

function transitionKey(t: { event: string; from: string[]; to: string }): string {
  return `${t.event} (${t.from.join(", ")} → ${t.to})`;
}

function compare(element: string, before: unknown, after: unknown, path: string, out: Change[]): void {
  if (JSON.stringify(normalise(before)) === JSON.stringify(normalise(after))) return;
  const objects = before && after && typeof before === "object" && typeof after === "object" && !Array.isArray(before) && !Array.isArray(after);
  if (!objects) {
    out.push({ kind: before === undefined ? "added" : after === undefined ? "removed" : "changed", element, path, before, after });
    return;
  }
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) compare(element, a[key], b[key], path ? `${path}.${key}` : key, out);
}

/** What publishing `draft` changes against `published` (null: the first version). */
export function diffDefinitions(published: WorkflowDefinition | null, draft: WorkflowDefinition): Change[] {
  const out: Change[] = [];
  const before = published ?? ({ states: {}, transitions: [] } as unknown as WorkflowDefinition);
  for (const key of ["key", "title", "description", "subject", "startsFor"]) compare(key, before[key], draft[key], "", out);
  const names = [...new Set([...Object.keys(before.states), ...Object.keys(draft.states)])];
  for (const name of names) compare(`state:${name}`, before.states[name], draft.states[name], "", out);
  const old = new Map(before.transitions.map((t) => [transitionKey(t), t]));
  const now = new Map(draft.transitions.map((t) => [transitionKey(t), t]));
  for (const key of [...new Set([...old.keys(), ...now.keys()])]) compare(`transition:${key}`, old.get(key), now.get(key), "", out);
  return out;
}

import { leafChanges, pairByKey, type ChangeKind } from "../../definitions/diff";
import type { WorkflowDefinition } from "./types";

/** One readable change between two definitions: what, where, before and after. */
export interface Change {
  kind: ChangeKind;
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

/** What publishing `draft` changes against `published` (null: the first version). */
export function diffDefinitions(published: WorkflowDefinition | null, draft: WorkflowDefinition): Change[] {
  const before = published ?? ({ states: {}, transitions: [] } as unknown as WorkflowDefinition);
  const top = ["key", "title", "description", "subject", "startsFor"];
  const elements: [string, unknown, unknown][] = top.map((key) => [key, before[key], draft[key]]);
  for (const pair of pairByKey(Object.entries(before.states), Object.entries(draft.states), { order: "before" })) elements.push([`state:${pair.key}`, pair.before, pair.after]);
  const transitions = (list: WorkflowDefinition["transitions"]) => list.map((t) => [transitionKey(t), t] as const);
  for (const pair of pairByKey(transitions(before.transitions), transitions(draft.transitions), { order: "before" })) elements.push([`transition:${pair.key}`, pair.before, pair.after]);
  return elements.flatMap(([element, was, now]) => leafChanges(was, now).map((leaf) => ({ ...leaf, element })));
}

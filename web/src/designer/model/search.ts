import type { WorkflowDefinition } from "./types";

export interface StateMatch {
  name: string;
  zh: string;
  en: string;
}

/**
 * States whose name or title (in either language) contains the query, case-insensitive:
 * those that start with it first, then in the definition's order.
 */
export function findStates(definition: WorkflowDefinition, query: string): StateMatch[] {
  const q = query.trim().toLowerCase();
  const all = Object.entries(definition.states).map(([name, state]) => ({ name, zh: state.title?.["zh-CN"] ?? "", en: state.title?.en ?? "" }));
  if (!q) return all;
  const rank = (m: StateMatch): number => {
    const texts = [m.name, m.zh, m.en].map((s) => s.toLowerCase());
    if (texts.some((s) => s.startsWith(q))) return 0;
    return texts.some((s) => s.includes(q)) ? 1 : 2;
  };
  return all
    .map((m, order) => ({ m, order, rank: rank(m) }))
    .filter((r) => r.rank < 2)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((r) => r.m);
}

import { addState, freshName } from "./model";
import type { Localized, State, WorkflowDefinition } from "./types";

/** What the palette offers: an ordinary state, a review state, an end state. */
export type PaletteKind = "state" | "review" | "final";
export const PALETTE: PaletteKind[] = ["state", "review", "final"];
/** The drag data type palette items carry onto the diagram. */
export const PALETTE_MIME = "application/x-auditportal-state";

const TITLES: Record<PaletteKind, Localized> = {
  state: { "zh-CN": "新状态", en: "New state" },
  review: { "zh-CN": "待审核", en: "In review" },
  final: { "zh-CN": "已结束", en: "Closed" },
};
const BASES: Record<PaletteKind, string> = { state: "state", review: "review", final: "closed" };

/**
 * Add a state of a palette kind under a fresh name; dropped at a point, that point is stored
 * in the layout block (the others keep theirs or stay auto-placed).
 */
export function addFromPalette(definition: WorkflowDefinition, kind: PaletteKind, at?: { x: number; y: number }): { definition: WorkflowDefinition; name: string } {
  const name = freshName(Object.keys(definition.states), BASES[kind]);
  const n = name.slice(BASES[kind].length + 1);
  const title = { "zh-CN": `${TITLES[kind]["zh-CN"]} ${n}`, en: `${TITLES[kind].en} ${n}` };
  const state: State = kind === "final" ? { title, final: true } : { title };
  let next = addState(definition, name, state);
  if (at) next = { ...next, layout: { ...next.layout, nodes: { ...next.layout?.nodes, [name]: { x: Math.round(at.x), y: Math.round(at.y) } } } };
  return { definition: next, name };
}

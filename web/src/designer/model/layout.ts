import dagre from "@dagrejs/dagre";
import type { WorkflowDefinition } from "./types";

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 64;
// Room dagre keeps for each step's label, so that labels of parallel steps do not overlap
// and ranks stay apart enough to read them (checked on the biggest built-in, inspection).
export const LABEL_WIDTH = 96;
export const LABEL_HEIGHT = 22;

/**
 * Node positions: those stored in the layout block, the others placed by dagre (left to
 * right, by the transitions). Top-left corners, as React Flow places nodes.
 */
export function positions(definition: WorkflowDefinition, { auto = false } = {}): Record<string, { x: number; y: number }> {
  const stored = auto ? {} : (definition.layout?.nodes ?? {});
  const names = Object.keys(definition.states);
  if (names.every((name) => stored[name])) return Object.fromEntries(names.map((name) => [name, stored[name]!]));
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 36, edgesep: 16, ranksep: 56, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const name of names) graph.setNode(name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  definition.transitions.forEach((t, index) => {
    for (const from of t.from) if (from !== t.to && from in definition.states && t.to in definition.states) graph.setEdge(from, t.to, { width: LABEL_WIDTH, height: LABEL_HEIGHT, labelpos: "c" }, `${index}:${from}`);
  });
  dagre.layout(graph);
  return Object.fromEntries(
    names.map((name) => {
      if (stored[name]) return [name, stored[name]!];
      const node = graph.node(name);
      return [name, { x: Math.round(node.x - NODE_WIDTH / 2), y: Math.round(node.y - NODE_HEIGHT / 2) }];
    }),
  );
}

import dagre from "@dagrejs/dagre";
import type { WorkflowDefinition } from "./types";

export const NODE_WIDTH = 180;
export const NODE_HEIGHT = 76;
export const LABEL_HEIGHT = 22;
/**
 * The smallest zoom at which a state's title (14 px) and a step's label (12 px) still read
 * (about 11 and 10 px on screen). A workflow that fits only below it opens at this zoom on its
 * initial state instead, and the rest is reached by panning, the search or the arrow keys.
 */
export const MIN_READABLE_ZOOM = 0.8;
export const MAX_START_ZOOM = 1;
/** The view's margin around a fitted workflow, in screen pixels. */
export const FIT_MARGIN = 24;
/** The band at the top of the view the state search sits in: the start view keeps it clear. */
export const TOP_RESERVE = 48;

export type Direction = "LR" | "TB";
export type Point = { x: number; y: number };
export interface Size {
  width: number;
  height: number;
}

/** A step's line as dagre routed it (bends included) and where its label sits. */
export interface EdgeRoute {
  points: Point[];
  label: Point;
}

export interface DiagramLayout {
  direction: Direction;
  /** Top-left corners, as React Flow places nodes. */
  nodes: Record<string, Point>;
  /** By edge id (`t<index>:<from>`): routes only where both ends sit where dagre put them. */
  edges: Record<string, EdgeRoute>;
}

/**
 * Width of a label in pixels at 12 px, a little over rather than under: CJK characters are
 * square, others about 0.62 em (DejaVu Sans, Chromium's fallback on Debian, is wide), plus the
 * label's padding.
 */
export function labelWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(char) ? 12.5 : 7.6;
  return Math.ceil(width) + 14;
}

/** Spacing by size: a small workflow gets air, a big one is kept compact. */
export function spacing(states: number): { nodesep: number; ranksep: number; edgesep: number } {
  if (states <= 5) return { nodesep: 48, ranksep: 56, edgesep: 20 };
  if (states <= 8) return { nodesep: 32, ranksep: 44, edgesep: 16 };
  return { nodesep: 24, ranksep: 40, edgesep: 12 };
}

function edgeId(index: number, from: string): string {
  return `t${index}:${from}`;
}

/** Dagre's layout in one direction: node corners, edge routes and the drawing's size. */
export function dagreLayout(definition: WorkflowDefinition, direction: Direction, label: (index: number) => string = () => ""): DiagramLayout & Size {
  const names = Object.keys(definition.states);
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: direction, ...spacing(names.length), marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const name of names) graph.setNode(name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  definition.transitions.forEach((t, index) => {
    const text = label(index);
    for (const from of t.from)
      if (from !== t.to && from in definition.states && t.to in definition.states)
        graph.setEdge(from, t.to, { width: text ? labelWidth(text) : 0, height: text ? LABEL_HEIGHT : 0, labelpos: "c" }, edgeId(index, from));
  });
  dagre.layout(graph);
  const nodes: Record<string, Point> = {};
  for (const name of names) {
    const node = graph.node(name);
    nodes[name] = { x: Math.round(node.x - NODE_WIDTH / 2), y: Math.round(node.y - NODE_HEIGHT / 2) };
  }
  const edges: Record<string, EdgeRoute> = {};
  for (const e of graph.edges()) {
    const edge = graph.edge(e) as { points?: Point[]; x?: number; y?: number };
    if (!e.name || !edge.points?.length) continue;
    const mid = edge.points[Math.floor(edge.points.length / 2)]!;
    edges[e.name] = { points: edge.points.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y) })), label: { x: Math.round(edge.x ?? mid.x), y: Math.round(edge.y ?? mid.y) } };
  }
  const { width = 0, height = 0 } = graph.graph();
  return { direction, nodes, edges, width, height };
}

/** The zoom at which a drawing fits a view, margins kept. */
export function fitZoom(drawing: Size, view: Size): number {
  const width = Math.max(1, view.width - 2 * FIT_MARGIN);
  const height = Math.max(1, view.height - 2 * FIT_MARGIN);
  return Math.min(width / Math.max(1, drawing.width), height / Math.max(1, drawing.height));
}

/**
 * Which way a drawing reads best in a view: the direction whose layout fits at the larger
 * zoom (a long flow goes top to bottom on a tall or narrow screen, left to right on a wide one).
 */
export function chooseDirection(definition: WorkflowDefinition, view: Size | null, label?: (index: number) => string): Direction {
  if (!view) return "LR";
  const lr = fitZoom(dagreLayout(definition, "LR", label), view);
  const tb = fitZoom(dagreLayout(definition, "TB", label), view);
  return tb > lr * 1.02 ? "TB" : "LR";
}

/** The direction stored positions were drawn in: mostly vertical steps read top to bottom. */
export function inferDirection(definition: WorkflowDefinition, at: Record<string, Point>): Direction {
  let dx = 0;
  let dy = 0;
  for (const t of definition.transitions)
    for (const from of t.from) {
      const a = at[from];
      const b = at[t.to];
      if (!a || !b || from === t.to) continue;
      dx += Math.abs(b.x - a.x);
      dy += Math.abs(b.y - a.y);
    }
  return dy > dx ? "TB" : "LR";
}

/**
 * The diagram's layout: positions stored in the layout block win, the others are dagre's,
 * in the direction that reads best in the view (or the one the stored positions were drawn in).
 * An edge keeps dagre's route (bends, label clear of the others) while both its ends are where
 * dagre put them.
 */
export function layoutDiagram(definition: WorkflowDefinition, { view = null, label, auto = false }: { view?: Size | null; label?: (index: number) => string; auto?: boolean } = {}): DiagramLayout {
  const stored = auto ? {} : (definition.layout?.nodes ?? {});
  const names = Object.keys(definition.states);
  const allStored = names.length > 0 && names.every((name) => stored[name]);
  const direction = allStored ? inferDirection(definition, stored) : chooseDirection(definition, view, label);
  const drawn = dagreLayout(definition, direction, label);
  const nodes: Record<string, Point> = {};
  for (const name of names) nodes[name] = stored[name] ?? drawn.nodes[name]!;
  const same = (name: string) => nodes[name]!.x === drawn.nodes[name]!.x && nodes[name]!.y === drawn.nodes[name]!.y;
  const edges: Record<string, EdgeRoute> = {};
  definition.transitions.forEach((t, index) => {
    for (const from of t.from) {
      const route = drawn.edges[edgeId(index, from)];
      if (route && same(from) && same(t.to)) edges[edgeId(index, from)] = route;
    }
  });
  return { direction, nodes, edges };
}

/**
 * Node positions (top-left corners): those stored in the layout block, the others placed by
 * dagre in the direction that reads best in the view.
 */
export function positions(definition: WorkflowDefinition, options: { auto?: boolean; view?: Size | null; label?: (index: number) => string } = {}): Record<string, Point> {
  return layoutDiagram(definition, options).nodes;
}

/** The bounding box of the states. */
export function bounds(at: Record<string, Point>): { x: number; y: number; width: number; height: number } {
  const points = Object.values(at);
  if (!points.length) return { x: 0, y: 0, width: NODE_WIDTH, height: NODE_HEIGHT };
  const x = Math.min(...points.map((p) => p.x));
  const y = Math.min(...points.map((p) => p.y));
  return { x, y, width: Math.max(...points.map((p) => p.x)) + NODE_WIDTH - x, height: Math.max(...points.map((p) => p.y)) + NODE_HEIGHT - y };
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * Where the view opens: the whole workflow when it fits at a readable zoom, else the readable
 * zoom with the initial state near the start edge (the left, or the top for a top-to-bottom
 * flow) and, across the flow, the offset that shows the most states with the initial one.
 * The band at the top where the search sits is kept clear either way.
 */
export function startViewport(at: Record<string, Point>, view: Size, initial: string | null, direction: Direction): Viewport & { fits: boolean } {
  const box = bounds(at);
  const usable = { width: view.width, height: Math.max(1, view.height - TOP_RESERVE) };
  const fit = fitZoom(box, usable);
  if (fit >= MIN_READABLE_ZOOM) {
    const zoom = Math.min(fit, MAX_START_ZOOM);
    return { x: Math.round(usable.width / 2 - (box.x + box.width / 2) * zoom), y: Math.round(TOP_RESERVE + usable.height / 2 - (box.y + box.height / 2) * zoom), zoom, fits: true };
  }
  const zoom = MIN_READABLE_ZOOM;
  const start = (initial && at[initial]) || { x: box.x, y: box.y };
  const vertical = direction === "TB";
  // Along the flow: the initial state at the start edge.
  const along = vertical ? TOP_RESERVE + FIT_MARGIN / 2 - start.y * zoom : FIT_MARGIN - start.x * zoom;
  // Across: try centring each state (and the initial one at either edge); keep the one that
  // shows the most states, the initial one among them, nearest to centring the initial one.
  const screen = vertical ? usable.width : usable.height;
  const acrossOf = (p: Point) => (vertical ? p.x : p.y);
  const size = vertical ? NODE_WIDTH : NODE_HEIGHT;
  const centreOn = (c: number) => screen / 2 - c * zoom;
  const candidates = [
    ...Object.values(at).map((p) => centreOn(acrossOf(p) + size / 2)),
    FIT_MARGIN - acrossOf(start) * zoom,
    screen - FIT_MARGIN - (acrossOf(start) + size) * zoom,
  ];
  const viewportOf = (across: number): Viewport => (vertical ? { x: across, y: along + 0, zoom } : { x: along, y: TOP_RESERVE + across, zoom });
  const preferred = centreOn(acrossOf(start) + size / 2);
  let best: Viewport | null = null;
  let bestCount = -1;
  let bestDistance = Infinity;
  for (const across of candidates) {
    const viewport = viewportOf(Math.round(across));
    if (!inView(start, viewport, view)) continue;
    const count = Object.values(at).filter((p) => inView(p, viewport, view)).length;
    const distance = Math.abs(across - preferred);
    if (count > bestCount || (count === bestCount && distance < bestDistance)) {
      best = viewport;
      bestCount = count;
      bestDistance = distance;
    }
  }
  return { ...(best ?? viewportOf(Math.round(preferred))), fits: false };
}

/**
 * When the view opens again on its start: once the diagram is measured, and again when the
 * direction, the language (labels change the layout) or the view's size (by 50 px) changes.
 */
export function startKey(direction: Direction, view: Size | null, language: string): string | null {
  if (!view) return null;
  return `${direction}:${language}:${Math.round(view.width / 50)}x${Math.round(view.height / 50)}`;
}

/** Whether a state is wholly inside the view. */
export function inView(point: Point, viewport: Viewport, view: Size): boolean {
  const left = point.x * viewport.zoom + viewport.x;
  const top = point.y * viewport.zoom + viewport.y;
  return left >= 0 && top >= 0 && left + NODE_WIDTH * viewport.zoom <= view.width && top + NODE_HEIGHT * viewport.zoom <= view.height;
}

export type Arrow = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

/**
 * The state an arrow key moves to from another: the nearest centre in that direction (within
 * a 45° cone either side, distance across the arrow counting double), or null at the edge.
 */
export function neighbour(at: Record<string, Point>, from: string, arrow: Arrow): string | null {
  const origin = at[from];
  if (!origin) return null;
  const [ux, uy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[arrow];
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [name, p] of Object.entries(at)) {
    if (name === from) continue;
    const dx = p.x - origin.x;
    const dy = p.y - origin.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along) continue;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = name;
    }
  }
  return best;
}

/** A smooth line through dagre's points (quadratic curves through the midpoints). */
export function routePath(points: Point[]): string {
  if (points.length === 0) return "";
  const [first, ...rest] = points;
  if (rest.length === 0) return `M${first!.x},${first!.y}`;
  if (rest.length === 1) return `M${first!.x},${first!.y} L${rest[0]!.x},${rest[0]!.y}`;
  let path = `M${first!.x},${first!.y}`;
  for (let i = 0; i < rest.length - 1; i += 1) {
    const p = rest[i]!;
    const q = rest[i + 1]!;
    const mid = i === rest.length - 2 ? q : { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
    path += ` Q${p.x},${p.y} ${mid.x},${mid.y}`;
  }
  return path;
}

/**
 * A step that stays in its state (a comment, a reminder): dagre leaves such edges out, and a
 * curve from the node's source handle to its own target handle would run under the node. So:
 * a loop from the source handle around the node's outer side (above it left to right, to its
 * right top to bottom) into the target handle; a state's nth loop reaches further out than the
 * one before, so several stay apart. The label (its centre is returned) sits just outside the
 * loop's far point, so the node drawn over edges does not hide half of it.
 */
export function selfLoop(source: Point, target: Point, vertical: boolean, nth = 0, label = ""): { path: string; label: Point } {
  // A cubic whose two control points share one coordinate reaches 3/4 of the way to them.
  const clearance = 28 + 30 * nth;
  if (vertical) {
    const x = source.x + ((NODE_WIDTH / 2 + clearance) * 4) / 3;
    const bend = 40 + 20 * nth;
    return {
      path: `M${source.x},${source.y} C${x},${source.y + bend} ${x},${target.y - bend} ${target.x},${target.y}`,
      label: { x: Math.round(0.25 * source.x + 0.75 * x + (label ? labelWidth(label) / 2 + 4 : 0)), y: Math.round((source.y + target.y) / 2) },
    };
  }
  const y = source.y - ((NODE_HEIGHT / 2 + clearance) * 4) / 3;
  const bend = 40 + 20 * nth;
  return {
    path: `M${source.x},${source.y} C${source.x + bend},${y} ${target.x - bend},${y} ${target.x},${target.y}`,
    label: { x: Math.round((source.x + target.x) / 2), y: Math.round(0.25 * source.y + 0.75 * y - (label ? LABEL_HEIGHT / 2 + 2 : 0)) },
  };
}

import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { stepLabel } from "../diagramModel";
import { emptyDefinition, parseDefinition, setLayout } from "./model";
import {
  chooseDirection,
  dagreLayout,
  inferDirection,
  inView,
  labelWidth,
  LABEL_HEIGHT,
  layoutDiagram,
  MIN_READABLE_ZOOM,
  neighbour,
  NODE_HEIGHT,
  NODE_WIDTH,
  routePath,
  startViewport,
  TOP_RESERVE,
  type Size,
} from "./layout";
import { findStates } from "./search";
import type { WorkflowDefinition } from "./types";

const folder = resolve(__dirname, "../../../../workflows");
const builtIns = readdirSync(folder)
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({ name, definition: parseDefinition(readFileSync(join(folder, name), "utf-8")) }));

// The diagram's own size in the designer at the two screen sizes (measured in the browser:
// the side menu at 1024 wide, the collapsed menu at 768 wide).
const LANDSCAPE: Size = { width: 750, height: 553 };
const PORTRAIT: Size = { width: 720, height: 737 };
const languages = { "zh-CN": (v: unknown, f: string) => (v as Record<string, string> | undefined)?.["zh-CN"] ?? f, en: (v: unknown, f: string) => (v as Record<string, string> | undefined)?.en ?? f };

const MARKS = { fourEyes: "4-eyes", timeout: "timeout" };

type Box = { x: number; y: number; w: number; h: number; what: string };
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function boxes(definition: WorkflowDefinition, view: Size, text: (v: unknown, f: string) => string): { states: Box[]; labels: Box[] } {
  const label = (index: number) => stepLabel(definition, index, text, MARKS);
  const layout = layoutDiagram(definition, { view, label });
  const states = Object.entries(layout.nodes).map(([name, p]) => ({ x: p.x, y: p.y, w: NODE_WIDTH, h: NODE_HEIGHT, what: `state ${name}` }));
  const labels = Object.entries(layout.edges).map(([id, route]) => {
    const w = labelWidth(label(Number(id.slice(1, id.indexOf(":")))));
    return { x: route.label.x - w / 2, y: route.label.y - LABEL_HEIGHT / 2, w, h: LABEL_HEIGHT, what: `label ${id}` };
  });
  return { states, labels };
}

describe("every built-in workflow reads on open", () => {
  for (const [size, view] of [["1024x768", LANDSCAPE], ["768x1024", PORTRAIT]] as const)
    for (const [language, text] of Object.entries(languages))
      it.each(builtIns)(`$name at ${size} in ${language}: no state or label on another, every step routed`, ({ definition }) => {
        const { states, labels } = boxes(definition, view, text);
        const all = [...states, ...labels];
        for (let i = 0; i < all.length; i += 1) for (let j = i + 1; j < all.length; j += 1) expect(overlap(all[i]!, all[j]!), `${all[i]!.what} / ${all[j]!.what}`).toBe(false);
        const steps = definition.transitions.reduce((n, t) => n + t.from.filter((f) => f !== t.to).length, 0);
        expect(labels).toHaveLength(steps);
      });

  it.each(builtIns)("$name opens at a readable zoom with its initial state in view", ({ definition }) => {
    for (const view of [LANDSCAPE, PORTRAIT]) {
      const layout = layoutDiagram(definition, { view, label: (i) => stepLabel(definition, i, languages["zh-CN"], MARKS) });
      const initial = Object.keys(definition.states).find((name) => definition.states[name]!.initial)!;
      const start = startViewport(layout.nodes, view, initial, layout.direction);
      expect(start.zoom).toBeGreaterThanOrEqual(MIN_READABLE_ZOOM);
      expect(inView(layout.nodes[initial]!, start, view)).toBe(true);
      if (start.fits) for (const p of Object.values(layout.nodes)) expect(inView(p, start, view)).toBe(true);
    }
  });

  it("lays the ten-state inspection out top to bottom on both screens; a short flow left to right on a wide one", () => {
    const inspection = builtIns.find((b) => b.definition.key === "inspection")!.definition;
    expect(Object.keys(inspection.states)).toHaveLength(10);
    expect(chooseDirection(inspection, LANDSCAPE)).toBe("TB");
    expect(chooseDirection(inspection, PORTRAIT)).toBe("TB");
    expect(chooseDirection(emptyDefinition("x", { "zh-CN": "x", en: "x" }), { width: 1200, height: 300 })).toBe("LR");
    expect(chooseDirection(inspection, null)).toBe("LR");
  });
});

describe("layout", () => {
  const inspection = builtIns.find((b) => b.definition.key === "inspection")!.definition;

  it("measures CJK labels wider than Latin ones of the same length", () => {
    expect(labelWidth("提交审批")).toBeGreaterThan(labelWidth("subm"));
    expect(labelWidth("")).toBe(14);
  });

  it("keeps stored positions and the direction they were drawn in; routes only unmoved steps", () => {
    const drawn = dagreLayout(inspection, "TB");
    const stored = setLayout(inspection, drawn.nodes);
    const again = layoutDiagram(stored, { view: { width: 2000, height: 300 } });
    expect(again.direction).toBe("TB");
    expect(again.nodes).toEqual(drawn.nodes);
    expect(Object.keys(again.edges).length).toBe(Object.keys(drawn.edges).length);
    const moved = setLayout(stored, { ...drawn.nodes, scheduled: { x: -500, y: -500 } });
    const after = layoutDiagram(moved, {});
    expect(after.nodes.scheduled).toEqual({ x: -500, y: -500 });
    const touching = Object.keys(drawn.edges).filter((id) => {
      const t = inspection.transitions[Number(id.slice(1, id.indexOf(":")))]!;
      return id.endsWith(":scheduled") || t.to === "scheduled";
    });
    expect(touching.length).toBeGreaterThan(0);
    for (const id of touching) expect(after.edges[id]).toBeUndefined();
    expect(Object.keys(after.edges).length).toBe(Object.keys(drawn.edges).length - touching.length);
  });

  it("infers the direction of stored positions", () => {
    const d = emptyDefinition("x", { "zh-CN": "x", en: "x" });
    expect(inferDirection(d, { open: { x: 0, y: 0 }, done: { x: 300, y: 10 } })).toBe("LR");
    expect(inferDirection(d, { open: { x: 0, y: 0 }, done: { x: 10, y: 300 } })).toBe("TB");
  });

  it("starts a flow too big to fit at the readable zoom on its initial state, across centred", () => {
    const layout = layoutDiagram(inspection, { view: LANDSCAPE });
    const start = startViewport(layout.nodes, LANDSCAPE, "scheduled", "TB");
    expect(start.fits).toBe(false);
    expect(start.zoom).toBe(MIN_READABLE_ZOOM);
    const top = layout.nodes.scheduled!.y * start.zoom + start.y;
    expect(top).toBeGreaterThanOrEqual(TOP_RESERVE);
    expect(top).toBeLessThan(TOP_RESERVE + 40);
  });

  it("fits a small flow whole, never above 100 %", () => {
    const d = emptyDefinition("x", { "zh-CN": "x", en: "x" });
    const layout = layoutDiagram(d, { view: LANDSCAPE });
    const start = startViewport(layout.nodes, LANDSCAPE, "open", layout.direction);
    expect(start).toMatchObject({ fits: true, zoom: 1 });
    expect(inView(layout.nodes.done!, start, LANDSCAPE)).toBe(true);
  });

  it("moves by arrow to the nearest state that way, and stops at the edge", () => {
    const at = { a: { x: 0, y: 0 }, b: { x: 300, y: 10 }, c: { x: 600, y: 0 }, d: { x: 0, y: 200 } };
    expect(neighbour(at, "a", "ArrowRight")).toBe("b");
    expect(neighbour(at, "b", "ArrowRight")).toBe("c");
    expect(neighbour(at, "a", "ArrowDown")).toBe("d");
    expect(neighbour(at, "a", "ArrowLeft")).toBeNull();
    expect(neighbour(at, "d", "ArrowUp")).toBe("a");
    expect(neighbour(at, "missing", "ArrowUp")).toBeNull();
  });

  it("draws a route through its points, ending on the last", () => {
    expect(routePath([{ x: 0, y: 0 }, { x: 10, y: 0 }])).toBe("M0,0 L10,0");
    const path = routePath([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 10 }]);
    expect(path.startsWith("M0,0 Q10,0 10,5")).toBe(true);
    expect(path.endsWith("20,10")).toBe(true);
  });
});

describe("find a state", () => {
  const inspection = builtIns.find((b) => b.definition.key === "inspection")!.definition;
  it("matches names and titles in both languages, prefixes first", () => {
    const first = Object.entries(inspection.states)[0]!;
    expect(findStates(inspection, first[1].title.en.toUpperCase()).map((m) => m.name)).toContain(first[0]);
    expect(findStates(inspection, first[1].title["zh-CN"]).map((m) => m.name)[0]).toBe(first[0]);
    expect(findStates(inspection, first[0])[0]!.name).toBe(first[0]);
    expect(findStates(inspection, "")).toHaveLength(10);
    expect(findStates(inspection, "zzz-no-such")).toEqual([]);
  });
});

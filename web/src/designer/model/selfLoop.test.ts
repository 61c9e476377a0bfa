import { describe, expect, it } from "vitest";
import { toFlow } from "../diagramModel";
import { dagreLayout, LABEL_HEIGHT, labelWidth, NODE_HEIGHT, NODE_WIDTH, selfLoop } from "./layout";
import { emptyDefinition } from "./model";
import type { WorkflowDefinition } from "./types";

/** The points of a cubic path "M x,y C a,b c,d e,f" sampled along it. */
function samples(path: string): { x: number; y: number }[] {
  const n = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
  const [x0, y0, x1, y1, x2, y2, x3, y3] = n as [number, number, number, number, number, number, number, number];
  return Array.from({ length: 21 }, (_, i) => {
    const t = i / 20;
    const u = 1 - t;
    return {
      x: u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
      y: u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
    };
  });
}

describe("a step that stays in its state", () => {
  // A node at (0, 0): left to right its handles are the middle of its sides; top to bottom, of its top and bottom.
  const lr = { source: { x: NODE_WIDTH, y: NODE_HEIGHT / 2 }, target: { x: 0, y: NODE_HEIGHT / 2 } };
  const tb = { source: { x: NODE_WIDTH / 2, y: NODE_HEIGHT }, target: { x: NODE_WIDTH / 2, y: 0 } };

  it("loops above the node left to right, clear of it, its label above the node", () => {
    const loop = selfLoop(lr.source, lr.target, false);
    const top = Math.min(...samples(loop.path).map((p) => p.y));
    expect(top).toBeLessThan(-20);
    expect(loop.label.y).toBeLessThan(0);
    expect(loop.label.x).toBe(NODE_WIDTH / 2);
  });

  it("loops to the right of the node top to bottom, clear of it", () => {
    const loop = selfLoop(tb.source, tb.target, true);
    const right = Math.max(...samples(loop.path).map((p) => p.x));
    expect(right).toBeGreaterThan(NODE_WIDTH + 20);
    expect(loop.label.x).toBeGreaterThan(NODE_WIDTH);
  });

  it("puts a long label wholly outside the node, beside or above the loop", () => {
    const text = "Next reviewer in turn · timeout";
    const beside = selfLoop(tb.source, tb.target, true, 0, text);
    expect(beside.label.x - labelWidth(text) / 2).toBeGreaterThan(NODE_WIDTH);
    const above = selfLoop(lr.source, lr.target, false, 0, text);
    expect(above.label.y + LABEL_HEIGHT / 2).toBeLessThan(0);
  });

  it("draws a state's second loop further out than its first", () => {
    const first = selfLoop(lr.source, lr.target, false, 0);
    const second = selfLoop(lr.source, lr.target, false, 1);
    expect(second.label.y).toBeLessThan(first.label.y - 20);
  });

  it("gives each loop of a definition its number per state, and other steps their route", () => {
    const base = emptyDefinition("loops", { "zh-CN": "循环", en: "Loops" });
    const definition: WorkflowDefinition = {
      ...base,
      transitions: [
        ...base.transitions,
        { event: "comment", from: ["open"], to: "open", roles: ["auditor"] },
        { event: "remind", from: ["open"], to: "open", roles: ["manager"] },
      ],
    };
    const flow = toFlow(definition, dagreLayout(definition, "LR"), [], null, (_v, f) => f, { hours: "h", days: "d" }, { fourEyes: "4", timeout: "t" });
    const loops = flow.edges.filter((e) => e.source === e.target);
    expect(loops.map((e) => e.data?.loop)).toEqual([0, 1]);
    expect(flow.edges.filter((e) => e.source !== e.target).every((e) => e.data?.loop === undefined)).toBe(true);
  });
});

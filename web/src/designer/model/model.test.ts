import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { addState, addTransition, emptyDefinition, normalise, parseDefinition, removeState, serializeDefinition, setInitial, setLayout, updateState, updateTransition } from "./model";
import { diffDefinitions } from "./diff";
import { formFields, guardRule, parseGuard } from "./guards";
import { NODE_HEIGHT, NODE_WIDTH, positions } from "./layout";

const folder = resolve(__dirname, "../../../../workflows");
const builtIns = readdirSync(folder).filter((name) => name.endsWith(".json"));

function load(name: string) {
  return readFileSync(join(folder, name), "utf-8");
}

describe("built-in workflows", () => {
  it("are all found", () => expect(builtIns.length).toBeGreaterThanOrEqual(5));
  it.each(builtIns)("%s round-trips byte-equal after key-sorted normalisation", (name) => {
    const text = load(name);
    const written = serializeDefinition(parseDefinition(text));
    expect(JSON.stringify(normalise(JSON.parse(written)))).toBe(JSON.stringify(normalise(JSON.parse(text))));
    expect(written).toBe(text.endsWith("\n") ? text : `${text}\n`);
  });
  it.each(builtIns)("%s keeps what an edit does not touch", (name) => {
    const before = parseDefinition(load(name));
    const first = Object.keys(before.states)[0]!;
    const edited = updateState(before, first, { title: { "zh-CN": "新", en: "New" } });
    for (const [key, state] of Object.entries(before.states)) if (key !== first) expect(edited.states[key]).toBe(state);
    expect(edited.transitions).toBe(before.transitions);
    expect(Object.keys(edited.states)).toEqual(Object.keys(before.states));
    const back = updateState(edited, first, { title: before.states[first]!.title });
    expect(serializeDefinition(back)).toBe(serializeDefinition(before));
  });
  it.each(builtIns)("%s lays out every state", (name) => {
    const definition = parseDefinition(load(name));
    const placed = positions(definition);
    expect(Object.keys(placed).sort()).toEqual(Object.keys(definition.states).sort());
    const withLayout = setLayout(definition, placed);
    expect(positions(withLayout)).toEqual(placed);
  });
});

describe("edits", () => {
  it("add, remove and set initial", () => {
    let d = emptyDefinition("x-flow", { "zh-CN": "测", en: "Test" });
    d = addState(d, "review", { title: { "zh-CN": "审核", en: "Review" } });
    d = addTransition(d, { event: "send", from: ["open"], to: "review", roles: ["auditor"] });
    d = setInitial(d, "review");
    expect(d.states.open!.initial).toBeUndefined();
    expect(d.states.review!.initial).toBe(true);
    d = setLayout(d, { open: { x: 1.4, y: 2.6 }, gone: { x: 0, y: 0 } });
    expect(d.layout).toEqual({ nodes: { open: { x: 1, y: 3 } } });
    d = removeState(d, "open");
    expect(Object.keys(d.states)).toEqual(["done", "review"]);
    expect(d.transitions).toEqual([]);
    expect(d.layout).toEqual({ nodes: {} });
    expect(() => addState(d, "Bad Name", { title: { "zh-CN": "x", en: "x" } })).toThrow();
  });
  it("drops keys set to undefined", () => {
    const d = emptyDefinition("x-flow", { "zh-CN": "测", en: "Test" });
    const t = updateTransition(updateTransition(d, 0, { commentRequired: true }), 0, { commentRequired: undefined });
    expect(Object.keys(t.transitions[0]!)).not.toContain("commentRequired");
  });
});

describe("guards", () => {
  it("round-trip through the pickers", () => {
    const rule = { and: [{ "==": [{ var: "answers.severity" }, "critical"] }, { "!!": [{ var: "customer.tier" }] }] };
    const model = parseGuard(rule);
    expect(model).toEqual({ combine: "and", conditions: [{ field: "answers.severity", op: "==", value: "critical" }, { field: "customer.tier", op: "filled" }] });
    expect(guardRule(model!)).toEqual(rule);
    expect(guardRule({ combine: "or", conditions: [] })).toBeUndefined();
  });
  it("leave expert rules to JSON", () => {
    expect(parseGuard({ some: [{ var: "findings.items" }, { "==": [{ var: "severity" }, "high"] }] })).toBeNull();
  });
  it("read a form's fields through sections", () => {
    const schema = { properties: { a: { type: "string", title: "A" }, s: { type: "object", properties: { b: { type: "number", "x-title": { en: "B" } } } } } };
    expect(formFields(schema)).toEqual([
      { path: "answers.a", title: "A", type: "string" },
      { path: "answers.s.b", title: { en: "B" }, type: "number" },
    ]);
  });
});

describe("diff", () => {
  it("names what publishing changes", () => {
    const before = emptyDefinition("x-flow", { "zh-CN": "测", en: "Test" });
    const after = updateState(addState(before, "review", { title: { "zh-CN": "审", en: "R" } }), "done", { sla: undefined, description: { "zh-CN": "完", en: "D" } });
    const changes = diffDefinitions(before, after);
    expect(changes.map((c) => [c.kind, c.element, c.path])).toEqual([
      ["added", "state:done", "description"],
      ["added", "state:review", ""],
    ]);
    expect(diffDefinitions(after, after)).toEqual([]);
  });
});

describe("layout of the biggest built-in workflow", () => {
  const sizes = builtIns.map((name) => ({ name, definition: parseDefinition(load(name)) }));
  const biggest = sizes.sort((a, b) => Object.keys(b.definition.states).length + b.definition.transitions.length - (Object.keys(a.definition.states).length + a.definition.transitions.length))[0]!;
  it(`places ${biggest.name}'s states apart, none overlapping`, () => {
    const at = positions(biggest.definition, { auto: true });
    const boxes = Object.values(at);
    for (let i = 0; i < boxes.length; i += 1)
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = Math.abs(a.x - b.x) >= NODE_WIDTH + 20 || Math.abs(a.y - b.y) >= NODE_HEIGHT + 20;
        expect(apart).toBe(true);
      }
  });
});

import type { Layout, Localized, State, Transition, WorkflowDefinition } from "./types";
import { SCHEMA_ID } from "./types";

/**
 * Pure edits of a workflow definition. Every edit returns a new definition and touches only
 * what it names: the rest (key order included) is the same object as before, so reading a
 * definition and writing it back is lossless.
 */

export function parseDefinition(text: string): WorkflowDefinition {
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
  const definition = value as WorkflowDefinition;
  if (typeof definition.states !== "object" || !Array.isArray(definition.transitions)) throw new Error("no states or transitions");
  return definition;
}

/** The definition as a file: two-space JSON with a final newline, as in workflows/. */
export function serializeDefinition(definition: WorkflowDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

export function emptyDefinition(key: string, title: Localized): WorkflowDefinition {
  return {
    $schema: SCHEMA_ID,
    key,
    title,
    subject: "submission",
    states: {
      open: { title: { "zh-CN": "待处理", en: "Open" }, initial: true },
      done: { title: { "zh-CN": "已完成", en: "Done" }, final: true },
    },
    transitions: [{ event: "finish", title: { "zh-CN": "完成", en: "Finish" }, from: ["open"], to: "done", roles: ["auditor"] }],
  };
}

const NAME = /^[a-z][a-z0-9_]*$/;

export function isName(value: string): boolean {
  return NAME.test(value) && value.length <= 64;
}

/** A state name not yet used: state_1, state_2, ... */
export function freshName(taken: Iterable<string>, base = "state"): string {
  const used = new Set(taken);
  for (let n = 1; ; n += 1) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function addState(definition: WorkflowDefinition, name: string, state: State): WorkflowDefinition {
  if (!isName(name) || name in definition.states) throw new Error(`bad or taken state name: ${name}`);
  return { ...definition, states: { ...definition.states, [name]: state } };
}

/** Replace one state (undefined values drop keys); the others keep their objects and order. */
export function updateState(definition: WorkflowDefinition, name: string, patch: Partial<State>): WorkflowDefinition {
  const current = definition.states[name];
  if (!current) return definition;
  return { ...definition, states: { ...definition.states, [name]: withoutUndefined({ ...current, ...patch }) } };
}

/** Remove a state and every transition into it; transitions from it lose that source. */
export function removeState(definition: WorkflowDefinition, name: string): WorkflowDefinition {
  const states = Object.fromEntries(Object.entries(definition.states).filter(([key]) => key !== name));
  const transitions = definition.transitions
    .filter((t) => t.to !== name)
    .map((t) => (t.from.includes(name) ? { ...t, from: t.from.filter((f) => f !== name) } : t))
    .filter((t) => t.from.length > 0);
  const nodes = definition.layout?.nodes;
  const layout = nodes && name in nodes ? { ...definition.layout, nodes: omit(nodes, name) } : definition.layout;
  return withoutUndefined({ ...definition, states, transitions, layout });
}

/** Exactly one initial state: the named one. */
export function setInitial(definition: WorkflowDefinition, name: string): WorkflowDefinition {
  let next = definition;
  for (const [key, state] of Object.entries(definition.states)) {
    if (key === name && !state.initial) next = updateState(next, key, { initial: true, final: undefined });
    if (key !== name && state.initial) next = updateState(next, key, { initial: undefined });
  }
  return next;
}

export function addTransition(definition: WorkflowDefinition, transition: Transition): WorkflowDefinition {
  return { ...definition, transitions: [...definition.transitions, transition] };
}

export function updateTransition(definition: WorkflowDefinition, index: number, patch: Partial<Transition>): WorkflowDefinition {
  const current = definition.transitions[index];
  if (!current) return definition;
  const transitions = definition.transitions.slice();
  transitions[index] = withoutUndefined({ ...current, ...patch });
  return { ...definition, transitions };
}

export function removeTransition(definition: WorkflowDefinition, index: number): WorkflowDefinition {
  return { ...definition, transitions: definition.transitions.filter((_, i) => i !== index) };
}

/** A new event name for a transition between two states, unique in the definition. */
export function freshEvent(definition: WorkflowDefinition, to: string): string {
  const used = new Set(definition.transitions.map((t) => t.event));
  const base = `to_${to}`.slice(0, 60);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** Store node positions (rounded), only for states that exist. */
export function setLayout(definition: WorkflowDefinition, positions: Record<string, { x: number; y: number }>): WorkflowDefinition {
  const nodes: NonNullable<Layout["nodes"]> = {};
  for (const name of Object.keys(definition.states)) {
    const at = positions[name];
    if (at) nodes[name] = { x: Math.round(at.x), y: Math.round(at.y) };
  }
  return { ...definition, layout: { ...definition.layout, nodes } };
}

/** Deep copy with object keys sorted: the normal form two definitions compare in. */
export function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

export function sameDefinition(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

function omit<T extends Record<string, unknown>>(value: T, key: string): T {
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== key)) as T;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { WorkflowDefinition } from "./model/types";
import type { DiagramLayout, Direction, EdgeRoute } from "./model/layout";

export interface Problem {
  severity: string;
  element?: string | null;
  error: { pointer: string; message: string };
}

export type Selection = { kind: "state"; name: string } | { kind: "transition"; index: number } | null;

export interface StateNodeData extends Record<string, unknown> {
  name: string;
  title: string;
  initial: boolean;
  final: boolean;
  sla: string | null;
  problems: string[];
  severity: "error" | "warning" | null;
  direction: Direction;
}

export interface StepEdgeData extends Record<string, unknown> {
  index: number;
  /** Dagre's route, while both ends sit where dagre put them. */
  route?: EdgeRoute;
  /** A step that stays in its state: which of that state's loops it is (0, 1, …). */
  loop?: number;
  vertical?: boolean;
}

/** A definition's `{ "zh-CN", en }` text in one language (the other, then the fallback, if missing). */
export function textIn(language: string): (value: unknown, fallback: string) => string {
  return (value, fallback) => {
    if (typeof value === "string") return value;
    const texts = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
    const text = texts[language] ?? texts.en ?? texts["zh-CN"];
    return typeof text === "string" ? text : fallback;
  };
}

/** Words a step's label ends with: four eyes, and fired by the SLA's timeout (no role). */
export interface StepMarks {
  fourEyes: string;
  timeout: string;
}

/** A step's label on the diagram: its title, marked when four eyes apply or only a timeout fires it. */
export function stepLabel(definition: WorkflowDefinition, index: number, text: (value: unknown, fallback: string) => string, marks: StepMarks): string {
  const transition = definition.transitions[index];
  if (!transition) return "";
  return `${text(transition.title, transition.event)}${transition.excludes ? ` · ${marks.fourEyes}` : ""}${transition.roles.length === 0 && !transition.auto ? ` · ${marks.timeout}` : ""}`;
}

function worst(problems: Problem[]): "error" | "warning" | null {
  if (problems.some((p) => p.severity === "error")) return "error";
  return problems.length ? "warning" : null;
}

function slaText(definition: WorkflowDefinition, name: string, units: { hours: string; days: string }): string | null {
  const due = definition.states[name]?.sla?.due;
  if (!due) return null;
  return "hours" in due ? `${due.hours} ${units.hours}` : `${due.workingDays} ${units.days}`;
}

/** The next loop number of a state (0 for its first step that stays in it). */
function nextLoop(loops: Record<string, number>, state: string): number {
  loops[state] = (loops[state] ?? -1) + 1;
  return loops[state];
}

/** The diagram of a definition: a node per state, an edge per transition and source state. */
export function toFlow(
  definition: WorkflowDefinition,
  layout: DiagramLayout,
  problems: Problem[],
  selected: Selection,
  text: (value: unknown, fallback: string) => string,
  units: { hours: string; days: string },
  marks: StepMarks,
): { nodes: Node<StateNodeData>[]; edges: Edge<StepEdgeData>[] } {
  const at = layout.nodes;
  const on = (element: string) => problems.filter((p) => p.element === element);
  const nodes: Node<StateNodeData>[] = Object.entries(definition.states).map(([name, state]) => {
    const own = on(`state:${name}`);
    return {
      id: name,
      type: "state",
      position: at[name] ?? { x: 0, y: 0 },
      ariaLabel: text(state.title, name),
      selected: selected?.kind === "state" && selected.name === name,
      data: {
        name,
        title: text(state.title, name),
        initial: !!state.initial,
        final: !!state.final,
        sla: slaText(definition, name, units),
        problems: own.map((p) => p.error.message),
        severity: worst(own),
        direction: layout.direction,
      },
    };
  });
  const loops: Record<string, number> = {};
  const edges: Edge<StepEdgeData>[] = definition.transitions.flatMap((transition, index) => {
    const own = on(`transition:${index}`);
    const severity = worst(own);
    const label = stepLabel(definition, index, text, marks);
    return transition.from.map((from) => ({
      id: `t${index}:${from}`,
      type: "step",
      source: from,
      target: transition.to,
      label,
      data: from === transition.to ? { index, loop: nextLoop(loops, from), vertical: layout.direction === "TB" } : { index, route: layout.edges[`t${index}:${from}`] },
      selected: selected?.kind === "transition" && selected.index === index,
      className: severity ? `designer-edge-${severity}` : undefined,
      animated: !!transition.auto,
      markerEnd: { type: MarkerType.ArrowClosed },
    }));
  });
  return { nodes, edges };
}

/** Problems not placed on a state or transition (the definition as a whole). */
export function generalProblems(problems: Problem[]): Problem[] {
  return problems.filter((p) => !p.element);
}

/** Where a pointer into the definition lands on the diagram. */
export function selectionOf(pointer: string): Selection {
  const [, root, name] = pointer.split("/");
  if (root === "states" && name) return { kind: "state", name: name.replace(/~1/g, "/").replace(/~0/g, "~") };
  if (root === "transitions" && name && /^\d+$/.test(name)) return { kind: "transition", index: Number(name) };
  return null;
}

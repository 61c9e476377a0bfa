import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { WorkflowDefinition } from "./model/types";

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

/** The diagram of a definition: a node per state, an edge per transition and source state. */
export function toFlow(
  definition: WorkflowDefinition,
  at: Record<string, { x: number; y: number }>,
  problems: Problem[],
  selected: Selection,
  text: (value: unknown, fallback: string) => string,
  units: { hours: string; days: string },
): { nodes: Node<StateNodeData>[]; edges: Edge[] } {
  const on = (element: string) => problems.filter((p) => p.element === element);
  const nodes: Node<StateNodeData>[] = Object.entries(definition.states).map(([name, state]) => {
    const own = on(`state:${name}`);
    return {
      id: name,
      type: "state",
      position: at[name] ?? { x: 0, y: 0 },
      selected: selected?.kind === "state" && selected.name === name,
      data: {
        name,
        title: text(state.title, name),
        initial: !!state.initial,
        final: !!state.final,
        sla: slaText(definition, name, units),
        problems: own.map((p) => p.error.message),
        severity: worst(own),
      },
    };
  });
  const edges: Edge[] = definition.transitions.flatMap((transition, index) => {
    const own = on(`transition:${index}`);
    const severity = worst(own);
    const label = `${text(transition.title, transition.event)}${transition.excludes ? " ⚖" : ""}${transition.roles.length === 0 && !transition.auto ? " ⏱" : ""}`;
    return transition.from.map((from) => ({
      id: `t${index}:${from}`,
      source: from,
      target: transition.to,
      label,
      data: { index },
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

import { graphql } from "../api/graphql";

// What the case pages show of each step: its title and the state it led to, in the caller's
// language (the server's reading of the workflow version); the raw event and state names
// only when the version has no title for them (the opening step, a removed transition).
export const HistoryStepFields = graphql(`
  fragment HistoryStepFields on WorkflowStep {
    sequence
    event
    title
    toState
    toStateTitle
    actor
    comment
    occurredAt
  }
`);

export interface HistoryStep {
  sequence: number;
  event: string;
  title?: string | null;
  toState: string;
  toStateTitle?: string | null;
  actor: string;
  comment?: string | null;
  occurredAt: string;
}

/** The line a step is listed under: "Return for correction → Returned for correction". */
export function stepHeadline(step: HistoryStep, openedLabel: string): string {
  const what = step.title ?? (step.event === "start" ? openedLabel : step.event);
  return `${what} → ${step.toStateTitle ?? step.toState}`;
}

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
    actedBy {
      kind
      name
      role
    }
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
  actedBy?: StepActor | null;
  comment?: string | null;
  occurredAt: string;
}

/** The line a step is listed under: "Return for correction → Returned for correction". */
export function stepHeadline(step: HistoryStep, openedLabel: string): string {
  const what = step.title ?? (step.event === "start" ? openedLabel : step.event);
  return `${what} → ${step.toStateTitle ?? step.toState}`;
}

export interface StepActor {
  kind: "PERSON" | "SYSTEM" | "UNKNOWN";
  name: string;
  role?: string | null;
}

/**
 * Who took a step, as the line shows it: "李雷（稽核员）" / "Li Lei (auditor)"; the system by
 * the server's own word (系统 / System). ``roleTitle`` gives a role's title in the page's
 * language, or null for a role it does not know (then the name stands alone).
 */
export function actorLine(actor: StepActor | null | undefined, roleTitle: (role: string) => string | null, language: string): string {
  if (!actor) return "—";
  const role = actor.kind === "PERSON" && actor.role ? roleTitle(actor.role.toLowerCase()) : null;
  // A name that already says the role (a role's title standing in for it, a labelled account) keeps it once.
  if (!role || actor.name.includes(role)) return actor.name;
  return language.startsWith("zh") ? `${actor.name}（${role}）` : `${actor.name} (${role})`;
}

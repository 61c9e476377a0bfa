/**
 * Whether a case takes a (new) submission in its current state: the browser's reading of the
 * server's `submission_path` (server/auditportal/submissions/cases.py). The `submit` step
 * leaves the state, or one person's plain step (no comment, no input, not automatic) leads to
 * a state it leaves: after a return for correction, the corrected checklist is submitted again.
 */
interface Transition {
  event?: unknown;
  from?: unknown;
  to?: unknown;
  roles?: unknown;
  auto?: unknown;
  commentRequired?: unknown;
  input?: unknown;
}

const SUBMIT = "submit";

export function takesSubmission(definition: unknown, state: string): boolean {
  const raw = (definition as { transitions?: unknown } | null)?.transitions;
  const transitions: Transition[] = Array.isArray(raw) ? (raw as Transition[]) : [];
  const leaves = (t: Transition, name: string) => Array.isArray(t.from) && t.from.includes(name);
  const submitsFrom = (name: string) => transitions.some((t) => t.event === SUBMIT && leaves(t, name));
  if (submitsFrom(state)) return true;
  return transitions.some(
    (t) =>
      leaves(t, state) &&
      t.event !== SUBMIT &&
      Array.isArray(t.roles) &&
      t.roles.length > 0 &&
      !t.auto &&
      !t.commentRequired &&
      !t.input &&
      typeof t.to === "string" &&
      submitsFrom(t.to),
  );
}

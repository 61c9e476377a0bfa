/**
 * Where a correction starts: after a manager returns a case, the auditor fixes the answers
 * they handed in rather than typing the checklist again. The case's current submission is the
 * starting point when it answers this very form version and the caller sees every value in
 * clear; a sensitive value the server masked for this caller (its MASK, forms/sensitive.py)
 * would be handed back as the mask itself, so then the form starts empty instead.
 */
export const MASK = "******";

type Answers = Record<string, unknown>;

function hasMask(value: unknown): boolean {
  if (value === MASK) return true;
  if (Array.isArray(value)) return value.some(hasMask);
  if (value && typeof value === "object") return Object.values(value).some(hasMask);
  return false;
}

export function correctionStart(
  submission: { answers: unknown; formVersion: { id: string } } | null | undefined,
  formVersionId: string,
): Answers | null {
  if (!submission || submission.formVersion.id !== formVersionId) return null;
  const answers = submission.answers;
  if (!answers || typeof answers !== "object" || Array.isArray(answers)) return null;
  return hasMask(answers) ? null : (answers as Answers);
}

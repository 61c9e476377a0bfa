import { formFieldErrors, type ServerFieldError } from "./fieldErrors";

/** A typed mutation result: a success type, ValidationFailed with field errors, or another UserError. */
export interface Outcome {
  __typename?: string;
}

export type Classified<O extends Outcome, T extends string> =
  | { kind: "ok"; value: Extract<O, { __typename?: T }> }
  | { kind: "invalid"; message: string; fields: { name: string; errors: string[] }[] }
  | { kind: "error"; message: string }
  | { kind: "none" };

/** Sort an outcome (or a transport error) into what a page does with it. */
export function classifyOutcome<O extends Outcome, T extends string>(
  outcome: O | null | undefined,
  success: T,
  transportError?: { message: string } | null,
): Classified<O, T> {
  if (outcome?.__typename === success) return { kind: "ok", value: outcome as Extract<O, { __typename?: T }> };
  if (outcome && "message" in outcome && typeof outcome.message === "string") {
    if (outcome.__typename === "ValidationFailed" && "errors" in outcome && Array.isArray(outcome.errors)) {
      return { kind: "invalid", message: outcome.message, fields: formFieldErrors(outcome.errors as ServerFieldError[]) };
    }
    return { kind: "error", message: outcome.message };
  }
  if (transportError) return { kind: "error", message: transportError.message };
  return { kind: "none" };
}

import type { ErrorSchema } from "@rjsf/utils";

export interface ServerFieldError {
  path: string[];
  message: string;
}

/**
 * The server's ValidationFailed errors as rjsf `extraErrors`, so each lands on its field.
 * Paths start at the mutation input ("input", "answers", ...); the form sees the answers.
 * Errors outside the answers (the customer, the version) are returned apart.
 */
export function toErrorSchema(errors: ServerFieldError[]): { schema: ErrorSchema; other: string[] } {
  const schema: Record<string, unknown> = {};
  const other: string[] = [];
  for (const error of errors) {
    let path = error.path;
    if (path[0] === "input") path = path.slice(1);
    if (path[0] !== "answers") {
      other.push(error.message);
      continue;
    }
    path = path.slice(1);
    let node = schema;
    for (const part of path) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    const list = (node.__errors as string[] | undefined) ?? [];
    list.push(error.message);
    node.__errors = list;
  }
  return { schema: schema as ErrorSchema, other };
}

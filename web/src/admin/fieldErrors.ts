/** Server field errors (paths start at "input") as antd form field errors. */
export interface ServerFieldError {
  path: readonly string[];
  message: string;
}

export function formFieldErrors(errors: readonly ServerFieldError[]): { name: string; errors: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const error of errors) {
    const path = error.path[0] === "input" ? error.path.slice(1) : error.path;
    const name = path[0];
    if (!name) continue;
    byField.set(name, [...(byField.get(name) ?? []), error.message]);
  }
  return [...byField].map(([name, messages]) => ({ name, errors: messages }));
}

/**
 * Sample data for a simulation, built with pickers: one row per field (answers.* or
 * customer.*), written as the nested objects the server's guards read.
 */
export interface SampleRow {
  field: string;
  value: unknown;
}

export interface Samples {
  answers: Record<string, unknown>;
  customer: Record<string, unknown>;
}

function put(target: Record<string, unknown>, path: string[], value: unknown): void {
  let at = target;
  path.slice(0, -1).forEach((key) => {
    const next = at[key];
    if (!next || typeof next !== "object" || Array.isArray(next)) at[key] = {};
    at = at[key] as Record<string, unknown>;
  });
  at[path[path.length - 1]!] = value;
}

/** The rows as answers and customer; rows without a field, or outside both, are left out. */
export function samplesOf(rows: SampleRow[]): Samples {
  const samples: Samples = { answers: {}, customer: {} };
  for (const row of rows) {
    const [root, ...rest] = row.field.split(".");
    if ((root !== "answers" && root !== "customer") || rest.length === 0 || row.value === undefined || row.value === "") continue;
    put(samples[root], rest, row.value);
  }
  return samples;
}

/** Rows for the fields a definition's guards read: a starting point for the sample. */
export function guardFields(guards: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "var") {
          const name = Array.isArray(value) ? value[0] : value;
          if (typeof name === "string" && /^(answers|customer)\./.test(name)) found.add(name);
        } else visit(value);
      }
    }
  };
  guards.forEach(visit);
  return [...found];
}

/** Objects merged key by key, nested ones too; the later wins on a clash. */
export function merged(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    const both = [current, value].every((v) => v && typeof v === "object" && !Array.isArray(v));
    out[key] = both ? merged(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

import type { Json, JsonObject } from "./json";
import { isObject } from "./json";

export interface LiveScore {
  raw: number;
  max: number;
  percent: number | null;
}

/**
 * The score the answers would get so far: each answered field with x-scores adds its points
 * and the best points it could have had; N/A (null points) counts for neither. Sections with
 * x-weight weigh their own percent. A preview: the server's scoring decides on submit.
 */
export function liveScore(schema: JsonObject, answers: unknown): LiveScore | null {
  const parts = collect(schema, answers);
  if (!parts.scored) return null;
  return { raw: parts.raw, max: parts.max, percent: parts.weighted };
}

interface Parts {
  raw: number;
  max: number;
  scored: boolean;
  weighted: number | null;
}

function properties(schema: JsonObject): [string, JsonObject][] {
  const out: [string, JsonObject][] = [];
  const add = (s: Json | undefined) => {
    if (isObject(s) && isObject(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (isObject(v)) out.push([k, v]);
  };
  add(schema);
  if (Array.isArray(schema.allOf)) for (const r of schema.allOf) if (isObject(r)) add(r.then);
  return out;
}

function collect(schema: JsonObject, answers: unknown): Parts {
  let raw = 0;
  let max = 0;
  let scored = false;
  const weighted: { weight: number; percent: number }[] = [];
  const values = isObject(answers) ? answers : {};
  for (const [key, sub] of properties(schema)) {
    const value = values[key];
    const scores = sub["x-scores"];
    if (isObject(scores)) {
      scored = true;
      if (typeof value === "string" && value in scores && scores[value] !== null) {
        raw += Number(scores[value]);
        max += Math.max(...Object.values(scores).filter((v): v is number => typeof v === "number"));
      }
    } else if (sub.type === "object") {
      const inner = collect(sub, value);
      if (inner.scored) {
        scored = true;
        raw += inner.raw;
        max += inner.max;
        if (typeof sub["x-weight"] === "number" && inner.max > 0) weighted.push({ weight: sub["x-weight"], percent: (inner.raw / inner.max) * 100 });
      }
    }
  }
  let percent: number | null = max > 0 ? (raw / max) * 100 : null;
  if (weighted.length) {
    const total = weighted.reduce((s, w) => s + w.weight, 0);
    percent = weighted.reduce((s, w) => s + w.weight * w.percent, 0) / total;
  }
  return { raw, max, scored, weighted: percent === null ? null : Math.round(percent * 10) / 10 };
}

/** The form's pass mark (scoring.passPercent), or null when it has none. */
export function passMark(definition: JsonObject): number | null {
  const scoring = definition.scoring;
  return isObject(scoring) && typeof scoring.passPercent === "number" ? scoring.passPercent : null;
}

/** Set or clear the pass mark; the rest of the definition is untouched (a new object). */
export function withPassMark(definition: JsonObject, percent: number | null): JsonObject {
  const next: JsonObject = { ...definition };
  const scoring: JsonObject = isObject(definition.scoring) ? { ...definition.scoring } : {};
  if (percent === null) delete scoring.passPercent;
  else scoring.passPercent = Math.min(100, Math.max(0, percent));
  if (Object.keys(scoring).length) next.scoring = scoring;
  else delete next.scoring;
  return next;
}

/** Pass or fail for a live score, as the server decides it: at or above the mark passes. */
export function verdict(score: LiveScore | null, mark: number | null): "passed" | "failed" | null {
  if (!score || score.percent === null || mark === null) return null;
  return score.percent >= mark ? "passed" : "failed";
}

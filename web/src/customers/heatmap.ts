/** Risk heat map helpers: a 5x5 grid of likelihood (rows, 5 at the top) by impact (columns). */
export interface Cell {
  likelihood: number;
  impact: number;
  count: number;
}

export const SCALE = [1, 2, 3, 4, 5] as const;

/** Rows from likelihood 5 down to 1, each with impact 1..5; missing cells count 0. */
export function heatGrid(cells: readonly Cell[]): Cell[][] {
  const counts = new Map(cells.map((c) => [`${c.likelihood}:${c.impact}`, c.count]));
  return [...SCALE].reverse().map((likelihood) =>
    SCALE.map((impact) => ({ likelihood, impact, count: counts.get(`${likelihood}:${impact}`) ?? 0 })),
  );
}

/** Severity band of a cell (likelihood x impact), as used for its colour. */
export function band(likelihood: number, impact: number): "low" | "medium" | "high" | "critical" {
  const severity = likelihood * impact;
  if (severity >= 15) return "critical";
  if (severity >= 8) return "high";
  if (severity >= 4) return "medium";
  return "low";
}

export const TIERS = ["KEY", "NORMAL", "HIGH_RISK"] as const;
export type Tier = (typeof TIERS)[number];

/** The tier filter from the URL, ignoring values the API would refuse. */
export function parseTier(value: string | undefined): Tier | null {
  return value && (TIERS as readonly string[]).includes(value) ? (value as Tier) : null;
}

// Tag classes of app.css, not antd's preset colours: its gold on pale gold fails WCAG contrast.
export const TIER_TAG: Record<Tier, string> = { KEY: "tag-warn", NORMAL: "tag-info", HIGH_RISK: "tag-bad" };

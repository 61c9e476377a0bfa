import type { AreaMessages, Messages } from "./index";

/**
 * An area's texts written once, side by side: each leaf is ["中文", "English"], or one string
 * when both languages use the same text (a brand, "SLA", "Webhook"). Both halves then have
 * the very same keys by construction, and a missing translation is a type error.
 */
export type Pair = readonly [zh: string, en: string];
export type Pairs = { readonly [key: string]: Pair | string | Pairs };

function half(pairs: Pairs, index: 0 | 1): Messages {
  const out: Messages = {};
  for (const [key, value] of Object.entries(pairs)) {
    out[key] = typeof value === "string" ? value : Array.isArray(value) ? (value as Pair)[index] : half(value as Pairs, index);
  }
  return out;
}

export function bilingual(pairs: Pairs): AreaMessages {
  return { "zh-CN": half(pairs, 0), en: half(pairs, 1) };
}

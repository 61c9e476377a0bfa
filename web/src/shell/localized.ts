import { currentLanguage } from "../i18n";

/** A `{ "zh-CN": ..., "en": ... }` text from a definition, in the language on screen. */
export function localized(value: unknown, fallback = ""): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const texts = value as Record<string, unknown>;
    const text = texts[currentLanguage()] ?? texts.en ?? texts["zh-CN"];
    if (typeof text === "string") return text;
  }
  return fallback;
}

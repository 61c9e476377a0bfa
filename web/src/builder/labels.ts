import { isObject, type JsonObject } from "./model";

type Language = "zh-CN" | "en";

/** A field's label in the language on screen, falling back to the other one, then its key. */
export function labelOf(schema: JsonObject | undefined, language: Language, fallback: string): string {
  if (!schema) return fallback;
  const titles = schema["x-title"];
  if (isObject(titles)) {
    const text = titles[language] || titles.en || titles["zh-CN"];
    if (typeof text === "string" && text) return text;
  }
  return typeof schema.title === "string" && schema.title ? schema.title : fallback;
}

/** Option labels of a choice field (x-enum-titles of itself or of its items). */
export function optionLabels(schema: JsonObject, language: Language): { value: string; label: string }[] {
  const source = Array.isArray(schema.enum) ? schema : isObject(schema.items) && Array.isArray(schema.items.enum) ? schema.items : null;
  if (!source) return [];
  const titles = isObject(source["x-enum-titles"]) ? source["x-enum-titles"][language] : undefined;
  return (source.enum as unknown[]).map((v, i) => ({ value: String(v), label: Array.isArray(titles) && typeof titles[i] === "string" ? (titles[i] as string) : String(v) }));
}

import type { Json, JsonObject } from "./json";
import { clone, isObject } from "./json";

type Language = "zh-CN" | "en";

/**
 * The draft in one language for the renderer, as the server's forms/localize.py derives it for
 * a published version: title/description from x-title/x-description, ui:enumNames from
 * x-enum-titles. The stored document is not touched.
 */
export function localizedSchema(schema: JsonObject, language: Language): JsonObject {
  const out = clone(schema);
  localize(out, language);
  return out;
}

function pick(text: Json | undefined, language: Language): string | undefined {
  if (!isObject(text)) return undefined;
  const value = text[language] || text.en || text["zh-CN"];
  return typeof value === "string" ? value : undefined;
}

function localize(node: Json, language: Language): void {
  if (Array.isArray(node)) node.forEach((n) => localize(n, language));
  else if (isObject(node)) {
    const title = pick(node["x-title"], language);
    if (title !== undefined) node.title = title;
    const description = pick(node["x-description"], language);
    if (description !== undefined) node.description = description;
    Object.values(node).forEach((v) => localize(v, language));
  }
}

export function localizedUiSchema(schema: JsonObject, ui: JsonObject, language: Language): JsonObject {
  const out = clone(ui);
  enumNames(schema, out, language);
  return out;
}

function enumNames(schema: JsonObject, ui: JsonObject, language: Language): void {
  const props: [string, Json][] = [];
  const collect = (s: Json | undefined) => {
    if (isObject(s) && isObject(s.properties)) props.push(...Object.entries(s.properties));
  };
  collect(schema);
  if (Array.isArray(schema.allOf)) for (const rule of schema.allOf) if (isObject(rule)) collect(rule.then);
  for (const [name, sub] of props) {
    if (!isObject(sub)) continue;
    const subUi = isObject(ui[name]) ? (ui[name] as JsonObject) : {};
    const titles = sub["x-enum-titles"];
    if (isObject(titles) && !("ui:enumNames" in subUi)) {
      const names = titles[language] ?? titles.en;
      if (Array.isArray(names)) subUi["ui:enumNames"] = names;
    }
    enumNames(sub, subUi, language);
    if (isObject(sub.items)) {
      const itemsUi = isObject(subUi.items) ? (subUi.items as JsonObject) : {};
      const itemTitles = sub.items["x-enum-titles"];
      if (isObject(itemTitles) && !("ui:enumNames" in itemsUi)) {
        const names = itemTitles[language] ?? itemTitles.en;
        if (Array.isArray(names)) itemsUi["ui:enumNames"] = names;
      }
      enumNames(sub.items, itemsUi, language);
      if (Object.keys(itemsUi).length) subUi.items = itemsUi;
    }
    if (Object.keys(subUi).length) ui[name] = subUi;
  }
}

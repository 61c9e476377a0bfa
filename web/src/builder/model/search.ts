import type { BuilderDoc } from "./document";
import { fieldInfo } from "./document";
import type { JsonObject } from "./json";
import { clone, isObject } from "./json";

/** Whether the field is one of the form's search fields (definition.search, by pointer). */
export function isSearchField(doc: BuilderDoc, id: string): boolean {
  const info = fieldInfo(doc, id);
  const list = doc.definition.search;
  return !!info && Array.isArray(list) && list.some((e) => isObject(e) && e.field === "/" + info.keys.join("/"));
}

export function setSearchField(doc: BuilderDoc, id: string, on: boolean): BuilderDoc {
  const info = fieldInfo(doc, id);
  if (!info || isSearchField(doc, id) === on) return doc;
  const definition = clone(doc.definition);
  const pointer = "/" + info.keys.join("/");
  const list = Array.isArray(definition.search) ? definition.search.filter((e) => !(isObject(e) && e.field === pointer)) : [];
  if (on) {
    const title = isObject(info.schema["x-title"]) ? (clone(info.schema["x-title"]) as JsonObject) : { "zh-CN": info.node.key, en: info.node.key };
    list.push({ key: info.keys.join("_"), field: pointer, title });
  }
  if (list.length) definition.search = list;
  else delete definition.search;
  return { ...doc, definition };
}

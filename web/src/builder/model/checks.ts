import { isObject, parsePointer } from "./json";
import { allFields, fieldInfos, findByKeys, type BuilderDoc } from "./document";
import { listRules } from "./rules";

/** A problem with the draft: what, and the field it concerns (to select on click). */
export interface Problem {
  code: "duplicateKey" | "emptyOptions" | "ruleOnMissingField" | "missingTranslation" | "emptyContainer" | "server";
  fieldId: string | null;
  /** The key or label it names, for the message. */
  subject: string;
  message?: string;
  pointer?: string;
}

/** The builder's own checks, before the server's. */
export function builderChecks(doc: BuilderDoc): Problem[] {
  const problems: Problem[] = [];
  const visit = (nodes: typeof doc.fields) => {
    const seen = new Set<string>();
    for (const node of nodes) {
      if (seen.has(node.key)) problems.push({ code: "duplicateKey", fieldId: node.id, subject: node.key });
      seen.add(node.key);
      if (node.children) visit(node.children);
    }
  };
  visit(doc.fields);
  const infos = fieldInfos(doc);
  const all = allFields(doc);
  for (const node of all) {
    const info = infos.get(node.id);
    if (!info) continue;
    const options = Array.isArray(info.schema.enum) ? info.schema.enum : isObject(info.schema.items) && Array.isArray(info.schema.items.enum) ? info.schema.items.enum : null;
    if (options !== null && options.length === 0) problems.push({ code: "emptyOptions", fieldId: node.id, subject: node.key });
    const titles = info.schema["x-title"];
    if (!isObject(titles) || !titles["zh-CN"] || !titles.en) problems.push({ code: "missingTranslation", fieldId: node.id, subject: node.key });
    if (node.children && node.children.length === 0) problems.push({ code: "emptyContainer", fieldId: node.id, subject: node.key });
  }
  for (const rule of listRules(doc)) {
    if (rule.when && rule.whenFieldId === null) problems.push({ code: "ruleOnMissingField", fieldId: rule.containerId, subject: rule.when.key });
    const parentNodes = rule.containerId ? (all.find((n) => n.id === rule.containerId)?.children ?? []) : doc.fields;
    for (const key of rule.require) {
      if (!parentNodes.some((n) => n.key === key)) problems.push({ code: "ruleOnMissingField", fieldId: rule.containerId, subject: key });
    }
  }
  return problems;
}

/**
 * The field a server error's pointer names. Pointers are into the definition
 * (/schema/properties/a/properties/b/...) or into answers (/a/b); take the deepest field.
 */
export function fieldForPointer(doc: BuilderDoc, text: string): string | null {
  const parts = parsePointer(text);
  const keys: string[] = [];
  const skip = new Set(["schema", "properties", "items", "allOf", "then", "else", "if", "uiSchema"]);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (skip.has(part) || /^\d+$/.test(part)) continue;
    if (findByKeys(doc, [...keys, part])) keys.push(part);
    else if (keys.length || parts[0] === "schema" || parts[0] === "uiSchema") continue;
  }
  return keys.length ? findByKeys(doc, keys)?.id ?? null : null;
}

import { fieldTemplate, type JsonObject } from "./model";

export const KEY_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** A new definition: a copy of a template under a new key and title, or an empty form (one
 * short question: the server refuses a form without fields). */
export function newDefinition(template: JsonObject | null, key: string, titleZh: string, titleEn: string): JsonObject {
  if (template) {
    const copy = structuredClone(template);
    copy.key = key;
    copy.title = { "zh-CN": titleZh, en: titleEn };
    return copy;
  }
  const starter = fieldTemplate("shortText");
  return {
    $schema: "https://auditportal.dev/schema/form-definition.schema.json",
    key,
    category: "inspection_checklist",
    title: { "zh-CN": titleZh, en: titleEn },
    schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { [starter.key]: starter.schema } },
  };
}

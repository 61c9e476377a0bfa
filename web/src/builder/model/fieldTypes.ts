import type { JsonObject } from "./json";
import { isObject } from "./json";

/** The palette's field types; each makes a schema (and UI hints) the server accepts. */
export const FIELD_TYPES = [
  "shortText",
  "longText",
  "number",
  "amount",
  "date",
  "time",
  "singleChoice",
  "multipleChoice",
  "checklistItem",
  "rating",
  "nps",
  "yesNo",
  "photo",
  "file",
  "signature",
  "customerRef",
  "recordRef",
  "section",
  "group",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldTemplate {
  key: string;
  schema: JsonObject;
  ui?: JsonObject;
}

const text = (zh: string, en: string): JsonObject => ({ "zh-CN": zh, en });
const titled = (zh: string, en: string): JsonObject => ({ title: en, "x-title": text(zh, en) });
const radio: JsonObject = { "ui:widget": "radio", "ui:options": { inline: true } };

/** A new field of this type with bilingual default labels; `points` for checklist items. */
export function fieldTemplate(type: FieldType, points = 1): FieldTemplate {
  switch (type) {
    case "shortText":
      return { key: "text", schema: { type: "string", ...titled("新问题", "New question"), maxLength: 200 } };
    case "longText":
      return {
        key: "notes",
        schema: { type: "string", ...titled("说明", "Notes"), maxLength: 2000 },
        ui: { "ui:widget": "textarea", "ui:options": { rows: 3 } },
      };
    case "number":
      return { key: "number", schema: { type: "number", ...titled("数值", "Number") } };
    case "amount":
      return { key: "amount", schema: { type: "number", ...titled("金额（元）", "Amount (CNY)"), minimum: 0, multipleOf: 0.01 } };
    case "date":
      return { key: "date", schema: { type: "string", ...titled("日期", "Date"), format: "date" } };
    case "time":
      return { key: "time", schema: { type: "string", ...titled("时间", "Time"), format: "time" } };
    case "singleChoice":
      return {
        key: "choice",
        schema: {
          type: "string",
          ...titled("单选题", "Single choice"),
          enum: ["option1", "option2"],
          "x-enum-titles": { "zh-CN": ["选项一", "选项二"], en: ["Option 1", "Option 2"] },
        },
        ui: radio,
      };
    case "multipleChoice":
      return {
        key: "choices",
        schema: {
          type: "array",
          ...titled("多选题", "Multiple choice"),
          uniqueItems: true,
          items: {
            type: "string",
            enum: ["option1", "option2"],
            "x-enum-titles": { "zh-CN": ["选项一", "选项二"], en: ["Option 1", "Option 2"] },
          },
        },
        ui: { "ui:widget": "checkboxes" },
      };
    case "checklistItem":
      return {
        key: "item",
        schema: {
          type: "string",
          ...titled("检查项", "Checklist item"),
          enum: ["compliant", "non_compliant", "na"],
          "x-enum-titles": { "zh-CN": ["符合", "不符合", "不适用"], en: ["Compliant", "Non-compliant", "Not applicable"] },
          "x-scores": { compliant: points, non_compliant: 0, na: null },
          "x-findings": [{ in: ["non_compliant"], severity: "medium", title: text("检查项不符合", "Checklist item not compliant") }],
        },
        ui: radio,
      };
    case "rating":
      return { key: "rating", schema: { type: "integer", ...titled("评分", "Rating"), minimum: 1, maximum: 5 }, ui: radio };
    case "nps":
      return {
        key: "nps",
        schema: { type: "integer", ...titled("推荐意愿（0-10）", "Likelihood to recommend (0-10)"), minimum: 0, maximum: 10 },
        ui: radio,
      };
    case "yesNo":
      return { key: "yesNo", schema: { type: "boolean", ...titled("是否", "Yes or no") }, ui: radio };
    case "photo":
      return { key: "photo", schema: { type: "string", ...titled("照片", "Photo"), "x-attachment": { kind: "photo", accept: ["image/*"] } } };
    case "file":
      return { key: "file", schema: { type: "string", ...titled("附件", "File"), "x-attachment": { kind: "file" } } };
    case "signature":
      return {
        key: "signature",
        schema: { type: "string", ...titled("签名", "Signature"), "x-attachment": { kind: "signature", accept: ["image/png"] } },
      };
    case "customerRef":
      return { key: "customer", schema: { type: "string", ...titled("客户", "Customer"), "x-reference": "customer" } };
    case "recordRef":
      return { key: "record", schema: { type: "string", ...titled("关联记录", "Related record"), "x-reference": "submission" } };
    case "section":
      return { key: "section", schema: { type: "object", ...titled("新分节", "New section"), properties: {} } };
    case "group":
      return {
        key: "rows",
        schema: { type: "array", ...titled("明细表", "Table of rows"), items: { type: "object", properties: {} } },
      };
  }
}

/** Which palette type a schema looks like (what the canvas and property panel show). */
export function detectType(schema: JsonObject, ui: JsonObject | undefined): FieldType {
  const attachment = schema["x-attachment"];
  if (isObject(attachment)) {
    const kind = attachment.kind;
    return kind === "photo" ? "photo" : kind === "signature" ? "signature" : "file";
  }
  if (typeof schema["x-reference"] === "string") return schema["x-reference"] === "customer" ? "customerRef" : "recordRef";
  const type = schema.type;
  if (type === "object") return "section";
  if (type === "array") return isObject(schema.items) && schema.items.type === "object" ? "group" : "multipleChoice";
  if (type === "boolean") return "yesNo";
  if (Array.isArray(schema.enum)) {
    const values = schema.enum;
    if (values.includes("na") || values.includes("compliant") || isObject(schema["x-scores"])) return "checklistItem";
    return "singleChoice";
  }
  if (type === "integer" && schema.minimum === 0 && schema.maximum === 10) return "nps";
  if (type === "integer" && schema.maximum !== undefined && Number(schema.maximum) <= 10) return "rating";
  if (type === "number" || type === "integer") return schema.multipleOf === 0.01 ? "amount" : "number";
  if (schema.format === "date" || schema.format === "date-time") return "date";
  if (schema.format === "time") return "time";
  if (ui?.["ui:widget"] === "textarea" || Number(schema.maxLength ?? 0) > 500) return "longText";
  return "shortText";
}

export function isContainer(type: FieldType): boolean {
  return type === "section" || type === "group";
}

import type { Language } from "../../i18n";

// The browser's messages per JSON Schema keyword, worded as the server words them
// (server/auditportal/i18n/messages.py, "schema.*"), so a field says the same thing before
// and after submit. {name} marks a parameter.
type Texts = Record<Language, string>;

export const KEYWORD_MESSAGES: Record<string, Texts> = {
  required: { "zh-CN": "此项为必填项。", en: "This field is required." },
  type: { "zh-CN": "类型不正确，应为{expected}。", en: "Wrong type; expected {expected}." },
  enum: { "zh-CN": "取值不在允许的选项中：{options}。", en: "Not one of the allowed options: {options}." },
  const: { "zh-CN": "取值必须为 {expected}。", en: "Must be {expected}." },
  minimum: { "zh-CN": "不能小于 {limit}。", en: "Must be at least {limit}." },
  maximum: { "zh-CN": "不能大于 {limit}。", en: "Must be at most {limit}." },
  exclusiveMinimum: { "zh-CN": "必须大于 {limit}。", en: "Must be more than {limit}." },
  exclusiveMaximum: { "zh-CN": "必须小于 {limit}。", en: "Must be less than {limit}." },
  multipleOf: { "zh-CN": "必须是 {limit} 的倍数。", en: "Must be a multiple of {limit}." },
  minLength: { "zh-CN": "长度不能少于 {limit} 个字符。", en: "Must be at least {limit} characters long." },
  maxLength: { "zh-CN": "长度不能超过 {limit} 个字符。", en: "Must be at most {limit} characters long." },
  pattern: { "zh-CN": "格式不正确。", en: "Does not have the expected format." },
  format: { "zh-CN": "不是有效的{format}。", en: "Not a valid {format}." },
  minItems: { "zh-CN": "至少需要 {limit} 项。", en: "Needs at least {limit} item(s)." },
  maxItems: { "zh-CN": "最多允许 {limit} 项。", en: "Allows at most {limit} item(s)." },
  uniqueItems: { "zh-CN": "不能包含重复项。", en: "Items must not repeat." },
  contains: { "zh-CN": "列表中没有符合要求的项。", en: "No item in the list fits." },
  minContains: { "zh-CN": "符合要求的项不能少于 {limit} 个。", en: "Needs at least {limit} fitting item(s)." },
  maxContains: { "zh-CN": "符合要求的项不能多于 {limit} 个。", en: "Allows at most {limit} fitting item(s)." },
  additionalProperties: { "zh-CN": "不允许的字段：{names}。", en: "Field(s) not allowed here: {names}." },
  unevaluatedProperties: { "zh-CN": "不允许的字段：{names}。", en: "Field(s) not allowed here: {names}." },
  unevaluatedItems: { "zh-CN": "列表中有多余的项。", en: "The list has items not allowed here." },
  minProperties: { "zh-CN": "至少需要 {limit} 个字段。", en: "Needs at least {limit} field(s)." },
  maxProperties: { "zh-CN": "最多允许 {limit} 个字段。", en: "Allows at most {limit} field(s)." },
  propertyNames: { "zh-CN": "字段名不符合要求：{names}。", en: "Field name not allowed: {names}." },
  oneOf: { "zh-CN": "必须恰好符合一种允许的形式。", en: "Must match exactly one of the allowed shapes." },
  anyOf: { "zh-CN": "不符合任何一种允许的形式。", en: "Does not match any of the allowed shapes." },
  not: { "zh-CN": "取值不被允许。", en: "This value is not allowed." },
  false: { "zh-CN": "取值不被允许。", en: "This value is not allowed." },
  invalid: { "zh-CN": "取值无效。", en: "This value is not valid." },
};

/** Format names, as the server's FORMAT_NAMES. */
export const FORMAT_NAMES: Record<string, Texts> = {
  date: { "zh-CN": "日期（YYYY-MM-DD）", en: "date (YYYY-MM-DD)" },
  "date-time": { "zh-CN": "日期时间（RFC 3339）", en: "date-time (RFC 3339)" },
  time: { "zh-CN": "时间", en: "time" },
  email: { "zh-CN": "电子邮箱地址", en: "email address" },
  uri: { "zh-CN": "网址", en: "URI" },
  uuid: { "zh-CN": "UUID", en: "UUID" },
  ipv4: { "zh-CN": "IPv4 地址", en: "IPv4 address" },
};

/** Type names, as the server's TYPE_NAMES. */
export const TYPE_NAMES: Record<string, Texts> = {
  string: { "zh-CN": "文本", en: "text" },
  number: { "zh-CN": "数字", en: "a number" },
  integer: { "zh-CN": "整数", en: "a whole number" },
  boolean: { "zh-CN": "是/否", en: "yes/no" },
  object: { "zh-CN": "对象", en: "an object" },
  array: { "zh-CN": "列表", en: "a list" },
  null: { "zh-CN": "空值", en: "null" },
};

/** Joins a list the way each language writes one. */
export const SEPARATORS: Record<Language, string> = { "zh-CN": "、", en: ", " };
export const OR: Record<Language, string> = { "zh-CN": " / ", en: " or " };

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

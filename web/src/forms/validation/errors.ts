import type { OutputUnit } from "@cfworker/json-schema";
import { getUiOptions, type RJSFSchema, type RJSFValidationError, type UiSchema } from "@rjsf/utils";
import type { Language } from "../../i18n";
import { fill, FORMAT_NAMES, KEYWORD_MESSAGES, OR, SEPARATORS, TYPE_NAMES } from "./messages";

type Json = unknown;
type Node = Record<string, Json>;

// Keywords whose error only says "something below failed": the error below is the one a
// person can act on (cfworker reports both, the wrapper first).
const WRAPPERS = new Set([
  "properties",
  "patternProperties",
  "items",
  "prefixItems",
  "additionalItems",
  "allOf",
  "if",
  "$ref",
  "$recursiveRef",
  "$dynamicRef",
  "dependentSchemas",
  "dependencies",
  "propertyNames",
]);
// Wrappers that report names the schema does not allow (when their schema is `false`).
const EXTRA_NAMES = new Set(["additionalProperties", "unevaluatedProperties"]);

function isNode(value: Json): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "#/a/b~1c" as its parts ["a", "b/c"] (cfworker writes URI-encoded JSON pointers). */
export function pointerParts(pointer: string): string[] {
  const body = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  if (!body) return [];
  return body
    .split("/")
    .slice(1)
    .map((part) => {
      let decoded = part;
      try {
        decoded = decodeURIComponent(part);
      } catch {
        // a literal % stays as written
      }
      return decoded.replace(/~1/g, "/").replace(/~0/g, "~");
    });
}

function at(root: Json, parts: string[]): Json {
  let node: Json = root;
  for (const part of parts) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (isNode(node)) node = node[part];
    else return undefined;
  }
  return node;
}

/** The rjsf property of an instance path: "" for the root, ".a.0.b" below it. */
function property(parts: string[]): string {
  return parts.map((part) => `.${part}`).join("");
}

function quoted(message: string): string | undefined {
  return /"((?:[^"\\]|\\.)*)"/.exec(message)?.[1];
}

function labels(schema: Node, options: Json[], language: Language): string {
  const titles = schema["x-enum-titles"];
  const names = isNode(titles) ? titles[language] : undefined;
  if (Array.isArray(names) && names.length === options.length) return names.map(String).join(SEPARATORS[language]);
  return options.map((option) => (typeof option === "string" ? option : JSON.stringify(option))).join(SEPARATORS[language]);
}

/** The message for a failed keyword: the form author's own (x-error-messages) if written, else ours. */
function messageFor(keyword: string, schema: Node, language: Language, values: Record<string, string>): string {
  const own = schema["x-error-messages"];
  const authored = isNode(own) && isNode(own[keyword]) ? own[keyword][language] : undefined;
  if (typeof authored === "string" && authored.trim()) return authored;
  const texts = KEYWORD_MESSAGES[keyword] ?? KEYWORD_MESSAGES.invalid!;
  return fill(texts[language], values);
}

interface Failure {
  keyword: string;
  /** The instance path of the field the error belongs to. */
  path: string[];
  /** The schema holding the keyword (for required: the field's own schema). */
  schema: Node;
  schemaPath: string;
  params: Record<string, Json>;
  values: Record<string, string>;
}

function describe(unit: OutputUnit, root: RJSFSchema, language: Language): Failure | null {
  const keyword = unit.keyword;
  const path = pointerParts(unit.instanceLocation);
  const schemaParts = pointerParts(unit.keywordLocation);
  const value = at(root, schemaParts);
  const parent = at(root, schemaParts.slice(0, -1));
  const schema = isNode(parent) ? parent : {};
  const base = { keyword, path, schema, schemaPath: unit.keywordLocation, params: {}, values: {} };
  switch (keyword) {
    case "required":
    case "dependentRequired": {
      // cfworker names the missing property only in its text: the last quoted name.
      const names = [...unit.error.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
      const missing = names[names.length - 1] ?? "";
      const properties = isNode(schema.properties) ? schema.properties : {};
      const field = isNode(properties[missing]) ? (properties[missing] as Node) : {};
      const params: Record<string, Json> = { missingProperty: missing };
      if (keyword === "dependentRequired") Object.assign(params, { property: names[0], deps: missing });
      return { ...base, keyword: "required", path: [...path, missing], schema: field, params };
    }
    case "type": {
      const expected = Array.isArray(value) ? value.map(String) : [String(value)];
      const text = expected.map((type) => TYPE_NAMES[type]?.[language] ?? type).join(OR[language]);
      return { ...base, params: { type: expected.join(",") }, values: { expected: text } };
    }
    case "enum":
      return { ...base, params: { allowedValues: value }, values: { options: labels(schema, Array.isArray(value) ? value : [], language) } };
    case "const":
      return { ...base, params: { allowedValue: value }, values: { expected: labels(schema, [value], language) } };
    case "format": {
      const name = String(value);
      return { ...base, params: { format: name }, values: { format: FORMAT_NAMES[name]?.[language] ?? name } };
    }
    case "pattern":
      return { ...base, params: { pattern: String(value) } };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const comparison = { minimum: ">=", maximum: "<=", exclusiveMinimum: ">", exclusiveMaximum: "<" }[keyword];
      return { ...base, params: { comparison, limit: value }, values: { limit: String(value) } };
    }
    case "multipleOf":
      return { ...base, params: { multipleOf: value }, values: { limit: String(value) } };
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties":
    case "minContains":
    case "maxContains":
      return { ...base, params: { limit: value }, values: { limit: String(value) } };
    default:
      return base;
  }
}

/**
 * cfworker's output units as rjsf's errors: on the field they belong to (`property` as
 * @rjsf/validator-ajv8 writes it, required errors on the missing field itself), with the
 * keyword as `name`, Ajv-like `params`, and a message in the language on screen.
 */
export function toRjsfErrors(units: OutputUnit[], root: RJSFSchema, language: Language, uiSchema?: UiSchema): RJSFValidationError[] {
  const errors: RJSFValidationError[] = [];
  const seen = new Set<string>();
  const skip = new Set<string>();
  for (const unit of units) {
    if (unit.keyword === "false" && skip.has(unit.instanceLocation)) continue;
    let failure: Failure | null;
    if (EXTRA_NAMES.has(unit.keyword)) {
      // `additionalProperties: false`: the name is not allowed (Ajv reports it on the object).
      if (at(root, pointerParts(unit.keywordLocation)) !== false) continue;
      const name = quoted(unit.error) ?? "";
      skip.add(`${unit.instanceLocation}/${name}`);
      const parts = pointerParts(unit.keywordLocation);
      const parent = at(root, parts.slice(0, -1));
      failure = {
        keyword: unit.keyword,
        path: pointerParts(unit.instanceLocation),
        schema: isNode(parent) ? parent : {},
        schemaPath: unit.keywordLocation,
        params: { additionalProperty: name },
        values: { names: name },
      };
    } else if (WRAPPERS.has(unit.keyword)) {
      continue;
    } else {
      failure = describe(unit, root, language);
    }
    if (!failure) continue;
    const text = messageFor(failure.keyword, failure.schema, language, failure.values);
    const prop = failure.keyword === "required" && failure.path.length === 1 ? failure.path[0]! : property(failure.path);
    const marker = `${prop}\u0000${failure.keyword}\u0000${text}`;
    if (seen.has(marker)) continue;
    seen.add(marker);
    const uiTitle = getUiOptions(at(uiSchema, failure.path) as UiSchema | undefined).title;
    const title = typeof uiTitle === "string" ? uiTitle : typeof failure.schema.title === "string" ? failure.schema.title : "";
    errors.push({
      name: failure.keyword,
      property: prop,
      message: text,
      params: failure.params,
      stack: title ? `'${title}' ${text}` : `${prop} ${text}`.trim(),
      schemaPath: failure.schemaPath,
      title,
    });
  }
  return errors;
}

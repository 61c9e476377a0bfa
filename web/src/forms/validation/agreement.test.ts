// The interpreting validator gives the verdicts and field paths @rjsf/validator-ajv8 (Ajv2020,
// what the fill page used before) gives, on every built-in form (forms/*.json at the repo
// root) and a few hundred documents derived from each form's example answers. Ajv stays a
// development dependency for this comparison only; the bundle no longer carries it.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { customizeValidator } from "@rjsf/validator-ajv8";
import Ajv2020 from "ajv/dist/2020";
import type { RJSFSchema, RJSFValidationError } from "@rjsf/utils";
import { InterpretingValidator } from "./validator";

const FORMS = resolve(__dirname, "../../../../forms");
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const before = customizeValidator({ AjvClass: Ajv2020, ajvOptionsOverrides: { strict: false, allErrors: true } });
const after = new InterpretingValidator("en");

function forms(): { key: string; schema: RJSFSchema; example: Json }[] {
  return readdirSync(FORMS)
    .filter((name) => name.endsWith(".json"))
    .map((name) => {
      const definition = JSON.parse(readFileSync(resolve(FORMS, name), "utf8")) as { schema: RJSFSchema };
      const example = JSON.parse(readFileSync(resolve(FORMS, "examples", name), "utf8")) as Json;
      return { key: name.replace(/\.json$/, ""), schema: definition.schema, example };
    });
}

const clone = <T,>(value: T): T => structuredClone(value);

function setAt(document: Json, path: (string | number)[], value: Json | undefined): Json {
  const copy = clone(document);
  let node = copy as Record<string | number, Json>;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/** Every place in a document with its value. */
function leaves(document: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  const here = path.length ? [{ path, value: document }] : [];
  if (Array.isArray(document)) return [...here, ...document.flatMap((item, i) => leaves(item, [...path, i]))];
  if (document && typeof document === "object") return [...here, ...Object.entries(document).flatMap(([k, v]) => leaves(v, [...path, k]))];
  return here;
}

/** Every enum in the schema, by the instance path it applies to (through properties, allOf/then). */
function enums(schema: Json, path: string[] = []): { path: string[]; options: Json[] }[] {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return [];
  const found: { path: string[]; options: Json[] }[] = [];
  if (Array.isArray(schema.enum)) found.push({ path, options: schema.enum });
  if (schema.type === "boolean") found.push({ path, options: [true, false] });
  const properties = schema.properties;
  if (properties && typeof properties === "object" && !Array.isArray(properties)) {
    for (const [name, sub] of Object.entries(properties)) found.push(...enums(sub, [...path, name]));
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = schema[key];
    if (Array.isArray(list)) for (const sub of list) found.push(...enums(sub, path));
  }
  for (const key of ["then", "else"]) found.push(...enums(schema[key] ?? null, path));
  return found;
}

/** The example, then it broken or changed one place at a time. */
function documents(schema: RJSFSchema, example: Json): Json[] {
  const out: Json[] = [example, {}];
  for (const { path, value } of leaves(example)) {
    out.push(setAt(example, path, undefined));
    if (typeof value === "string") {
      out.push(setAt(example, path, ""), setAt(example, path, "X".repeat(3000)), setAt(example, path, 42), setAt(example, path, "2025-13-45"));
      out.push(setAt(example, path, "not an address @"), setAt(example, path, "12345678"));
    } else if (typeof value === "number") {
      out.push(setAt(example, path, -1e9), setAt(example, path, 1e12), setAt(example, path, "7"), setAt(example, path, value + 0.5));
    } else if (typeof value === "boolean") {
      out.push(setAt(example, path, !value), setAt(example, path, "yes"));
    } else if (Array.isArray(value)) {
      out.push(setAt(example, path, []), setAt(example, path, [...value, ...value]), setAt(example, path, Array(40).fill(value[0] ?? null)));
    } else if (value && typeof value === "object") {
      out.push(setAt(example, path, {}), setAt(example, path, { ...value, notInTheForm: 1 }), setAt(example, path, "text"));
    }
  }
  // Every option of every question: the conditional questions it shows become required.
  for (const { path, options } of enums(schema)) {
    for (const option of options) {
      try {
        out.push(setAt(example, path, option));
      } catch {
        // the example has no section for it
      }
    }
  }
  out.push(setAt(example, ["notInTheForm"], true));
  // A field rjsf cleared: the key stays, its value is undefined (absent for JSON Schema).
  for (const { path, value } of leaves(example)) {
    if (typeof path[path.length - 1] !== "string" || (value && typeof value === "object")) continue;
    const cleared = clone(example) as Record<string | number, Json>;
    let node = cleared;
    for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, Json>;
    (node as Record<string | number, unknown>)[path[path.length - 1]!] = undefined;
    out.push(cleared);
  }
  return out;
}

// Combinator wrappers: Ajv also reports "must match then schema" on the section; the
// interpreting validator reports only the errors under it (what the server reports too).
const WRAPPERS = new Set(["if", "anyOf", "oneOf", "allOf"]);
function summary(errors: RJSFValidationError[]): string[] {
  return [...new Set(errors.filter((e) => !WRAPPERS.has(e.name ?? "")).map((e) => `${e.property ?? ""} ${e.name ?? ""}`))].sort();
}

describe("the interpreting validator agrees with @rjsf/validator-ajv8", () => {
  const all = forms();
  it("finds every built-in form and its example", () => {
    expect(all.map((f) => f.key)).toEqual(expect.arrayContaining(["complaint-intake", "customer-compliance-inspection", "customer-credit-assessment"]));
    expect(all.length).toBeGreaterThanOrEqual(5);
  });

  for (const { key, schema, example } of all) {
    it(`on ${key}: the same verdicts, errors and field paths`, () => {
      const docs = documents(schema, example);
      let invalid = 0;
      for (const doc of docs) {
        const was = before.validateFormData(doc, schema);
        const now = after.validateFormData(doc, schema);
        const context = JSON.stringify(doc).slice(0, 400);
        expect(now.errors.length === 0, context).toBe(was.errors.length === 0);
        expect(summary(now.errors), context).toEqual(summary(was.errors));
        if (now.errors.length) invalid += 1;
        // Sub-schemas as rjsf asks for them (if/then conditions).
        expect(after.isValid(schema, doc, schema)).toBe(before.isValid(schema, doc, schema));
      }
      expect(docs.length).toBeGreaterThan(50);
      expect(invalid).toBeGreaterThan(docs.length / 3);
      // The example answers are valid.
      expect(after.validateFormData(example, schema).errors).toEqual([]);
    });
  }
});

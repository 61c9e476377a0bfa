import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { RJSFSchema } from "@rjsf/utils";
import { formValidator } from "../validator";
import { pointerParts } from "./errors";

const inspection = JSON.parse(readFileSync(resolve(__dirname, "../../../../forms/complaint-intake.json"), "utf8")) as {
  schema: RJSFSchema;
};
const example = JSON.parse(readFileSync(resolve(__dirname, "../../../../forms/examples/complaint-intake.json"), "utf8")) as Record<
  string,
  unknown
>;

const schema = {
  type: "object",
  required: ["name", "section"],
  additionalProperties: false,
  properties: {
    name: { type: "string", title: "Name", minLength: 2, maxLength: 5 },
    phone: {
      type: "string",
      title: "Phone",
      pattern: "^[0-9]+$",
      "x-error-messages": { pattern: { "zh-CN": "请输入数字电话号码", en: "Digits only, please" } },
    },
    code: { type: "string", pattern: "^[A-Z]{3}$" },
    age: { type: "integer", minimum: 18, maximum: 99 },
    mail: { type: "string", format: "email" },
    day: { type: "string", format: "date" },
    answer: { type: "string", enum: ["yes", "no"], "x-enum-titles": { "zh-CN": ["是", "否"], en: ["Yes", "No"] } },
    agreed: { const: true },
    section: {
      type: "object",
      required: ["notes"],
      "x-weight": 3,
      properties: { notes: { type: "string", title: "Notes", "x-sensitive": true }, rows: { type: "array", minItems: 1, maxItems: 2, items: { type: "object", required: ["x"], properties: { x: { type: "number" } } } } },
    },
  },
} as RJSFSchema;

function byProperty(language: "zh-CN" | "en", data: unknown, form: RJSFSchema = schema) {
  const result = formValidator(language).validateFormData(data, form);
  const { errors } = result;
  const errorSchema = result.errorSchema as Record<string, Record<string, { __errors?: string[] } & Record<string, unknown>> & { __errors?: string[] }>;
  return { map: Object.fromEntries(errors.map((e) => [`${e.property} ${e.name}`, e.message])), errors, errorSchema };
}

describe("the interpreting validator's messages", () => {
  it("speaks Chinese and English, per keyword, with the limits", () => {
    const data = { name: "X".repeat(9), phone: "abc", code: "ab", age: 7.5, mail: "nope", day: "2025-02-30x", answer: "maybe", agreed: false, section: { notes: 3, rows: [] } };
    const zh = byProperty("zh-CN", data).map;
    expect(zh[".name maxLength"]).toBe("长度不能超过 5 个字符。");
    expect(zh[".phone pattern"]).toBe("请输入数字电话号码");
    expect(zh[".code pattern"]).toBe("格式不正确。");
    expect(zh[".age type"]).toBe("类型不正确，应为整数。");
    expect(zh[".age minimum"]).toBe("不能小于 18。");
    expect(zh[".mail format"]).toBe("不是有效的电子邮箱地址。");
    expect(zh[".day format"]).toBe("不是有效的日期（YYYY-MM-DD）。");
    expect(zh[".answer enum"]).toBe("取值不在允许的选项中：是、否。");
    expect(zh[".agreed const"]).toBe("取值必须为 true。");
    expect(zh[".section.notes type"]).toBe("类型不正确，应为文本。");
    expect(zh[".section.rows minItems"]).toBe("至少需要 1 项。");
    const en = byProperty("en", data).map;
    expect(en[".name maxLength"]).toBe("Must be at most 5 characters long.");
    expect(en[".phone pattern"]).toBe("Digits only, please");
    expect(en[".age minimum"]).toBe("Must be at least 18.");
    expect(en[".answer enum"]).toBe("Not one of the allowed options: Yes, No.");
    expect(en[".mail format"]).toBe("Not a valid email address.");
    expect(byProperty("en", { name: "X", section: { notes: "" } }).map[".name minLength"]).toBe("Must be at least 2 characters long.");
    expect(byProperty("zh-CN", { name: "XX", age: 120, section: { notes: "" } }).map[".age maximum"]).toBe("不能大于 99。");
  });

  it("puts required errors on the missing field, nested and in lists, as rjsf's errorSchema", () => {
    const { map, errors, errorSchema } = byProperty("zh-CN", { section: { rows: [{ x: 1 }, {}, {}] }, extra: 1 });
    expect(map["name required"]).toBe("此项为必填项。");
    expect(map[".section.notes required"]).toBe("此项为必填项。");
    expect(map[".section.rows.1.x required"]).toBe("此项为必填项。");
    expect(map[".section.rows maxItems"]).toBe("最多允许 2 项。");
    expect(map[" additionalProperties"]).toBe("不允许的字段：extra。");
    const notes = errors.find((e) => e.property === ".section.notes")!;
    expect(notes.params).toEqual({ missingProperty: "notes" });
    expect(notes.title).toBe("Notes");
    expect(notes.schemaPath).toBe("#/properties/section/required");
    expect(errorSchema.section?.notes?.__errors).toEqual(["此项为必填项。"]);
    expect((errorSchema.section!.rows as unknown as Record<string, { x?: { __errors?: string[] } }>)["2"]?.x?.__errors).toEqual(["此项为必填项。"]);
    expect(errorSchema.name?.__errors).toEqual(["此项为必填项。"]);
  });

  it("treats unknown x- keywords as annotations, and valid data as valid", () => {
    expect(byProperty("en", { name: "Li", section: { notes: "ok", rows: [{ x: 1 }] }, phone: "123", agreed: true }).errors).toEqual([]);
  });

  it("checks the conditional questions of a built-in form (if/then) in both languages", () => {
    const details = example.details as Record<string, unknown>;
    const complainant = example.complainant as Record<string, unknown>;
    const answers = { ...example, complainant: { ...complainant, customerRef: "X".repeat(70) }, details: { ...details, category: "other", categoryOther: undefined } };
    const zh = byProperty("zh-CN", answers, inspection.schema).map;
    const en = byProperty("en", answers, inspection.schema).map;
    expect(Object.keys(zh).sort()).toEqual([".complainant.customerRef maxLength", ".details.categoryOther required"]);
    expect(zh[".complainant.customerRef maxLength"]).toMatch(/^长度不能超过 \d+ 个字符。$/);
    expect(en[".complainant.customerRef maxLength"]).toMatch(/^Must be at most \d+ characters long\.$/);
    // On the field the condition makes required, not on the section for the if/then itself.
    expect(zh[".details.categoryOther required"]).toBe("此项为必填项。");
    expect(en[".details.categoryOther required"]).toBe("This field is required.");
    expect(formValidator("zh-CN").isValid(inspection.schema, example, inspection.schema)).toBe(true);
  });

  it("reads cfworker's encoded pointers", () => {
    expect(pointerParts("#")).toEqual([]);
    expect(pointerParts("#/a/b~1c/0/~0d")).toEqual(["a", "b/c", "0", "~d"]);
    expect(pointerParts("#/%E5%AE%A2%E6%88%B7")).toEqual(["客户"]);
  });

  it("reports a broken schema instead of throwing", () => {
    const broken = { type: "object", properties: { a: { $ref: "#/$defs/missing" } } } as RJSFSchema;
    const { errors } = formValidator("en").validateFormData({ a: 1 }, broken);
    expect(errors.length).toBe(1);
    expect(errors[0]!.stack).toContain("Unresolved $ref");
    expect(formValidator("en").isValid(broken, { a: 1 }, broken)).toBe(false);
  });
});

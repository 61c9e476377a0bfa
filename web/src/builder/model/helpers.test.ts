import { describe, expect, it } from "vitest";
import { diffDefinitions, liveScore, localizedSchema, localizedUiSchema, type JsonObject } from "./index";

const schema: JsonObject = {
  type: "object",
  properties: {
    sec: {
      type: "object",
      "x-title": { "zh-CN": "分节", en: "Section" },
      "x-weight": 1,
      properties: {
        a: { type: "string", enum: ["y", "n", "na"], "x-enum-titles": { "zh-CN": ["是", "否", "不适用"], en: ["Yes", "No", "N/A"] }, "x-scores": { y: 2, n: 0, na: null } },
        b: { type: "string", enum: ["y", "n"], "x-scores": { y: 3, n: 0 } },
      },
    },
  },
};

describe("localize", () => {
  it("titles and option labels in the language asked", () => {
    expect((localizedSchema(schema, "zh-CN") as any).properties.sec.title).toBe("分节");
    expect((localizedSchema(schema, "en") as any).properties.sec.title).toBe("Section");
    expect((localizedUiSchema(schema, {}, "zh-CN") as any).sec.a["ui:enumNames"]).toEqual(["是", "否", "不适用"]);
    expect(schema.properties).not.toHaveProperty("sec.title");
  });
});

describe("live score", () => {
  it("adds points, excludes N/A, weighs sections", () => {
    expect(liveScore(schema, {})).toEqual({ raw: 0, max: 0, percent: null });
    expect(liveScore(schema, { sec: { a: "na", b: "y" } })).toEqual({ raw: 3, max: 3, percent: 100 });
    expect(liveScore(schema, { sec: { a: "n", b: "y" } })).toEqual({ raw: 3, max: 5, percent: 60 });
    expect(liveScore({ type: "object", properties: { t: { type: "string" } } }, {})).toBeNull();
  });
});

describe("diff", () => {
  it("names added, removed, changed fields and form-level changes", () => {
    const before: JsonObject = { key: "k", title: { en: "A" }, schema };
    const after = structuredClone(before) as any;
    after.title = { en: "B" };
    delete after.schema.properties.sec.properties.b;
    after.schema.properties.sec.properties.c = { type: "string", "x-title": { en: "C", "zh-CN": "丙" } };
    after.schema.properties.sec.properties.a["x-scores"].y = 5;
    const changes = diffDefinitions(before, after);
    expect(changes.map((c) => [c.kind, c.keys.join("/")])).toEqual([
      ["changed", "sec/a"],
      ["added", "sec/c"],
      ["removed", "sec/b"],
      ["other", ""],
    ]);
    expect(changes[0].what).toEqual(["x-scores"]);
    expect(changes[3].what).toEqual(["title"]);
    expect(diffDefinitions(before, structuredClone(before))).toEqual([]);
  });
});

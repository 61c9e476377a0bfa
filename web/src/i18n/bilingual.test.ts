import { describe, expect, it } from "vitest";
import { bilingual } from "./bilingual";

describe("bilingual", () => {
  it("splits side-by-side texts into the two languages with the same keys", () => {
    expect(bilingual({ a: ["甲", "A"], same: "SLA", nested: { b: ["乙 {{n}}", "B {{n}}"] } })).toEqual({
      "zh-CN": { a: "甲", same: "SLA", nested: { b: "乙 {{n}}" } },
      en: { a: "A", same: "SLA", nested: { b: "B {{n}}" } },
    });
  });
});

import { describe, expect, it } from "vitest";
import { liveScore, passMark, verdict, withPassMark, type JsonObject } from "./index";

const definition: JsonObject = {
  key: "k",
  schema: { type: "object", properties: { a: { type: "string", enum: ["y", "n"], "x-scores": { y: 1, n: 0 } }, b: { type: "string", enum: ["y", "n"], "x-scores": { y: 1, n: 0 } } } },
};

describe("pass mark", () => {
  it("is set, changed and cleared without touching the rest", () => {
    expect(passMark(definition)).toBeNull();
    const set = withPassMark(definition, 80);
    expect(set.scoring).toEqual({ passPercent: 80 });
    expect(set.schema).toBe(definition.schema);
    expect(passMark(withPassMark(set, 120))).toBe(100);
    const cleared = withPassMark(set, null);
    expect("scoring" in cleared).toBe(false);
    expect(Object.keys(cleared)).toEqual(Object.keys(definition));
  });

  it("passes at or above the mark, as the server decides", () => {
    const schema = definition.schema as JsonObject;
    const half = liveScore(schema, { a: "y", b: "n" });
    expect(verdict(half, 50)).toBe("passed");
    expect(verdict(half, 50.1)).toBe("failed");
    expect(verdict(half, null)).toBeNull();
    expect(verdict(liveScore(schema, {}), 50)).toBeNull();
  });
});

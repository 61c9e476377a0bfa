import { describe, expect, it } from "vitest";
import { changedKeys, leafChanges, pairByKey, sameJson } from "./diff";

describe("the shared publish diff", () => {
  it("ignores key order, not values", () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });

  it("pairs elements by key in either version's order", () => {
    const before: [string, number][] = [["x", 1], ["gone", 2], ["y", 3]];
    const after: [string, number][] = [["new", 4], ["y", 3], ["x", 9]];
    expect(pairByKey(before, after, { order: "before" }).map((p) => [p.key, p.kind])).toEqual([
      ["x", "changed"],
      ["gone", "removed"],
      ["y", "same"],
      ["new", "added"],
    ]);
    expect(pairByKey(before, after, { order: "after" }).map((p) => [p.key, p.kind])).toEqual([
      ["new", "added"],
      ["y", "same"],
      ["x", "changed"],
      ["gone", "removed"],
    ]);
    const pair = pairByKey(before, after, { order: "after" })[2];
    expect([pair.before, pair.after]).toEqual([1, 9]);
    // A caller's own idea of "the same" (e.g. ignoring a layout block).
    expect(pairByKey(before, after, { order: "after", same: () => true }).filter((p) => p.kind === "changed")).toEqual([]);
  });

  it("names the keywords that changed", () => {
    expect(changedKeys({ title: "A", enum: [1], properties: {} }, { title: "B", enum: [1], properties: { x: {} }, required: ["x"] }, new Set(["properties"]))).toEqual(["required", "title"]);
    expect(changedKeys({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it("finds the leaves that differ, with dotted paths", () => {
    expect(leafChanges({ sla: { hours: 8 }, title: { en: "A" } }, { sla: { hours: 16 }, title: { en: "A" }, roles: ["manager"] })).toEqual([
      { kind: "added", path: "roles", before: undefined, after: ["manager"] },
      { kind: "changed", path: "sla.hours", before: 8, after: 16 },
    ]);
    expect(leafChanges(undefined, { a: 1 })).toEqual([{ kind: "added", path: "", before: undefined, after: { a: 1 } }]);
    expect(leafChanges({ a: 1 }, undefined)).toEqual([{ kind: "removed", path: "", before: { a: 1 }, after: undefined }]);
    expect(leafChanges({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

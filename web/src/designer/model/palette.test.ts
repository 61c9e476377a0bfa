import { describe, expect, it } from "vitest";
import { emptyDefinition } from "./model";
import { addFromPalette } from "./palette";
import { copyIntoDraft } from "./versions";

describe("palette", () => {
  const base = emptyDefinition("flow", { "zh-CN": "流程", en: "Flow" });
  it("adds states of each kind under fresh names, leaving the layout alone without a point", () => {
    const first = addFromPalette(base, "review");
    expect(first.name).toBe("review_1");
    expect(first.definition.states.review_1).toEqual({ title: { "zh-CN": "待审核 1", en: "In review 1" } });
    expect(first.definition.layout).toBeUndefined();
    const second = addFromPalette(first.definition, "final");
    expect(second.definition.states.closed_1?.final).toBe(true);
    expect(second.definition.states.open).toBe(base.states.open);
  });
  it("stores a dropped state's point", () => {
    const dropped = addFromPalette(base, "state", { x: 10.4, y: 20.6 });
    expect(dropped.definition.layout?.nodes).toEqual({ state_1: { x: 10, y: 21 } });
  });
});

describe("versions", () => {
  it("copies an old version into the draft under the draft's key", () => {
    const old = { ...emptyDefinition("other", { "zh-CN": "旧", en: "Old" }) };
    const draft = emptyDefinition("flow", { "zh-CN": "流程", en: "Flow" });
    const copied = copyIntoDraft(draft, old);
    expect(copied.key).toBe("flow");
    expect(copied.title).toEqual({ "zh-CN": "旧", en: "Old" });
    expect(copied.states).toEqual(old.states);
  });
});

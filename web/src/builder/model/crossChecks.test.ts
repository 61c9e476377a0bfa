import { describe, expect, it } from "vitest";
import { crossCheckKey, crossCheckOf, withCrossCheck, type JsonObject } from "./index";

const definition: JsonObject = { key: "k", schema: { type: "object", properties: {} }, rules: { findings: [{ key: "x" }] } };
const check = { against: "customer.crm.attributes.contractAmount", percent: 1, severity: "high", title: { "zh-CN": "合同金额不一致", en: "Contract amount differs" } };

describe("cross-checks as a field property", () => {
  it("adds, edits and removes the field's check, keeping the other rules", () => {
    const added = withCrossCheck(definition, "contract.amount", check);
    expect((added.rules as JsonObject).crossChecks).toEqual([
      { key: "contract-amount-check", answer: "contract.amount", against: check.against, tolerance: { percent: 1 }, severity: "high", title: check.title },
    ]);
    expect((added.rules as JsonObject).findings).toEqual([{ key: "x" }]);
    expect(crossCheckOf(added, "contract.amount")).toEqual(check);
    expect(crossCheckOf(added, "other")).toBeNull();
    const edited = withCrossCheck(added, "contract.amount", { ...check, percent: null });
    expect(((edited.rules as JsonObject).crossChecks as JsonObject[])[0].tolerance).toBeUndefined();
    expect(withCrossCheck(edited, "contract.amount", null)).toEqual(definition);
    expect(withCrossCheck({ key: "k" }, "a", null)).toEqual({ key: "k" });
    expect("rules" in withCrossCheck(withCrossCheck({ key: "k" }, "a", check), "a", null)).toBe(false);
  });

  it("makes rule keys the meta-schema accepts", () => {
    expect(crossCheckKey("contract.amount")).toBe("contract-amount-check");
    expect(crossCheckKey("3rd.Value_x")).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
});

import { describe, expect, it } from "vitest";
import { attributeKey, isRunning, mappingInput, percent, wizardStep } from "./importWizard";

describe("import wizard", () => {
  it("derives the step from the status", () => {
    expect(wizardStep(null)).toBe(0);
    expect(wizardStep("UPLOADED")).toBe(1);
    expect(wizardStep("DRY_RUN_DONE")).toBe(2);
    expect(wizardStep("COMMITTING")).toBe(3);
    expect(isRunning("DRY_RUNNING")).toBe(true);
    expect(isRunning("COMMITTED")).toBe(false);
  });
  it("computes progress", () => {
    expect(percent({ done: 1, total: 4 })).toBe(25);
    expect(percent({ done: 3, total: null })).toBeNull();
    expect(percent({ done: 0, total: 0 })).toBe(100);
  });
  it("builds the mapping", () => {
    expect(mappingInput({ 客户编码: "code", 备注: "" })).toEqual([{ column: "客户编码", field: "code" }]);
    expect(attributeKey("Contract No.")).toBe("attributes.contract_no");
    expect(attributeKey("合同号")).toBe("attributes.合同号");
  });
});

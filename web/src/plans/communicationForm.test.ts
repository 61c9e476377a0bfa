import { describe, expect, it } from "vitest";
import { blankCommunication, communicationInput, communicationValuesOf, previewInput } from "./communicationForm";

describe("communication plan form", () => {
  it("makes the save input from the pickers, trimming and de-duplicating targets", () => {
    const values = { ...blankCommunication("2026-12-03", "u1"), title: " 季度拜访 ", regions: ["华东", " 华东", ""], tags: ["vip"] };
    expect(communicationInput(values, null)).toEqual({ planId: null, title: "季度拜访", channel: "VISIT", rrule: "FREQ=MONTHLY;INTERVAL=3", startsOn: "2026-12-03", leadDays: 7, ownerId: "u1", tiers: ["KEY"], regions: ["华东"], tags: ["vip"] });
  });

  it("keeps a rule the pickers cannot show as it is stored", () => {
    const values = communicationValuesOf({ title: "x", channel: "PHONE", rrule: "FREQ=MONTHLY;BYMONTHDAY=15", startsOn: "2026-01-01", leadDays: 3, owner: { id: "u2" }, targetTiers: [], targetRegions: ["华南"], targetTags: [] });
    expect(values.recurrence).toBeNull();
    expect(communicationInput(values, "p1").rrule).toBe("FREQ=MONTHLY;BYMONTHDAY=15");
    expect(communicationInput(values, "p1").planId).toBe("p1");
  });

  it("previews the rule for everyone on calendar days", () => {
    expect(previewInput({ ...blankCommunication("2026-12-03"), leadDays: 500 })).toEqual({ recurrences: [{ tier: null, rule: "FREQ=MONTHLY;INTERVAL=3" }], startsOn: "2026-12-03", leadDays: 90, shiftToWorkday: false, count: 4 });
  });
});

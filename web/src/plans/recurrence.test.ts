import { describe, expect, it } from "vitest";
import { recurrenceOf, ruleOf } from "./recurrence";

describe("recurrence", () => {
  it("writes and reads the picker's rules", () => {
    expect(ruleOf({ frequency: "MONTHLY", interval: 1 })).toBe("FREQ=MONTHLY");
    expect(ruleOf({ frequency: "QUARTERLY", interval: 1 })).toBe("FREQ=MONTHLY;INTERVAL=3");
    expect(ruleOf({ frequency: "WEEKLY", interval: 2 })).toBe("FREQ=WEEKLY;INTERVAL=2");
    expect(recurrenceOf("FREQ=MONTHLY;INTERVAL=6")).toEqual({ frequency: "QUARTERLY", interval: 2 });
    expect(recurrenceOf("FREQ=YEARLY")).toEqual({ frequency: "YEARLY", interval: 1 });
    expect(recurrenceOf("FREQ=MONTHLY;BYMONTHDAY=1")).toBeNull();
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { blankPlan, localDay } from "./planForm";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("a new plan's start day", () => {
  it("is today on the user's own calendar, not the UTC date (a day behind in China until 08:00)", () => {
    process.env.TZ = "Asia/Shanghai";
    // 02:37 on 4 December in Shanghai: the UTC date is still the 3rd.
    const early = new Date("2026-12-03T18:37:00Z");
    expect(early.toISOString().slice(0, 10)).toBe("2026-12-03");
    expect(localDay(early)).toBe("2026-12-04");
    expect(blankPlan(localDay(early)).startsOn).toBe("2026-12-04");
  });

  it("pads months and days", () => {
    process.env.TZ = "UTC";
    expect(localDay(new Date("2027-01-05T12:00:00Z"))).toBe("2027-01-05");
  });
});

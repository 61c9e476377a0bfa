import { describe, expect, it } from "vitest";
import { band, heatGrid, parseTier } from "./heatmap";

describe("heatGrid", () => {
  it("lays out 5x5 with likelihood 5 on top and fills missing cells with 0", () => {
    const grid = heatGrid([
      { likelihood: 5, impact: 1, count: 2 },
      { likelihood: 1, impact: 5, count: 7 },
    ]);
    expect(grid).toHaveLength(5);
    expect(grid.every((row) => row.length === 5)).toBe(true);
    expect(grid[0][0]).toEqual({ likelihood: 5, impact: 1, count: 2 });
    expect(grid[4][4]).toEqual({ likelihood: 1, impact: 5, count: 7 });
    expect(grid[2][2].count).toBe(0);
  });
});

describe("band", () => {
  it("grades by likelihood x impact", () => {
    expect(band(1, 1)).toBe("low");
    expect(band(2, 2)).toBe("medium");
    expect(band(2, 4)).toBe("high");
    expect(band(3, 5)).toBe("critical");
  });
});

describe("parseTier", () => {
  it("accepts the API's tiers only", () => {
    expect(parseTier("KEY")).toBe("KEY");
    expect(parseTier("HIGH_RISK")).toBe("HIGH_RISK");
    expect(parseTier("bogus")).toBeNull();
    expect(parseTier(undefined)).toBeNull();
  });
});

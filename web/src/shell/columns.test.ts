import { describe, expect, it } from "vitest";
import { prioritized } from "./columns";

describe("prioritized", () => {
  it("hides lower priorities below their breakpoint and ellipsizes by default", () => {
    const [always, wide, widest, wrapped] = prioritized([
      { key: "a" },
      { key: "b", priority: 2 },
      { key: "c", priority: 3 },
      { key: "d", ellipsis: false },
    ]);
    expect(always).toEqual({ key: "a", ellipsis: true });
    expect(wide?.responsive).toEqual(["lg"]);
    expect(widest?.responsive).toEqual(["xl"]);
    expect(wrapped?.ellipsis).toBe(false);
    expect("priority" in (wide ?? {})).toBe(false);
  });
});

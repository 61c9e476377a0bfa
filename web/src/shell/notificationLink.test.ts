import { describe, expect, it } from "vitest";
import { badgeText, portalRoute } from "./notificationLink";

describe("portalRoute", () => {
  it("follows routes inside the portal only", () => {
    expect(portalRoute("/work/W%3A1")).toBe("/work/W%3A1");
    expect(portalRoute("//evil.example/x")).toBeNull();
    expect(portalRoute("https://evil.example/")).toBeNull();
    expect(portalRoute("javascript:alert(1)")).toBeNull();
    expect(portalRoute("/\\evil.example")).toBeNull();
    expect(portalRoute(null)).toBeNull();
  });
});

describe("badgeText", () => {
  it("hides zero and caps large counts", () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(7)).toBe("7");
    expect(badgeText(120)).toBe("99+");
  });
});

import { describe, expect, it } from "vitest";
import { newerCopy } from "./serverDraft";

describe("newerCopy", () => {
  it("resumes the newer copy, the server's on a tie", () => {
    expect(newerCopy(undefined, null)).toBeNull();
    expect(newerCopy({ savedAt: "2026-01-01T00:00:00Z" }, null)).toBe("local");
    expect(newerCopy(undefined, { updatedAt: "2026-01-01T00:00:00Z" })).toBe("server");
    expect(newerCopy({ savedAt: "2026-01-02T00:00:00Z" }, { updatedAt: "2026-01-01T00:00:00Z" })).toBe("local");
    expect(newerCopy({ savedAt: "2026-01-01T00:00:00Z" }, { updatedAt: "2026-01-02T00:00:00Z" })).toBe("server");
    expect(newerCopy({ savedAt: "2026-01-01T00:00:00Z" }, { updatedAt: "2026-01-01T00:00:00Z" })).toBe("server");
  });
});

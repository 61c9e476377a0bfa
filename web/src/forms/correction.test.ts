import { describe, expect, it } from "vitest";
import { correctionStart, MASK } from "./correction";

const submission = (answers: unknown, id = "v1") => ({ answers, formVersion: { id } });

describe("correctionStart", () => {
  it("starts from the answers handed in for this version", () => {
    expect(correctionStart(submission({ remarks: "ok", items: [{ a: 1 }] }), "v1")).toEqual({ remarks: "ok", items: [{ a: 1 }] });
  });
  it("starts empty for another version or without a submission", () => {
    expect(correctionStart(submission({ remarks: "ok" }, "v0"), "v1")).toBeNull();
    expect(correctionStart(null, "v1")).toBeNull();
  });
  it("never hands a masked value back as an answer", () => {
    expect(correctionStart(submission({ account: MASK }), "v1")).toBeNull();
    expect(correctionStart(submission({ rows: [{ id: MASK }] }), "v1")).toBeNull();
  });
});

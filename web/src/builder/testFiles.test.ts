import { describe, expect, it } from "vitest";
import { attachmentSpec } from "../forms/attachments";
import { addTestFile, isImage, testAnswer } from "./testFiles";

const photo = attachmentSpec({ "x-attachment": { kind: "photo", accept: ["image/*"], maxFiles: 1 } })!;
const files = attachmentSpec({ "x-attachment": { kind: "file", maxFiles: 2, maxBytes: 100 } })!;

describe("test-mode files (kept in the browser)", () => {
  it("keeps a chosen photo and answers with a stand-in id", () => {
    const added = addTestFile(photo, [], { name: "exit.png", type: "image/png", size: 10 }, "blob:1");
    expect(added.problem).toBeNull();
    expect(added.files).toHaveLength(1);
    expect(added.files[0].url).toBe("blob:1");
    expect(testAnswer(photo, added.files)).toBe(added.files[0].id);
    expect(testAnswer(photo, [])).toBeUndefined();
    expect(isImage(added.files[0])).toBe(true);
  });

  it("refuses what the real page would refuse", () => {
    expect(addTestFile(photo, [], { name: "a.pdf", type: "application/pdf", size: 10 }, "blob:2").problem?.key).toBe("wrongType");
    const one = addTestFile(photo, [], { name: "a.png", type: "image/png", size: 10 }, "blob:3").files;
    expect(addTestFile(photo, one, { name: "b.png", type: "image/png", size: 10 }, "blob:4").problem).toEqual({ key: "tooMany", limit: 1 });
    expect(addTestFile(files, [], { name: "big.zip", type: "application/zip", size: 1000 }, "blob:5").problem?.key).toBe("tooLarge");
  });

  it("answers a multi-file field with a list, ids distinct", () => {
    const a = addTestFile(files, [], { name: "a.txt", type: "text/plain", size: 5 }, "blob:6").files;
    const b = addTestFile(files, a, { name: "b.txt", type: "text/plain", size: 5 }, "blob:7").files;
    const answer = testAnswer(files, b) as string[];
    expect(answer).toHaveLength(2);
    expect(new Set(answer).size).toBe(2);
  });
});

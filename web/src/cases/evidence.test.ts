import { describe, expect, it } from "vitest";
import { byteSize, evidenceGroups, evidenceLabel, thumbnailSource, type CaseAttachment } from "./evidence";

const attachment = (changes: Partial<CaseAttachment>): CaseAttachment => ({
  id: "QXR0YWNobWVudDox",
  kind: "PHOTO",
  fileName: "IMG_0012.jpg",
  contentType: "image/jpeg",
  byteSize: 204_800,
  caption: "灭火器过期",
  fieldPath: "/safety/photos",
  url: "/files/1",
  thumbnailUrl: "/files/1/thumbnail",
  hasThumbnail: true,
  ...changes,
});

describe("evidenceGroups", () => {
  it("shows images (photos and signatures) and lists other files, in the order given", () => {
    const photo = attachment({ id: "a" });
    const signature = attachment({ id: "b", kind: "SIGNATURE", contentType: "image/png" });
    const pdf = attachment({ id: "c", kind: "FILE", contentType: "application/pdf", thumbnailUrl: null });
    const groups = evidenceGroups([pdf, photo, signature]);
    expect(groups.images.map((a) => a.id)).toEqual(["a", "b"]);
    expect(groups.files.map((a) => a.id)).toEqual(["c"]);
  });
});

describe("evidenceLabel", () => {
  it("uses the caption, else the file name, and calls an uncaptioned signature one", () => {
    expect(evidenceLabel(attachment({}), "签名")).toBe("灭火器过期");
    expect(evidenceLabel(attachment({ caption: "  " }), "签名")).toBe("IMG_0012.jpg");
    expect(evidenceLabel(attachment({ caption: null, kind: "SIGNATURE", fileName: "signature.png" }), "Signature")).toBe("Signature");
  });
});

describe("thumbnailSource", () => {
  it("uses the thumbnail once the job made it, the image itself before", () => {
    expect(thumbnailSource(attachment({}))).toBe("/files/1/thumbnail");
    expect(thumbnailSource(attachment({ hasThumbnail: false }))).toBe("/files/1");
  });
});

describe("byteSize", () => {
  it("reads like people write sizes", () => {
    expect(byteSize(512)).toBe("512 B");
    expect(byteSize(3_500)).toBe("3.4 KB");
    expect(byteSize(2_200_000)).toBe("2.1 MB");
  });
});

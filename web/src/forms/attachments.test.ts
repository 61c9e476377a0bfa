import { describe, expect, it } from "vitest";
import { answerOf, attachmentSpec, checkFile, idsOf, pointerOf, savedFileUrls, savedPreviewStep, withAttachmentFields } from "./attachments";

const photos = attachmentSpec({ "x-attachment": { kind: "photo", accept: ["image/jpeg", "image/png"], maxFiles: 2, maxBytes: 1000 } })!;

describe("attachments", () => {
  it("reads the keyword", () => {
    expect(photos).toEqual({ kind: "photo", accept: ["image/jpeg", "image/png"], maxFiles: 2, maxBytes: 1000 });
    expect(attachmentSpec({ type: "string" })).toBeNull();
  });
  it("checks count, type and size before uploading", () => {
    expect(checkFile(photos, { type: "image/png", size: 10 }, 0)).toBeNull();
    expect(checkFile(photos, { type: "image/png", size: 10 }, 2)).toEqual({ key: "tooMany", limit: 2 });
    expect(checkFile(photos, { type: "application/pdf", size: 10 }, 0)?.key).toBe("wrongType");
    expect(checkFile(photos, { type: "image/png", size: 5000 }, 0)?.key).toBe("tooLarge");
    expect(checkFile(photos, { type: "image/png", size: 0 }, 0)?.key).toBe("empty");
  });
  it("maps ids and pointers", () => {
    expect(idsOf("a")).toEqual(["a"]);
    expect(idsOf(["a", 1, ""])).toEqual(["a"]);
    expect(idsOf(undefined)).toEqual([]);
    expect(answerOf(photos, ["a"])).toEqual(["a"]);
    expect(answerOf({ ...photos, maxFiles: 1 }, [])).toBeUndefined();
    expect(pointerOf(["site", "photos"])).toBe("/site/photos");
    expect(pointerOf(["a/b", 0])).toBe("/a~1b/0");
  });
  it("marks attachment fields in the uiSchema", () => {
    const schema = {
      type: "object",
      properties: {
        site: { type: "object", properties: { ok: { type: "boolean" }, photos: { type: "array", "x-attachment": { kind: "photo" } } } },
        sign: { type: "string", "x-attachment": { kind: "signature" } },
      },
    };
    expect(withAttachmentFields(schema, { site: { ok: { "ui:widget": "radio" } } })).toEqual({
      site: { ok: { "ui:widget": "radio" }, photos: { "ui:field": "attachment" } },
      sign: { "ui:field": "attachment" },
    });
  });
  it("finds a photo shown only when an item is non-compliant (a conditional branch)", () => {
    const schema = {
      type: "object",
      properties: {
        section: {
          type: "object",
          properties: { exits: { type: "string", enum: ["compliant", "non_compliant", "not_applicable"] } },
          allOf: [
            {
              if: { properties: { exits: { const: "non_compliant" } }, required: ["exits"] },
              then: { properties: { exitPhoto: { type: "string", "x-attachment": { kind: "photo" } } }, required: ["exitPhoto"] },
              else: { properties: { waiver: { type: "string", "x-attachment": { kind: "signature" } } } },
            },
          ],
        },
      },
    };
    const ui = withAttachmentFields(schema, { section: { exits: { "ui:widget": "radio" }, exitPhoto: { "ui:help": "close up" } } });
    expect(ui).toEqual({
      section: {
        exits: { "ui:widget": "radio" },
        exitPhoto: { "ui:help": "close up", "ui:field": "attachment" },
        waiver: { "ui:field": "attachment" },
      },
    });
    // Without the branches the photo would render as a plain text box.
    const plain = withAttachmentFields({ ...schema, properties: { section: { ...schema.properties.section, allOf: [] } } }, {});
    expect(JSON.stringify(plain)).not.toContain("attachment");
  });
});

describe("saved attachments of a resumed draft", () => {
  it("serves thumbnails by the raw id", () => {
    const uuid = "0b6b7f4e-6a1f-4c1e-9d7a-3f1d2c3b4a5e";
    const id = btoa(`Attachment:${uuid}`).replace(/=+$/, "");
    expect(savedFileUrls(id)).toEqual({ thumbnail: `/files/${uuid}/thumbnail`, original: `/files/${uuid}` });
  });

  it("falls back to the image while its thumbnail is pending, to the tag otherwise", () => {
    expect(savedPreviewStep(200)).toBe("thumbnail");
    expect(savedPreviewStep(409)).toBe("original");
    expect(savedPreviewStep(404)).toBe("none");
    expect(savedPreviewStep(401)).toBe("none");
  });
});

import { describe, expect, it } from "vitest";
import { addField, load, type JsonObject } from "./model";
import { CANVAS_DROP, dropPoint } from "./useBuilder";

const empty: JsonObject = { key: "k", schema: { type: "object", properties: {} } };

describe("a palette drop", () => {
  it("goes to the end of the form, into a section, or before a field", () => {
    let doc = load(empty);
    const section = addField(doc, "section", null, 0);
    doc = section.doc;
    const inside = addField(doc, "shortText", section.id, 0);
    doc = inside.doc;
    const after = addField(doc, "date", null, 1);
    doc = after.doc;
    expect(dropPoint(doc, CANVAS_DROP)).toEqual({ parentId: null, index: 2 });
    expect(dropPoint(doc, section.id)).toEqual({ parentId: section.id, index: 1 });
    expect(dropPoint(doc, inside.id)).toEqual({ parentId: section.id, index: 0 });
    expect(dropPoint(doc, after.id)).toEqual({ parentId: null, index: 1 });
    expect(dropPoint(doc, "nowhere")).toBeNull();
  });
});

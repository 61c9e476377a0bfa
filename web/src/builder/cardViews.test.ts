import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { addField, allFields, fieldInfo, fieldInfos, load, moveField, setLabel, setShowCondition, type JsonObject } from "./model";
import { cardViews, selectionWithin } from "./cardViews";

const formsDir = join(__dirname, "../../../forms");
const builtIn = readdirSync(formsDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(join(formsDir, f), "utf8")) as JsonObject] as const);

/** Two sections of three yes/no questions, the second question of the first one conditional. */
function sample(): JsonObject {
  const question = (title: string) => ({ type: "string", enum: ["yes", "no"], title, "x-title": { "zh-CN": `问${title}`, en: title } });
  const section = (title: string) => ({ type: "object", title, "x-title": { "zh-CN": title, en: title }, properties: { a: question("A"), b: question("B"), c: question("C") } });
  return { key: "sample", schema: { type: "object", properties: { s1: section("One"), s2: section("Two") } }, uiSchema: {} };
}

describe("fieldInfos", () => {
  it.each(builtIn)("says what fieldInfo says of every field of %s", (_name, definition) => {
    const doc = load(definition);
    const infos = fieldInfos(doc);
    for (const node of allFields(doc)) expect(infos.get(node.id) ?? null).toEqual(fieldInfo(doc, node.id));
  });

  it("follows conditional fields into the rule that shows them", () => {
    let doc = load(sample());
    const [s1] = doc.fields;
    const [a, b] = s1.children!;
    doc = setShowCondition(doc, b.id, { key: a.key, operator: "equals", values: ["yes"] });
    const infos = fieldInfos(doc);
    expect(infos.get(b.id)?.conditional).toBe(true);
    for (const node of allFields(doc)) expect(infos.get(node.id) ?? null).toEqual(fieldInfo(doc, node.id));
  });
});

describe("cardViews", () => {
  it("keeps every card an edit did not touch, and the lists around them", () => {
    const doc = load(sample());
    const first = cardViews(doc, "en");
    const [s1, s2] = doc.fields;
    const a = s1.children![0];
    const next = cardViews(setLabel(doc, a.id, "en", "Renamed"), "en", first);
    expect(next.byId.get(a.id)?.label).toBe("Renamed");
    expect(next.byId.get(a.id)).not.toBe(first.byId.get(a.id));
    // Its section is a new card (its children changed), with the same sortable ids.
    expect(next.byId.get(s1.id)).not.toBe(first.byId.get(s1.id));
    expect(next.byId.get(s1.id)?.childIds).toBe(first.byId.get(s1.id)?.childIds);
    // Everything else is the very same object.
    expect(next.byId.get(s1.children![1].id)).toBe(first.byId.get(s1.children![1].id));
    expect(next.byId.get(s2.id)).toBe(first.byId.get(s2.id));
    expect(next.ids).toBe(first.ids);
  });

  it("shares all cards when the edit changed none of them, and follows moves and additions", () => {
    const doc = load(sample());
    const first = cardViews(doc, "en");
    const same = cardViews({ ...doc, definition: { ...doc.definition } }, "en", first);
    expect(same.cards).toBe(first.cards);
    const [s1, s2] = doc.fields;
    const moved = cardViews(moveField(doc, s2.id, null, 0), "en", first);
    expect(moved.ids).toEqual([s2.id, s1.id]);
    expect(moved.cards[0]).toBe(first.byId.get(s2.id));
    const added = addField(doc, "yesNo", s2.id, 3);
    const grown = cardViews(added.doc, "en", first);
    expect(grown.byId.get(s2.id)?.childIds).toContain(added.id);
    expect(grown.byId.get(s1.id)).toBe(first.byId.get(s1.id));
  });

  it("labels in the language on screen and keys paths as the canvas's test ids", () => {
    const doc = load(sample());
    const zh = cardViews(doc, "zh-CN");
    const a = doc.fields[0].children![0];
    expect(zh.byId.get(a.id)).toMatchObject({ label: "问A", path: "s1.a", type: fieldInfo(doc, a.id)!.type });
  });

  it("passes the selection only into the card that holds it", () => {
    const doc = load(sample());
    const views = cardViews(doc, "en");
    const [s1, s2] = doc.fields;
    const b = s1.children![1].id;
    expect(selectionWithin(views.byId.get(s1.id)!, b)).toBe(b);
    expect(selectionWithin(views.byId.get(s2.id)!, b)).toBeNull();
    expect(selectionWithin(views.byId.get(b)!, b)).toBe(b);
    expect(selectionWithin(views.byId.get(s1.id)!, null)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  addField,
  addRequireRule,
  allFields,
  builderChecks,
  deleteField,
  duplicateField,
  fieldInfo,
  fieldForPointer,
  findByKeys,
  hiddenFields,
  listRules,
  load,
  moveField,
  normalise,
  push,
  redo,
  removeRule,
  renameField,
  save,
  setLabel,
  setRequired,
  setSchemaValue,
  setShowCondition,
  start,
  undo,
  type BuilderDoc,
  type JsonObject,
} from "./index";

const formsDir = join(__dirname, "../../../../forms");
const builtIn = readdirSync(formsDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(join(formsDir, f), "utf8")) as JsonObject] as const);

const empty = (): JsonObject => ({
  $schema: "https://auditportal.dev/schema/form-definition.schema.json",
  key: "site-check",
  category: "inspection_checklist",
  title: { "zh-CN": "现场检查", en: "Site check" },
  schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: {} },
});

const id = (doc: BuilderDoc, ...keys: string[]) => findByKeys(doc, keys)!.id;
const keysOf = (doc: BuilderDoc) => doc.fields.map((n) => n.key);

describe("built-in forms round-trip", () => {
  it.each(builtIn)("%s loads and saves unchanged", (_name, definition) => {
    const original = normalise(definition);
    const doc = load(structuredClone(definition));
    expect(normalise(save(doc))).toBe(original);
    expect(allFields(doc).length).toBeGreaterThan(5);
  });

  it.each(builtIn)("%s: every field moved away and back, added and deleted, is unchanged", (_name, definition) => {
    const original = normalise(definition);
    let doc = load(structuredClone(definition));
    const first = doc.fields[0];
    const added = addField(doc, "shortText", null, 2);
    doc = deleteField(added.doc, added.id);
    expect(normalise(save(doc))).toBe(original);
    doc = moveField(doc, first.id, null, 3);
    expect(normalise(save(doc))).not.toBe(original);
    doc = moveField(doc, first.id, null, 0);
    expect(normalise(save(doc))).toBe(original);
  });

  it("reads rules of the built-in forms", () => {
    const training = builtIn.find(([n]) => n === "customer-training-record.json")![1];
    const rules = listRules(load(training));
    expect(rules).toHaveLength(1);
    expect(rules[0].when).toEqual({ key: "followUpNeeded", operator: "equals", values: [true] });
    expect(rules[0].require).toEqual(["followUpActions"]);
    expect(rules[0].whenFieldId).not.toBeNull();
  });

  it("finds sections and the fields inside", () => {
    const inspection = builtIn.find(([n]) => n === "customer-compliance-inspection.json")![1];
    const doc = load(inspection);
    const item = fieldInfo(doc, id(doc, "contracts", "contractsValid"))!;
    expect(item.type).toBe("checklistItem");
    expect(fieldInfo(doc, id(doc, "contracts"))!.type).toBe("section");
  });
});

describe("editing", () => {
  it("adds fields at a place with unique keys", () => {
    let doc = load(empty());
    let r = addField(doc, "shortText", null, 0);
    doc = r.doc;
    r = addField(doc, "shortText", null, 0);
    doc = r.doc;
    expect(keysOf(doc)).toEqual(["text2", "text"]);
    const schema = save(doc).schema as JsonObject;
    expect(Object.keys(schema.properties as JsonObject)).toEqual(["text2", "text"]);
  });

  it("adds into a section and a group, moves between them, deletes", () => {
    let doc = load(empty());
    const section = addField(doc, "section", null, 0);
    doc = section.doc;
    const group = addField(doc, "group", null, 1);
    doc = group.doc;
    const item = addField(doc, "checklistItem", section.id, 0, 3);
    doc = item.doc;
    expect(fieldInfo(doc, item.id)!.keys).toEqual(["section", "item"]);
    expect((save(doc).schema as any).properties.section.properties.item["x-scores"].compliant).toBe(3);
    doc = setRequired(doc, item.id, true);
    doc = moveField(doc, item.id, group.id, 0);
    const def = save(doc).schema as any;
    expect(def.properties.section.properties).toEqual({});
    expect(def.properties.section.required).toBeUndefined();
    expect(def.properties.rows.items.properties.item.type).toBe("string");
    expect(def.properties.rows.items.required).toEqual(["item"]);
    doc = deleteField(doc, item.id);
    expect((save(doc).schema as any).properties.rows.items.properties).toEqual({});
    expect(fieldInfo(doc, item.id)).toBeNull();
  });

  it("never moves a section into itself", () => {
    let doc = load(empty());
    const s = addField(doc, "section", null, 0);
    doc = s.doc;
    const inner = addField(doc, "section", s.id, 0);
    doc = inner.doc;
    expect(moveField(doc, s.id, inner.id, 0)).toBe(doc);
  });

  it("keeps ui:order in step when one exists", () => {
    const def = empty();
    (def.schema as any).properties = { a: { type: "string" }, b: { type: "string" } };
    def.uiSchema = { "ui:order": ["b", "a"] };
    let doc = load(def);
    expect(keysOf(doc)).toEqual(["b", "a"]);
    doc = addField(doc, "number", null, 1).doc;
    expect((save(doc).uiSchema as any)["ui:order"]).toEqual(["b", "number", "a"]);
    doc = moveField(doc, id(doc, "a"), null, 0);
    expect((save(doc).uiSchema as any)["ui:order"]).toEqual(["a", "b", "number"]);
  });

  it("duplicates after the original with its properties and a new key", () => {
    let doc = load(empty());
    const a = addField(doc, "singleChoice", null, 0);
    doc = setLabel(a.doc, a.id, "zh-CN", "付款方式");
    const copy = duplicateField(doc, a.id);
    doc = copy.doc;
    expect(keysOf(doc)).toEqual(["choice", "choice2"]);
    expect((fieldInfo(doc, copy.id)!.schema["x-title"] as JsonObject)["zh-CN"]).toBe("付款方式");
    expect(copy.id).not.toBe(a.id);
  });

  it("sets labels in both languages, the plain title follows English", () => {
    let doc = load(empty());
    const a = addField(doc, "shortText", null, 0);
    doc = setLabel(a.doc, a.id, "en", "Store name");
    doc = setLabel(doc, a.id, "zh-CN", "门店名称");
    const schema = fieldInfo(doc, a.id)!.schema;
    expect(schema.title).toBe("Store name");
    expect(schema["x-title"]).toEqual({ "zh-CN": "门店名称", en: "Store name" });
    doc = setSchemaValue(doc, a.id, ["maxLength"], 50);
    expect(fieldInfo(doc, a.id)!.schema.maxLength).toBe(50);
    doc = setSchemaValue(doc, a.id, ["maxLength"], undefined);
    expect(fieldInfo(doc, a.id)!.schema.maxLength).toBeUndefined();
  });

  it("renames keys and the rules, required list and search fields follow", () => {
    let doc = load(empty());
    const a = addField(doc, "checklistItem", null, 0);
    const b = addField(a.doc, "longText", null, 1);
    doc = setRequired(b.doc, a.id, true);
    doc = addRequireRule(doc, b.id, { key: "item", operator: "equals", values: ["non_compliant"] });
    doc = { ...doc, definition: { ...doc.definition, search: [{ key: "i", field: "/item", title: { "zh-CN": "项", en: "Item" } }] } };
    doc = renameField(doc, a.id, "fireExits");
    const def = save(doc) as any;
    expect(def.schema.required).toEqual(["fireExits"]);
    expect(def.schema.allOf[0].if).toEqual({ properties: { fireExits: { const: "non_compliant" } }, required: ["fireExits"] });
    expect(def.search[0].field).toBe("/fireExits");
    expect(listRules(doc)[0].whenFieldId).toBe(a.id);
    expect(renameField(doc, a.id, "notes")).toBe(doc); // taken
    expect(renameField(doc, a.id, "1bad")).toBe(doc);
  });
});

describe("undo and redo", () => {
  it("walks back and forth through edits", () => {
    const original = load(empty());
    let h = start(original);
    const a = addField(h.present, "shortText", null, 0);
    h = push(h, a.doc);
    h = push(h, setLabel(h.present, a.id, "en", "Shop"));
    h = push(h, deleteField(h.present, a.id));
    expect(allFields(h.present)).toHaveLength(0);
    h = undo(h);
    expect(fieldInfo(h.present, a.id)!.schema.title).toBe("Shop");
    h = undo(undo(h));
    expect(normalise(save(h.present))).toBe(normalise(empty()));
    expect(undo(h)).toBe(h);
    h = redo(redo(h));
    expect(fieldInfo(h.present, a.id)!.schema.title).toBe("Shop");
    h = push(h, moveField(h.present, a.id, null, 0)); // no change: nothing pushed
    expect(h.future).toHaveLength(1);
  });
});

describe("conditions", () => {
  const build = () => {
    let doc = load(empty());
    const sec = addField(doc, "section", null, 0);
    doc = sec.doc;
    const items = [1, 2, 3].map(() => {
      const r = addField(doc, "checklistItem", sec.id, 99, 2);
      doc = r.doc;
      return r.id;
    });
    const q = addField(doc, "longText", sec.id, 99);
    doc = setRequired(q.doc, q.id, true);
    return { doc, sec: sec.id, items, q: q.id };
  };

  it("shows a field only when an item is non-compliant, as if/then", () => {
    const { doc: start0, sec, q } = build();
    let doc = setShowCondition(start0, q, { key: "item2", operator: "equals", values: ["non_compliant"] });
    const section = (save(doc).schema as any).properties.section;
    expect(section.properties.notes).toBeUndefined();
    expect(section.allOf).toEqual([
      {
        if: { properties: { item2: { const: "non_compliant" } }, required: ["item2"] },
        then: { properties: { notes: expect.objectContaining({ type: "string" }) }, required: ["notes"] },
      },
    ]);
    expect(fieldInfo(doc, q)!.conditional).toBe(true);
    expect(fieldInfo(doc, q)!.required).toBe(true);
    expect(doc.fields[0].children!.map((n) => n.key)).toEqual(["item", "item2", "item3", "notes"]);
    const rules = listRules(doc);
    expect(rules).toHaveLength(1);
    expect(rules[0].containerId).toBe(sec);
    expect(rules[0].show).toEqual(["notes"]);
    expect(hiddenFields(doc, { section: { item2: "compliant" } }).has(q)).toBe(true);
    expect(hiddenFields(doc, { section: { item2: "non_compliant" } }).has(q)).toBe(false);
    // Back to always shown: the document is as before.
    doc = setShowCondition(doc, q, null);
    expect(normalise(save(doc))).toBe(normalise(save(start0)));
  });

  it("edits and removes rules; a rule on a deleted field is a problem", () => {
    const { doc: d0, items, q } = build();
    let doc = setShowCondition(d0, q, { key: "item", operator: "equals", values: ["non_compliant"] });
    doc = updateAndCheck(doc);
    doc = deleteField(doc, items[2]);
    expect(builderChecks(doc).map((p) => p.code)).toContain("ruleOnMissingField");
    doc = removeRule(doc, listRules(doc)[0]);
    expect(listRules(doc)).toHaveLength(0);
    expect(fieldInfo(doc, q)!.conditional).toBe(false);
    expect(builderChecks(doc).map((p) => p.code)).not.toContain("ruleOnMissingField");
  });

  function updateAndCheck(doc: BuilderDoc): BuilderDoc {
    const [rule] = listRules(doc);
    const next = removeRule(doc, rule);
    return setShowCondition(next, rule.containerId ? findByKeys(next, ["section", "notes"])!.id : "", { key: "item3", operator: "oneOf", values: ["non_compliant", "na"] });
  }

  it("requires on an answer with dependentRequired", () => {
    const { doc: d0, q } = build();
    const doc = addRequireRule(setRequired(d0, q, false), q, { key: "item", operator: "answered", values: [] });
    expect((save(doc).schema as any).properties.section.dependentRequired).toEqual({ item: ["notes"] });
    expect(listRules(doc)[0]).toMatchObject({ kind: "dependentRequired", require: ["notes"] });
  });

  it("moving a conditional field out of its section takes it out of the rule", () => {
    const { doc: d0, q } = build();
    let doc = setShowCondition(d0, q, { key: "item", operator: "notEquals", values: ["compliant"] });
    doc = moveField(doc, q, null, 0);
    expect((save(doc).schema as any).properties.section.allOf).toBeUndefined();
    expect(fieldInfo(doc, q)!.keys).toEqual(["notes"]);
  });
});

describe("problems", () => {
  it("flags empty options, missing translations and maps pointers to fields", () => {
    let doc = load(empty());
    const s = addField(doc, "section", null, 0);
    const c = addField(s.doc, "singleChoice", s.id, 0);
    doc = setSchemaValue(c.doc, c.id, ["enum"], []);
    doc = setSchemaValue(doc, c.id, ["x-title", "zh-CN"], "");
    const codes = builderChecks(doc).map((p) => p.code);
    expect(codes).toContain("emptyOptions");
    expect(codes).toContain("missingTranslation");
    expect(fieldForPointer(doc, "/schema/properties/section/properties/choice/enum")).toBe(c.id);
    expect(fieldForPointer(doc, "/section/choice")).toBe(c.id);
    expect(fieldForPointer(doc, "/key")).toBeNull();
  });
});

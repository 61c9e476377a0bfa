import type { Json, JsonObject } from "./json";
import { clone, isObject } from "./json";
import { detectType, fieldTemplate, isContainer, type FieldType } from "./fieldTypes";

/**
 * The builder's view of a form definition: the definition itself (the only source of truth,
 * written back as it is) plus a tree of fields with stable ids, so that selection, rules and
 * undo survive renames and moves. A field lives in its container's `properties`, or, when it
 * is shown only under a condition, in `allOf[i].then.properties` of that container (standard
 * JSON Schema that react-jsonschema-form and the server both read). Sections are objects,
 * repeating groups arrays of objects (their fields sit in `items`).
 */
export interface FieldNode {
  id: string;
  key: string;
  children?: FieldNode[];
}

export interface BuilderDoc {
  definition: JsonObject;
  fields: FieldNode[];
  nextId: number;
}

export interface FieldInfo {
  node: FieldNode;
  /** Keys from the root down to this field. */
  keys: string[];
  parent: FieldNode | null;
  index: number;
  schema: JsonObject;
  ui: JsonObject | undefined;
  type: FieldType;
  required: boolean;
  /** Shown only when a rule holds (the field sits in a rule's `then`). */
  conditional: boolean;
}

// ---------------------------------------------------------------- reading

function rootSchema(definition: JsonObject): JsonObject {
  return isObject(definition.schema) ? definition.schema : {};
}

/** The object schema whose properties hold a container's fields (a group's items). */
export function containerSchema(fieldSchema: JsonObject): JsonObject | null {
  if (fieldSchema.type === "object") return fieldSchema;
  if (fieldSchema.type === "array" && isObject(fieldSchema.items) && fieldSchema.items.type === "object") return fieldSchema.items;
  return null;
}

function uiChild(ui: JsonObject | undefined, key: string, fieldSchema: JsonObject): JsonObject | undefined {
  const own = ui && isObject(ui[key]) ? (ui[key] as JsonObject) : undefined;
  if (fieldSchema.type === "array" && own && isObject(own.items)) return own.items;
  return fieldSchema.type === "array" ? undefined : own;
}

/** The schemas that may hold a container's fields: itself, then each rule's `then`. */
function holders(container: JsonObject): JsonObject[] {
  const out = [container];
  if (Array.isArray(container.allOf)) {
    for (const rule of container.allOf) if (isObject(rule) && isObject(rule.then)) out.push(rule.then);
  }
  return out;
}

function findHome(container: JsonObject, key: string): { holder: JsonObject; conditional: boolean } | null {
  for (const [i, holder] of holders(container).entries()) {
    if (isObject(holder.properties) && isObject(holder.properties[key])) return { holder, conditional: i > 0 };
  }
  return null;
}

/** Keys of a container's fields in display order: ui:order first, then properties order. */
function orderedKeys(container: JsonObject, ui: JsonObject | undefined): string[] {
  const keys: string[] = [];
  for (const holder of holders(container)) {
    if (isObject(holder.properties)) for (const key of Object.keys(holder.properties)) if (!keys.includes(key)) keys.push(key);
  }
  const order = ui?.["ui:order"];
  if (!Array.isArray(order)) return keys;
  const listed = order.filter((k): k is string => typeof k === "string" && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  const star = order.indexOf("*");
  if (star === -1) return [...listed, ...rest];
  const before = order.slice(0, star).filter((k): k is string => typeof k === "string" && keys.includes(k));
  return [...before, ...rest, ...listed.filter((k) => !before.includes(k))];
}

function buildNodes(container: JsonObject, ui: JsonObject | undefined, counter: { next: number }): FieldNode[] {
  return orderedKeys(container, ui).map((key) => {
    const home = findHome(container, key)!;
    const schema = home.holder.properties && (home.holder.properties as JsonObject)[key];
    const node: FieldNode = { id: `f${counter.next++}`, key };
    const inner = isObject(schema) ? containerSchema(schema) : null;
    if (isObject(schema) && inner) node.children = buildNodes(inner, uiChild(ui, key, schema), counter);
    return node;
  });
}

export function load(definition: JsonObject): BuilderDoc {
  const counter = { next: 1 };
  const schema = rootSchema(definition);
  const ui = isObject(definition.uiSchema) ? definition.uiSchema : undefined;
  return { definition, fields: buildNodes(schema, ui, counter), nextId: counter.next };
}

/** The definition to save or export: exactly the document, untouched where nothing changed. */
export function save(doc: BuilderDoc): JsonObject {
  return doc.definition;
}

interface Located {
  chain: FieldNode[];
  indices: number[];
}

function locate(fields: FieldNode[], id: string): Located | null {
  for (const [i, node] of fields.entries()) {
    if (node.id === id) return { chain: [node], indices: [i] };
    if (node.children) {
      const inner = locate(node.children, id);
      if (inner) return { chain: [node, ...inner.chain], indices: [i, ...inner.indices] };
    }
  }
  return null;
}

/** Walk to the container holding `keys` (all but the last) and its UI schema. */
function walk(definition: JsonObject, keys: string[]): { container: JsonObject; ui: JsonObject | undefined } {
  let container = rootSchema(definition);
  let ui = isObject(definition.uiSchema) ? definition.uiSchema : undefined;
  for (const key of keys) {
    const home = findHome(container, key);
    const schema = home ? ((home.holder.properties as JsonObject)[key] as JsonObject) : {};
    ui = uiChild(ui, key, schema);
    container = containerSchema(schema) ?? {};
  }
  return { container, ui };
}

export function fieldInfo(doc: BuilderDoc, id: string): FieldInfo | null {
  const found = locate(doc.fields, id);
  if (!found) return null;
  const keys = found.chain.map((n) => n.key);
  const { container, ui } = walk(doc.definition, keys.slice(0, -1));
  const key = keys[keys.length - 1];
  const home = findHome(container, key);
  if (!home) return null;
  const schema = (home.holder.properties as JsonObject)[key] as JsonObject;
  const required = Array.isArray(home.holder.required) && home.holder.required.includes(key);
  const fieldUi = ui && isObject(ui[key]) ? (ui[key] as JsonObject) : undefined;
  return {
    node: found.chain[found.chain.length - 1],
    keys,
    parent: found.chain.length > 1 ? found.chain[found.chain.length - 2] : null,
    index: found.indices[found.indices.length - 1],
    schema,
    ui: fieldUi,
    type: detectType(schema, fieldUi),
    required,
    conditional: home.conditional,
  };
}

/**
 * What fieldInfo says of every field, in one walk of the tree (fieldInfo walks from the root
 * for each call: a loop over all fields with it is quadratic on a large form).
 */
export function fieldInfos(doc: BuilderDoc): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  const visit = (nodes: FieldNode[], container: JsonObject, ui: JsonObject | undefined, keys: string[], parent: FieldNode | null) => {
    nodes.forEach((node, index) => {
      // A field whose home is gone has no info, nor has anything under it (as in fieldInfo).
      const home = findHome(container, node.key);
      if (!home) return;
      const schema = (home.holder.properties as JsonObject)[node.key] as JsonObject;
      const fieldUi = ui && isObject(ui[node.key]) ? (ui[node.key] as JsonObject) : undefined;
      const own = [...keys, node.key];
      out.set(node.id, {
        node,
        keys: own,
        parent,
        index,
        schema,
        ui: fieldUi,
        type: detectType(schema, fieldUi),
        required: Array.isArray(home.holder.required) && home.holder.required.includes(node.key),
        conditional: home.conditional,
      });
      if (node.children) visit(node.children, containerSchema(schema) ?? {}, uiChild(ui, node.key, schema), own, node);
    });
  };
  visit(doc.fields, rootSchema(doc.definition), isObject(doc.definition.uiSchema) ? doc.definition.uiSchema : undefined, [], null);
  return out;
}

/** Every field, depth first in display order. */
export function allFields(doc: BuilderDoc): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (nodes: FieldNode[]) => {
    for (const n of nodes) {
      out.push(n);
      if (n.children) visit(n.children);
    }
  };
  visit(doc.fields);
  return out;
}

export function findByKeys(doc: BuilderDoc, keys: string[]): FieldNode | null {
  let nodes = doc.fields;
  let found: FieldNode | null = null;
  for (const key of keys) {
    found = nodes.find((n) => n.key === key) ?? null;
    if (!found) return null;
    nodes = found.children ?? [];
  }
  return found;
}

// ---------------------------------------------------------------- writing helpers

/** A mutable copy of the document plus the container/ui of a parent (null = root). */
interface Draft {
  definition: JsonObject;
  fields: FieldNode[];
  nextId: number;
}

function draftOf(doc: BuilderDoc): Draft {
  return { definition: clone(doc.definition), fields: cloneNodes(doc.fields), nextId: doc.nextId };
}

function cloneNodes(nodes: FieldNode[]): FieldNode[] {
  return nodes.map((n) => (n.children ? { ...n, children: cloneNodes(n.children) } : { ...n }));
}

function parentKeys(draft: Draft, parentId: string | null): string[] {
  if (parentId === null) return [];
  const found = locate(draft.fields, parentId);
  if (!found) throw new Error(`no field ${parentId}`);
  return found.chain.map((n) => n.key);
}

function siblings(draft: Draft, parentId: string | null): FieldNode[] {
  if (parentId === null) return draft.fields;
  const found = locate(draft.fields, parentId);
  const node = found?.chain[found.chain.length - 1];
  if (!node?.children) throw new Error(`${parentId} holds no fields`);
  return node.children;
}

/** The UI schema object for a container, created on the way when `create`. */
function containerUi(definition: JsonObject, keys: string[], create: boolean): JsonObject | undefined {
  if (!isObject(definition.uiSchema)) {
    if (!create) return undefined;
    definition.uiSchema = {};
  }
  let ui = definition.uiSchema as JsonObject;
  let container = rootSchema(definition);
  for (const key of keys) {
    const home = findHome(container, key);
    const schema = home ? ((home.holder.properties as JsonObject)[key] as JsonObject) : {};
    if (!isObject(ui[key])) {
      if (!create) return undefined;
      ui[key] = {};
    }
    ui = ui[key] as JsonObject;
    if (schema.type === "array") {
      if (!isObject(ui.items)) {
        if (!create) return undefined;
        ui.items = {};
      }
      ui = ui.items as JsonObject;
    }
    container = containerSchema(schema) ?? {};
  }
  return ui;
}

/** Write the container's order after its children changed (ui:order, or properties order). */
function writeOrder(draft: Draft, parentId: string | null): void {
  const keys = parentKeys(draft, parentId);
  const order = siblings(draft, parentId).map((n) => n.key);
  const { container } = walk(draft.definition, keys);
  const existing = containerUi(draft.definition, keys, false);
  const hasConditional = holders(container).length > 1 && order.some((k) => findHome(container, k)?.conditional);
  if (existing && Array.isArray(existing["ui:order"])) {
    const star = existing["ui:order"].includes("*");
    const same = JSON.stringify(orderedKeys(container, existing)) === JSON.stringify(order);
    if (!same) existing["ui:order"] = star ? [...order, "*"] : order;
    return;
  }
  const props = isObject(container.properties) ? container.properties : {};
  const plain = order.filter((k) => k in props);
  if (JSON.stringify(Object.keys(props)) !== JSON.stringify(plain)) {
    const rebuilt: JsonObject = {};
    for (const k of plain) rebuilt[k] = props[k];
    container.properties = rebuilt;
  }
  if (hasConditional && JSON.stringify(orderedKeys(container, undefined)) !== JSON.stringify(order)) {
    containerUi(draft.definition, keys, true)!["ui:order"] = order;
  }
}

function uniqueKey(draft: Draft, parentId: string | null, base: string): string {
  const taken = new Set(siblings(draft, parentId).map((n) => n.key));
  if (!taken.has(base)) return base;
  let i = 2;
  while (taken.has(`${base}${i}`)) i++;
  return `${base}${i}`;
}

function nodesFor(draft: Draft, schema: JsonObject, ui: JsonObject | undefined, key: string): FieldNode {
  const counter = { next: draft.nextId };
  const node: FieldNode = { id: `f${counter.next++}`, key };
  const inner = containerSchema(schema);
  if (inner) node.children = buildNodes(inner, schema.type === "array" && ui && isObject(ui.items) ? ui.items : ui, counter);
  draft.nextId = counter.next;
  return node;
}

function done(draft: Draft): BuilderDoc {
  return { definition: draft.definition, fields: draft.fields, nextId: draft.nextId };
}

function setRequiredIn(holder: JsonObject, key: string, required: boolean): void {
  const list = Array.isArray(holder.required) ? holder.required.filter((k) => k !== key) : [];
  if (required) list.push(key);
  if (list.length) holder.required = list;
  else delete holder.required;
}

/** Take a field out of its container: schema, required, UI. Returns what it held. */
function detach(draft: Draft, id: string): { schema: JsonObject; ui: JsonObject | undefined; required: boolean; parentId: string | null; key: string } {
  const found = locate(draft.fields, id);
  if (!found) throw new Error(`no field ${id}`);
  const keys = found.chain.map((n) => n.key);
  const key = keys[keys.length - 1];
  const parentId = found.chain.length > 1 ? found.chain[found.chain.length - 2].id : null;
  const { container } = walk(draft.definition, keys.slice(0, -1));
  const home = findHome(container, key)!;
  const props = home.holder.properties as JsonObject;
  const schema = props[key] as JsonObject;
  delete props[key];
  const required = Array.isArray(home.holder.required) && home.holder.required.includes(key);
  if (required) setRequiredIn(home.holder, key, false);
  if (home.conditional) dropEmptyRules(container);
  const ui = containerUi(draft.definition, keys.slice(0, -1), false);
  let fieldUi: JsonObject | undefined;
  if (ui) {
    if (isObject(ui[key])) fieldUi = ui[key] as JsonObject;
    delete ui[key];
    if (Array.isArray(ui["ui:order"])) ui["ui:order"] = ui["ui:order"].filter((k) => k !== key);
  }
  const list = siblings(draft, parentId);
  list.splice(list.indexOf(found.chain[found.chain.length - 1]), 1);
  return { schema, ui: fieldUi, required, parentId, key };
}

/** Put a field into a container at an index (its schema into properties). */
function attach(draft: Draft, node: FieldNode, parentId: string | null, index: number, schema: JsonObject, ui: JsonObject | undefined, required: boolean): void {
  const keys = parentKeys(draft, parentId);
  const { container } = walk(draft.definition, keys);
  if (!isObject(container.properties)) container.properties = {};
  (container.properties as JsonObject)[node.key] = schema;
  if (required) setRequiredIn(container, node.key, true);
  if (ui && Object.keys(ui).length) containerUi(draft.definition, keys, true)![node.key] = ui;
  const list = siblings(draft, parentId);
  list.splice(Math.max(0, Math.min(index, list.length)), 0, node);
  const parentUi = containerUi(draft.definition, keys, false);
  if (parentUi && Array.isArray(parentUi["ui:order"])) {
    parentUi["ui:order"] = parentUi["ui:order"].filter((k) => k !== node.key);
  }
  writeOrder(draft, parentId);
}

// ---------------------------------------------------------------- edits (pure: doc in, doc out)

export function addField(doc: BuilderDoc, type: FieldType, parentId: string | null, index: number, points = 1): { doc: BuilderDoc; id: string } {
  const draft = draftOf(doc);
  const template = fieldTemplate(type, points);
  const key = uniqueKey(draft, parentId, template.key);
  const node = nodesFor(draft, template.schema, template.ui, key);
  attach(draft, node, parentId, index, clone(template.schema), template.ui && clone(template.ui), false);
  return { doc: done(draft), id: node.id };
}

export function deleteField(doc: BuilderDoc, id: string): BuilderDoc {
  const draft = draftOf(doc);
  const { parentId } = detach(draft, id);
  writeOrder(draft, parentId);
  return done(draft);
}

/** Move a field to another place (a container id or null for the top level) and index. */
export function moveField(doc: BuilderDoc, id: string, parentId: string | null, index: number): BuilderDoc {
  const info = fieldInfo(doc, id);
  if (!info) return doc;
  const sameParent = (info.parent?.id ?? null) === parentId;
  if (sameParent && info.index === index) return doc;
  if (parentId !== null && (parentId === id || isInside(doc, parentId, id))) return doc;
  const draft = draftOf(doc);
  if (sameParent && !info.conditional) {
    const list = siblings(draft, parentId);
    const [node] = list.splice(info.index, 1);
    list.splice(Math.max(0, Math.min(index, list.length)), 0, node);
    writeOrder(draft, parentId);
    return done(draft);
  }
  const node = locate(draft.fields, id)!.chain.at(-1)!;
  const detached = detach(draft, id);
  writeOrder(draft, detached.parentId);
  node.key = uniqueKey(draft, parentId, node.key);
  attach(draft, node, parentId, index, detached.schema, detached.ui, detached.required);
  return done(draft);
}

function isInside(doc: BuilderDoc, id: string, ancestorId: string): boolean {
  const found = locate(doc.fields, id);
  return !!found && found.chain.slice(0, -1).some((n) => n.id === ancestorId);
}

export function duplicateField(doc: BuilderDoc, id: string): { doc: BuilderDoc; id: string } {
  const info = fieldInfo(doc, id);
  if (!info) return { doc, id };
  const draft = draftOf(doc);
  const parentId = info.parent?.id ?? null;
  const key = uniqueKey(draft, parentId, info.node.key.replace(/\d+$/, "") || "field");
  const node = nodesFor(draft, info.schema, info.ui, key);
  attach(draft, node, parentId, info.index + 1, clone(info.schema), info.ui && clone(info.ui), info.required);
  return { doc: done(draft), id: node.id };
}

function mutateField(doc: BuilderDoc, id: string, change: (schema: JsonObject, draft: Draft, keys: string[]) => void): BuilderDoc {
  const found = locate(doc.fields, id);
  if (!found) return doc;
  const draft = draftOf(doc);
  const keys = found.chain.map((n) => n.key);
  const { container } = walk(draft.definition, keys.slice(0, -1));
  const home = findHome(container, keys[keys.length - 1])!;
  change((home.holder.properties as JsonObject)[keys[keys.length - 1]] as JsonObject, draft, keys);
  return done(draft);
}

/** Set (or with undefined remove) a keyword of the field's schema, e.g. ["x-title", "en"]. */
export function setSchemaValue(doc: BuilderDoc, id: string, path: string[], value: Json | undefined): BuilderDoc {
  return mutateField(doc, id, (schema) => setIn(schema, path, value));
}

/** Set (or remove) a UI hint of the field, e.g. ["ui:widget"]. */
export function setUiValue(doc: BuilderDoc, id: string, path: string[], value: Json | undefined): BuilderDoc {
  return mutateField(doc, id, (_schema, draft, keys) => {
    const ui = containerUi(draft.definition, keys.slice(0, -1), value !== undefined);
    if (!ui) return;
    const key = keys[keys.length - 1];
    if (!isObject(ui[key])) {
      if (value === undefined) return;
      ui[key] = {};
    }
    setIn(ui[key] as JsonObject, path, value);
    if (Object.keys(ui[key] as JsonObject).length === 0) delete ui[key];
  });
}

/** The label in one language; the plain `title` follows the English one, as in forms/. */
export function setLabel(doc: BuilderDoc, id: string, language: "zh-CN" | "en", label: string): BuilderDoc {
  return mutateField(doc, id, (schema) => {
    const titles = isObject(schema["x-title"]) ? schema["x-title"] : {};
    titles[language] = label;
    schema["x-title"] = titles;
    if (language === "en" || schema.title === undefined) schema.title = label || (titles.en as string) || label;
  });
}

export function setRequired(doc: BuilderDoc, id: string, required: boolean): BuilderDoc {
  const found = locate(doc.fields, id);
  if (!found) return doc;
  const draft = draftOf(doc);
  const keys = found.chain.map((n) => n.key);
  const { container } = walk(draft.definition, keys.slice(0, -1));
  const key = keys[keys.length - 1];
  setRequiredIn(findHome(container, key)!.holder, key, required);
  return done(draft);
}

/** Rename a field's key; rules, order, required and search fields follow the new key. */
export function renameField(doc: BuilderDoc, id: string, newKey: string): BuilderDoc {
  const found = locate(doc.fields, id);
  if (!found || !/^[A-Za-z][A-Za-z0-9_]*$/.test(newKey)) return doc;
  const oldKey = found.chain[found.chain.length - 1].key;
  if (oldKey === newKey) return doc;
  const draft = draftOf(doc);
  const parentId = found.chain.length > 1 ? found.chain[found.chain.length - 2].id : null;
  if (siblings(draft, parentId).some((n) => n.key === newKey)) return doc;
  const keys = found.chain.map((n) => n.key);
  const { container } = walk(draft.definition, keys.slice(0, -1));
  for (const holder of holders(container)) {
    if (isObject(holder.properties) && oldKey in holder.properties) holder.properties = renameKeyIn(holder.properties, oldKey, newKey);
    if (Array.isArray(holder.required)) holder.required = holder.required.map((k) => (k === oldKey ? newKey : k));
  }
  renameInRules(container, oldKey, newKey);
  const ui = containerUi(draft.definition, keys.slice(0, -1), false);
  if (ui) {
    if (oldKey in ui) replaceContents(ui, renameKeyIn(ui, oldKey, newKey));
    if (Array.isArray(ui["ui:order"])) ui["ui:order"] = ui["ui:order"].map((k) => (k === oldKey ? newKey : k));
  }
  const oldPointer = "/" + keys.join("/");
  const newPointer = "/" + [...keys.slice(0, -1), newKey].join("/");
  if (Array.isArray(draft.definition.search)) {
    for (const entry of draft.definition.search) {
      if (isObject(entry) && typeof entry.field === "string" && (entry.field === oldPointer || entry.field.startsWith(oldPointer + "/"))) {
        entry.field = newPointer + entry.field.slice(oldPointer.length);
      }
    }
  }
  locate(draft.fields, id)!.chain.at(-1)!.key = newKey;
  return done(draft);
}

function renameKeyIn(object: JsonObject, oldKey: string, newKey: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(object)) out[k === oldKey ? newKey : k] = v;
  return out;
}

function replaceContents(target: JsonObject, source: JsonObject): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, source);
}

function renameInRules(container: JsonObject, oldKey: string, newKey: string): void {
  if (Array.isArray(container.allOf)) {
    for (const rule of container.allOf) {
      if (!isObject(rule)) continue;
      for (const part of ["if", "then", "else"]) {
        const sub = rule[part];
        if (!isObject(sub)) continue;
        if (isObject(sub.properties) && oldKey in sub.properties) sub.properties = renameKeyIn(sub.properties, oldKey, newKey);
        if (Array.isArray(sub.required)) sub.required = sub.required.map((k) => (k === oldKey ? newKey : k));
      }
    }
  }
  if (isObject(container.dependentRequired)) {
    const dr = renameKeyIn(container.dependentRequired, oldKey, newKey);
    for (const [k, v] of Object.entries(dr)) if (Array.isArray(v)) dr[k] = v.map((x) => (x === oldKey ? newKey : x));
    container.dependentRequired = dr;
  }
}

/** Rules whose `then` no longer holds anything go (a shown field moved out or deleted). */
export function dropEmptyRules(container: JsonObject): void {
  if (!Array.isArray(container.allOf)) return;
  for (const rule of container.allOf) {
    if (isObject(rule) && isObject(rule.then) && isObject(rule.then.properties) && Object.keys(rule.then.properties).length === 0) {
      delete rule.then.properties;
    }
  }
  container.allOf = container.allOf.filter((rule) => !(isObject(rule) && isObject(rule.then) && Object.keys(rule.then).length === 0 && rule.else === undefined));
  if (container.allOf.length === 0) delete container.allOf;
}

export function setIn(target: JsonObject, path: string[], value: Json | undefined): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (!isObject(node[segment])) {
      if (value === undefined) return;
      node[segment] = {};
    }
    node = node[segment] as JsonObject;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

export { isContainer };

// ---------------------------------------------------------------- internals for rules.ts

export const internals = { draftOf, done, walk, holders, findHome, locate, detach, attach, writeOrder, siblings, containerUi };

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMutation } from "urql";
import {
  addField,
  allFields,
  deleteField,
  duplicateField,
  fieldInfo,
  load,
  moveField,
  push,
  redo,
  save,
  start,
  undo,
  type BuilderDoc,
  type FieldType,
  type History,
  type JsonObject,
} from "./model";
import { UpdateFormDraftDocument } from "./queries";
import { Autosaver, type AutosaveState, type Outcome } from "./autosave";

export interface ServerError {
  pointer: string;
  message: string;
}

export type SaveState = AutosaveState;

/** Where a new field goes: into the selected container, or after the selected field. */
export function insertionPoint(doc: BuilderDoc, selected: string | null): { parentId: string | null; index: number } {
  const info = selected ? fieldInfo(doc, selected) : null;
  if (!info) return { parentId: null, index: doc.fields.length };
  if (info.node.children) return { parentId: info.node.id, index: info.node.children.length };
  return { parentId: info.parent?.id ?? null, index: info.index + 1 };
}

/** The canvas as a drop target (the end of the form), next to the fields' own ids. */
export const CANVAS_DROP = "canvas:end";
export const PALETTE_PREFIX = "palette:";

/**
 * Where a field type dropped from the palette goes: onto a section or group, at its end;
 * onto a field, before it in its container; onto the canvas itself, at the end of the form.
 */
export function dropPoint(doc: BuilderDoc, overId: string): { parentId: string | null; index: number } | null {
  if (overId === CANVAS_DROP) return { parentId: null, index: doc.fields.length };
  const info = fieldInfo(doc, overId);
  if (!info) return null;
  if (info.node.children) return { parentId: info.node.id, index: info.node.children.length };
  return { parentId: info.parent?.id ?? null, index: info.index };
}

/** The editor's state: the document with undo/redo, the selection, and autosave (CAS). */
export function useBuilder(formId: string, initial: JsonObject, initialRevision: number) {
  const [history, setHistory] = useState<History<BuilderDoc>>(() => start(load(initial)));
  const [selected, setSelected] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [serverErrors, setServerErrors] = useState<ServerError[]>([]);
  const lastSaved = useRef(history.present.definition);
  const [savedDefinition, setSavedDefinition] = useState(history.present.definition);
  const [savedRevision, setSavedRevision] = useState(initialRevision);
  const [, update] = useMutation(UpdateFormDraftDocument);
  const doc = history.present;
  const selectedRef = useRef(selected);
  useEffect(() => {
    selectedRef.current = selected;
  }, [selected]);

  const apply = useCallback((change: (doc: BuilderDoc) => BuilderDoc) => setHistory((h) => push(h, change(h.present))), []);
  const replace = useCallback((definition: JsonObject) => setHistory((h) => push(h, load(definition))), []);

  const add = useCallback(
    (type: FieldType) => {
      setHistory((h) => {
        const at = insertionPoint(h.present, selectedRef.current);
        const result = addField(h.present, type, at.parentId, at.index);
        setSelected(result.id);
        return push(h, result.doc);
      });
    },
    [],
  );
  const addAt = useCallback((type: FieldType, parentId: string | null, index: number) => {
    setHistory((h) => {
      const result = addField(h.present, type, parentId, index);
      setSelected(result.id);
      return push(h, result.doc);
    });
  }, []);
  const remove = useCallback((id: string) => {
    setHistory((h) => {
      const order = allFields(h.present).map((n) => n.id);
      const next = deleteField(h.present, id);
      const neighbour = order[order.indexOf(id) + 1] ?? order[order.indexOf(id) - 1] ?? null;
      setSelected(neighbour && fieldInfo(next, neighbour) ? neighbour : null);
      return push(h, next);
    });
  }, []);

  const duplicate = useCallback((id: string) => {
    setHistory((h) => {
      const result = duplicateField(h.present, id);
      setSelected(result.id);
      return push(h, result.doc);
    });
  }, []);

  const move = useCallback((id: string, parentId: string | null, index: number) => apply((d) => moveField(d, id, parentId, index)), [apply]);
  const shift = useCallback(
    (id: string, delta: number) => {
      apply((d) => {
        const info = fieldInfo(d, id);
        return info ? moveField(d, id, info.parent?.id ?? null, info.index + delta) : d;
      });
    },
    [apply],
  );

  // Autosave (see autosave.ts): a while after the last edit, one request at a time, with the
  // revision of the last save; a newer revision on the server is a conflict.
  const definition = doc.definition;
  const saver = useRef<Autosaver<JsonObject> | null>(null);
  useEffect(() => {
    const autosaver = new Autosaver<JsonObject>({
      revision: initialRevision,
      saved: lastSaved.current,
      delay: 700,
      send: async (def, expected): Promise<Outcome> => {
        const result = await update({ input: { formId, definition: def, expectedDraftRevision: expected } });
        const answer = result.data?.updateFormDraft;
        if (answer?.__typename === "FormDraftSaved") return { kind: "saved", revision: answer.form.draftRevision };
        if (answer?.__typename === "ValidationFailed") return { kind: "invalid", errors: answer.errors };
        if (answer?.__typename === "Conflict") return { kind: "conflict" };
        return { kind: "failed", message: answer && "message" in answer ? answer.message : (result.error?.message ?? "") };
      },
      onState: setSaveState,
      onSaved: (def, rev) => {
        lastSaved.current = def;
        setSavedDefinition(def);
        setSavedRevision(rev);
      },
      onErrors: setServerErrors,
    });
    saver.current = autosaver;
    return () => autosaver.dispose();
    // One saver per editor (the editor remounts on reload).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formId]);
  useEffect(() => {
    saver.current?.edit(definition);
  }, [definition]);

  const commands = useMemo(
    () => ({
      apply,
      replace,
      add,
      addAt,
      remove,
      duplicate,
      move,
      shift,
      undo: () => setHistory(undo),
      redo: () => setHistory(redo),
      select: setSelected,
    }),
    [apply, replace, add, addAt, remove, duplicate, move, shift],
  );

  return {
    doc,
    definition: save(doc),
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    selected,
    saveState,
    serverErrors,
    revision: savedRevision,
    unsaved: definition !== savedDefinition,
    ...commands,
    /** The same commands as one object that keeps its identity (for memoized children). */
    commands,
  };
}

export type Builder = ReturnType<typeof useBuilder>;
export type BuilderCommands = Builder["commands"];

/** The keyboard of the canvas: arrows select, Alt+arrows move, Delete, Ctrl+D, undo/redo. */
export function keyCommand(event: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }): string | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && key === "z") return event.shiftKey ? "redo" : "undo";
  if (mod && key === "y") return "redo";
  if (mod && key === "d") return "duplicate";
  if (event.key === "Delete" || event.key === "Backspace") return "delete";
  if (event.key === "ArrowUp") return event.altKey ? "moveUp" : "previous";
  if (event.key === "ArrowDown") return event.altKey ? "moveDown" : "next";
  return null;
}

import { useCallback, useEffect, useState } from "react";
import type { WorkflowDefinition } from "./model/types";

/** The definition being edited, with undo and redo of whole edits. */
export function useDraft(initial: WorkflowDefinition) {
  const [history, setHistory] = useState<{ past: WorkflowDefinition[]; present: WorkflowDefinition; future: WorkflowDefinition[] }>({ past: [], present: initial, future: [] });
  const edit = useCallback((change: (current: WorkflowDefinition) => WorkflowDefinition) => {
    setHistory((h) => {
      const next = change(h.present);
      return next === h.present ? h : { past: [...h.past.slice(-99), h.present], present: next, future: [] };
    });
  }, []);
  const undo = useCallback(() => setHistory((h) => (h.past.length ? { past: h.past.slice(0, -1), present: h.past[h.past.length - 1]!, future: [h.present, ...h.future] } : h)), []);
  const redo = useCallback(() => setHistory((h) => (h.future.length ? { past: [...h.past, h.present], present: h.future[0]!, future: h.future.slice(1) } : h)), []);
  const reset = useCallback((definition: WorkflowDefinition) => setHistory({ past: [], present: definition, future: [] }), []);
  return { definition: history.present, edit, undo, redo, reset, canUndo: history.past.length > 0, canRedo: history.future.length > 0 };
}

/** The value after it stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

import { createStore, del, get, set } from "idb-keyval";

// The local copy of a draft in IndexedDB: it survives a reload and a dropped connection
// (tokens are in memory, so after a reload the user signs in again and finds it here).
// Keyed by who fills what for whom, so two users of one tablet never see each other's.
const store = createStore("auditportal-drafts", "drafts");

export interface LocalDraft {
  answers: unknown;
  savedAt: string;
  /** Whether the server has this version (false while offline or before the first sync). */
  synced: boolean;
}

export function draftKey(parts: { userId: string; formVersionId: string; customerId?: string | null; instanceId?: string | null }): string {
  return [parts.userId, parts.formVersionId, parts.customerId ?? "-", parts.instanceId ?? "-"].join("|");
}

export async function loadLocalDraft(key: string): Promise<LocalDraft | undefined> {
  try {
    return await get<LocalDraft>(key, store);
  } catch {
    return undefined; // private mode or storage refused: the form still works
  }
}

export async function saveLocalDraft(key: string, draft: LocalDraft): Promise<void> {
  try {
    await set(key, draft, store);
  } catch {
    // nothing to do: the server copy (when online) still has it
  }
}

export async function removeLocalDraft(key: string): Promise<void> {
  try {
    await del(key, store);
  } catch {
    // ignore
  }
}

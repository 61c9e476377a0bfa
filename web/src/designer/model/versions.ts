import type { WorkflowDefinition } from "./types";

/** An old version as the new draft: its content, under the draft's key (a published version
 * of this workflow has that key anyway; an imported one may not). */
export function copyIntoDraft(draft: WorkflowDefinition, version: WorkflowDefinition): WorkflowDefinition {
  return { ...version, key: draft.key };
}

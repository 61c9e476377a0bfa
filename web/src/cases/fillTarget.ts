/** What a "fill" link needs: the case, its customer and the published version of its form. */
export interface FillTarget {
  id: string;
  customerId: string | null;
  formVersionId: string;
}

/**
 * The fill target of a case that takes a submission now and names a published form (the server's
 * `formToFill`: its plan's form, or its submission's for a correction); null otherwise.
 */
export function fillTarget(task: {
  id: string;
  takesSubmission: boolean;
  customer?: { id: string } | null;
  formToFill?: { latestVersion?: { id: string } | null } | null;
}): FillTarget | null {
  const formVersionId = task.formToFill?.latestVersion?.id;
  if (!task.takesSubmission || !formVersionId) return null;
  return { id: task.id, customerId: task.customer?.id ?? null, formVersionId };
}

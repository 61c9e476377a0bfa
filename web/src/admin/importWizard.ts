import type { CustomerImportStatus } from "../api/graphql";

/** The import wizard's steps: upload, map columns, dry run, commit. */
export type WizardStep = 0 | 1 | 2 | 3;

export function wizardStep(status: CustomerImportStatus | null | undefined): WizardStep {
  switch (status) {
    case "UPLOADED":
      return 1;
    case "DRY_RUNNING":
    case "DRY_RUN_DONE":
      return 2;
    case "COMMITTING":
    case "COMMITTED":
      return 3;
    default:
      return status ? 2 : 0;
  }
}

/** Whether the server is working on it (the page polls until it is not). */
export function isRunning(status: CustomerImportStatus | null | undefined): boolean {
  return status === "DRY_RUNNING" || status === "COMMITTING";
}

/** Percent done of a job's progress; null while the total is unknown. */
export function percent(progress: { done: number; total?: number | null } | null | undefined): number | null {
  if (!progress || progress.total == null) return null;
  if (progress.total <= 0) return 100;
  return Math.min(100, Math.round((progress.done / progress.total) * 100));
}

/** Fields a column can fill (ColumnMapping.field); custom attributes are `attributes.<key>`. */
export const IMPORT_FIELDS = [
  "code",
  "name",
  "industry",
  "region",
  "tags",
  "contact.name",
  "contact.title",
  "contact.phone",
  "contact.email",
  "transactionVolume",
  "creditGrade",
  "creditLimit",
] as const;

/** A custom attribute key for a column header: lower case, word characters only. */
export function attributeKey(column: string): string {
  const key = column
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, "_")
    .replace(/^_+|_+$/g, "");
  return `attributes.${key || "column"}`;
}

/** The mapping to send: the chosen field per column, unmapped columns left out. */
export function mappingInput(chosen: Record<string, string>): { column: string; field: string }[] {
  return Object.entries(chosen)
    .filter(([, field]) => field)
    .map(([column, field]) => ({ column, field }));
}

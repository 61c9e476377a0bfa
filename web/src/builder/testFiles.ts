import { checkFile, type AttachmentSpec, type FileProblem } from "../forms/attachments";

/**
 * Files chosen (or a signature drawn) in test mode. A draft has no version to upload evidence
 * to, so they stay in this browser as object URLs and are never sent; the answer holds one
 * stand-in id per file, enough for "required" and for a multi-file field's count.
 */
export interface TestFile {
  id: string;
  name: string;
  type: string;
  size: number;
  /** An object URL (blob:) for the preview; revoked when the file is removed. */
  url: string;
}

let next = 0;

/** The list with `file` added, or why it is refused (the same checks as the real fill page). */
export function addTestFile(spec: AttachmentSpec, files: TestFile[], file: { name: string; type: string; size: number }, url: string): { files: TestFile[]; problem: FileProblem | null } {
  const problem = checkFile(spec, file, files.length);
  if (problem) return { files, problem };
  next += 1;
  return { files: [...files, { id: `test-attachment-${next}`, name: file.name, type: file.type, size: file.size, url }], problem: null };
}

/** The answer the renderer stores: one id, a list of ids, or nothing. */
export function testAnswer(spec: AttachmentSpec, files: TestFile[]): string | string[] | undefined {
  if (spec.maxFiles > 1) return files.length ? files.map((f) => f.id) : undefined;
  return files[0]?.id;
}

export function isImage(file: { type: string }): boolean {
  return file.type.startsWith("image/");
}

import { rawId } from "../api/ids";
/** The x-attachment keyword as the browser reads it, and the checks made before an upload. */
export type AttachmentKindName = "photo" | "file" | "signature";

export interface AttachmentSpec {
  kind: AttachmentKindName;
  accept: string[];
  maxFiles: number;
  maxBytes: number | null;
}

export function attachmentSpec(schema: unknown): AttachmentSpec | null {
  const mark = (schema as Record<string, unknown> | null)?.["x-attachment"];
  if (!mark || typeof mark !== "object") return null;
  const m = mark as Record<string, unknown>;
  const kind = m.kind === "photo" || m.kind === "file" || m.kind === "signature" ? m.kind : "file";
  return {
    kind,
    accept: Array.isArray(m.accept) ? m.accept.filter((a): a is string => typeof a === "string") : [],
    maxFiles: typeof m.maxFiles === "number" ? m.maxFiles : 1,
    maxBytes: typeof m.maxBytes === "number" ? m.maxBytes : null,
  };
}

export function accepts(spec: AttachmentSpec, contentType: string): boolean {
  if (!spec.accept.length) return true;
  const family = contentType.split("/", 1)[0];
  return spec.accept.some((a) => a === contentType || a === `${family}/*`);
}

/** The input's accept attribute: the field's list, or images for photos and signatures. */
export function acceptAttribute(spec: AttachmentSpec): string | undefined {
  if (spec.accept.length) return spec.accept.join(",");
  return spec.kind === "file" ? undefined : "image/*";
}

export type FileProblem =
  | { key: "tooMany"; limit: number }
  | { key: "wrongType"; type: string; accepted: string }
  | { key: "tooLarge"; size: string; limit: string }
  | { key: "empty" };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** What is wrong with a file before it is sent (the server checks again, by its bytes). */
export function checkFile(spec: AttachmentSpec, file: { type: string; size: number }, alreadyThere: number): FileProblem | null {
  if (alreadyThere >= spec.maxFiles) return { key: "tooMany", limit: spec.maxFiles };
  if (file.size === 0) return { key: "empty" };
  if (file.type && !accepts(spec, file.type)) return { key: "wrongType", type: file.type, accepted: spec.accept.join(", ") };
  if (spec.maxBytes != null && file.size > spec.maxBytes)
    return { key: "tooLarge", size: formatBytes(file.size), limit: formatBytes(spec.maxBytes) };
  return null;
}

/** The answer's ids as a list (one id, an array of them, or nothing). */
export function idsOf(value: unknown): string[] {
  if (typeof value === "string" && value) return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && !!v);
  return [];
}

/** The answer to store: a single-file field holds one id (or nothing), a multi-file one a list. */
export function answerOf(spec: AttachmentSpec, ids: string[]): string | string[] | undefined {
  if (spec.maxFiles > 1) return ids;
  return ids[0];
}

/** A JSON Pointer from rjsf's field path. */
export function pointerOf(path: readonly (string | number)[]): string {
  return `/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/**
 * The subschemas whose properties belong to this object: the schema itself and its conditional
 * branches (`if`/`then`/`else`, `allOf`/`anyOf`/`oneOf` entries and their branches), so a photo
 * shown only when an item is non-compliant (`allOf[].then.properties`) is found too.
 */
function propertyHolders(schema: Record<string, unknown>, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  out.push(schema);
  for (const branch of ["then", "else"]) {
    const sub = schema[branch];
    if (sub && typeof sub === "object" && !Array.isArray(sub)) propertyHolders(sub as Record<string, unknown>, out);
  }
  for (const list of ["allOf", "anyOf", "oneOf"]) {
    const entries = schema[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) if (entry && typeof entry === "object" && !Array.isArray(entry)) propertyHolders(entry as Record<string, unknown>, out);
  }
  return out;
}

/** A uiSchema where every x-attachment field renders with the "attachment" field. */
export function withAttachmentFields(schema: unknown, uiSchema: Record<string, unknown>): Record<string, unknown> {
  const s = schema as Record<string, unknown> | null;
  if (!s || typeof s !== "object") return uiSchema;
  if (attachmentSpec(s)) return { ...uiSchema, "ui:field": "attachment" };
  const result: Record<string, unknown> = { ...uiSchema };
  for (const holder of propertyHolders(s)) {
    const properties = holder.properties as Record<string, unknown> | undefined;
    if (!properties || typeof properties !== "object") continue;
    for (const [name, child] of Object.entries(properties)) {
      const childUi = (result[name] as Record<string, unknown> | undefined) ?? {};
      const next = withAttachmentFields(child, childUi);
      if (next !== childUi) result[name] = next;
    }
  }
  const items = s.items;
  if (items && typeof items === "object" && !Array.isArray(items)) {
    const childUi = (uiSchema.items as Record<string, unknown> | undefined) ?? {};
    const next = withAttachmentFields(items, childUi);
    if (next !== childUi) result.items = next;
  }
  return result;
}

/** Where a saved attachment's thumbnail and content are served (GET with the bearer token). */
export function savedFileUrls(attachmentId: string): { thumbnail: string; original: string } {
  const id = encodeURIComponent(rawId(attachmentId));
  return { thumbnail: `/files/${id}/thumbnail`, original: `/files/${id}` };
}

/**
 * What to show for an attachment of a resumed draft, from the thumbnail request's status:
 * the thumbnail (200), the image itself while its thumbnail is still being made (409),
 * otherwise the file tag (404: not an image, or no longer readable).
 */
export function savedPreviewStep(status: number): "thumbnail" | "original" | "none" {
  if (status >= 200 && status < 300) return "thumbnail";
  if (status === 409) return "original";
  return "none";
}

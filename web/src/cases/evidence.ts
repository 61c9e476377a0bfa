// What the case page shows of a submission's evidence: photos and signatures as thumbnails
// (opening the full image), other files as download links, each under its caption.

export interface CaseAttachment {
  id: string;
  kind: "PHOTO" | "FILE" | "SIGNATURE";
  fileName: string;
  contentType: string;
  byteSize: number;
  caption?: string | null;
  fieldPath: string;
  url: string;
  thumbnailUrl?: string | null;
  hasThumbnail: boolean;
}

export interface EvidenceGroups {
  images: CaseAttachment[];
  files: CaseAttachment[];
}

/** Images (photos, drawn signatures) are shown; everything else is a file to download. */
export function evidenceGroups(attachments: readonly CaseAttachment[]): EvidenceGroups {
  const images: CaseAttachment[] = [];
  const files: CaseAttachment[] = [];
  for (const attachment of attachments) {
    (attachment.contentType.startsWith("image/") ? images : files).push(attachment);
  }
  return { images, files };
}

/** The line under a thumbnail or a link: the caption given, else the file's name; a
 *  signature without a caption is called one ("签名" / "Signature"). */
export function evidenceLabel(attachment: CaseAttachment, signatureWord: string): string {
  const caption = attachment.caption?.trim();
  if (caption) return caption;
  if (attachment.kind === "SIGNATURE") return signatureWord;
  return attachment.fileName;
}

/** Where a thumbnail comes from: the small JPEG once the job made it, the image itself until then. */
export function thumbnailSource(attachment: CaseAttachment): string {
  return attachment.hasThumbnail && attachment.thumbnailUrl ? attachment.thumbnailUrl : attachment.url;
}

/** A file's size as people read it: 512 B, 3.4 KB, 2.1 MB. */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

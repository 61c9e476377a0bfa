import { authFetch } from "../api/client";

/** Files behind the bearer token (reports, evidence): fetch, then hand the browser a blob to save. */
export async function download(url: string, name: string): Promise<boolean> {
  const response = await authFetch(url);
  if (!response.ok) return false;
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return true;
}

/** An image behind the bearer token as a blob URL the caller revokes, or null when not readable. */
export async function imageUrl(url: string): Promise<string | null> {
  const response = await authFetch(url).catch(() => null);
  if (!response?.ok) return null;
  const blob = await response.blob();
  return blob.type.startsWith("image/") ? URL.createObjectURL(blob) : null;
}

import { authFetch } from "../api/client";

/**
 * Reports are served to the bearer token only (tokens live in memory, a plain link would
 * carry none): fetch with the token, then hand the browser the PDF as a blob.
 */
export async function downloadReport(url: string, fileName: string): Promise<boolean> {
  const response = await authFetch(url);
  if (!response.ok) return false;
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return true;
}

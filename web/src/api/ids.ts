/** A global id ("Type:uuid", base64url) as the raw uuid that plain HTTP endpoints take. */
export function rawId(globalId: string): string {
  try {
    const padded = globalId.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (globalId.length % 4)) % 4);
    const decoded = atob(padded);
    const colon = decoded.indexOf(":");
    const id = colon > 0 ? decoded.slice(colon + 1) : "";
    return /^[0-9a-f-]{36}$/i.test(id) ? id : globalId;
  } catch {
    return globalId;
  }
}

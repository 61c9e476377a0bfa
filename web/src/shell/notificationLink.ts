/**
 * A notification's link is a route inside the portal. Anything else (another origin, a
 * protocol-relative or script URL) is not followed: the list shows it without a link.
 */
export function portalRoute(link: string | null | undefined): string | null {
  if (!link || !link.startsWith("/") || link.startsWith("//") || link.includes("\\")) return null;
  return link;
}

/** "3", "99+": the bell's badge text. */
export function badgeText(count: number): string | null {
  if (count <= 0) return null;
  return count > 99 ? "99+" : String(count);
}

// Everything the bundle needs to know about its server comes from its own origin: the same
// build runs behind `make run`, the Vite dev server (which proxies the API) and nginx.
export const origin = window.location.origin;
export const CLIENT_ID = "auditportal-web";
// The scopes the first-party client may hold; the server narrows them to the user's role.
export const SCOPES = [
  "openid",
  "profile",
  "email",
  "audit:read",
  "clients:write",
  "crm:write",
  "customers:classify",
  "customers:import",
  "customers:read",
  "customers:write",
  "forms:read",
  "forms:write",
  "grants:write",
  "jobs:read",
  "plans:read",
  "plans:write",
  "submissions:read",
  "submissions:write",
  "users:read",
  "users:write",
  "workflows:read",
  "workflows:write",
].join(" ");

/** The nonce the server put into index.html; antd's CSS-in-JS needs it under our CSP. */
export function cspNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || meta?.getAttribute("nonce") || undefined;
  return nonce && nonce !== "__CSP_NONCE__" ? nonce : undefined;
}

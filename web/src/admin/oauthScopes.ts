/** The scopes a client may be allowed (auth/policy.py PERMISSION_SCOPES plus OIDC's). */
export const SCOPES = [
  "openid",
  "profile",
  "email",
  "forms:read",
  "forms:write",
  "submissions:read",
  "submissions:write",
  "customers:read",
  "customers:write",
  "customers:classify",
  "customers:import",
  "users:read",
  "users:write",
  "clients:write",
  "grants:write",
  "audit:read",
  "workflows:read",
  "workflows:write",
  "crm:write",
  "plans:read",
  "plans:write",
  "jobs:read",
] as const;

export const GRANT_TYPES = ["authorization_code", "refresh_token", "client_credentials"] as const;

export interface NewClient {
  clientId: string;
  name: string;
  grantTypes: string[];
  redirectUris?: string;
  allowedScopes?: string[];
  confidential: boolean;
}

/** The form's values as the mutation's input: one redirect URI a line, blanks dropped. */
export function clientInput(values: NewClient) {
  return {
    clientId: values.clientId.trim(),
    name: values.name.trim(),
    grantTypes: values.grantTypes,
    redirectUris: (values.redirectUris ?? "")
      .split(/\s+/)
      .map((uri) => uri.trim())
      .filter(Boolean),
    allowedScopes: values.allowedScopes ?? [],
    confidential: values.confidential,
  };
}

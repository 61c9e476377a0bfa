import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { CLIENT_ID, SCOPES, origin } from "../config";
import { currentLanguage } from "../i18n";

// Authorization code + PKCE against the portal's own OAuth server. Tokens live in memory only
// (a reload signs in again, which the server's sign-in page makes quick); only the PKCE
// verifier and state wait in sessionStorage across the redirect. Access tokens are renewed
// with the rotating refresh token before they expire.
export const userManager = new UserManager({
  authority: origin,
  client_id: CLIENT_ID,
  redirect_uri: `${origin}/callback`,
  post_logout_redirect_uri: `${origin}/signed-out`,
  response_type: "code",
  scope: SCOPES,
  userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
  stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  automaticSilentRenew: true,
  loadUserInfo: false,
  // No end-session endpoint: sign-out revokes the tokens and forgets them.
  revokeTokensOnSignout: true,
});

export interface ReturnState {
  returnTo: string;
}

export function signIn(returnTo = window.location.pathname + window.location.search): Promise<void> {
  return userManager.signinRedirect({
    state: { returnTo } satisfies ReturnState,
    extraQueryParams: { ui_locales: currentLanguage() },
  });
}

export async function completeSignIn(): Promise<string> {
  const user = await userManager.signinCallback();
  const state = (user?.state ?? {}) as Partial<ReturnState>;
  const target = typeof state.returnTo === "string" && state.returnTo.startsWith("/") ? state.returnTo : "/";
  return target.startsWith("/callback") ? "/" : target;
}

export async function signOut(): Promise<void> {
  try {
    // RFC 7009: the refresh token too, so a stolen copy is useless afterwards.
    await userManager.revokeTokens(["refresh_token", "access_token"]);
  } catch {
    // The server may refuse public-client revocation (older servers) or be offline; the
    // tokens are forgotten either way and expire on their own.
  }
  await userManager.removeUser();
  window.location.assign("/signed-out");
}

export async function accessToken(): Promise<string | null> {
  const user: User | null = await userManager.getUser();
  if (!user) return null;
  if (user.expired && user.refresh_token) {
    try {
      const renewed = await userManager.signinSilent();
      return renewed?.access_token ?? null;
    } catch {
      return null;
    }
  }
  return user.expired ? null : user.access_token;
}

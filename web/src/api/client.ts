import { Client, cacheExchange, fetchExchange } from "urql";
import { accessToken, signIn } from "../auth/auth";
import { currentLanguage, type Language } from "../i18n";

// urql: the lightest full client here (document cache, multipart uploads through the fetch
// exchange, React hooks); Apollo costs ~57 KB gz more. Every request carries the bearer token
// and the chosen language, so server errors come back in the language on screen.

/** fetch() with the portal's headers; for GraphQL, uploads and file/report downloads. */
export async function authFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = await accessToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (!headers.has("Accept-Language")) headers.set("Accept-Language", currentLanguage());
  const response = await fetch(input, { ...init, headers });
  if (response.status === 401) {
    // The session ended (revoked, expired refresh token): sign in again and come back here.
    void signIn();
  }
  return response;
}

export function createClient(language: Language): Client {
  return new Client({
    url: "/graphql",
    fetchOptions: { headers: { "Accept-Language": language } },
    exchanges: [cacheExchange, fetchExchange],
    fetch: authFetch,
    requestPolicy: "cache-and-network",
    preferGetMethod: false,
  });
}

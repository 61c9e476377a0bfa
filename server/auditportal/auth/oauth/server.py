"""The authorization server: Authlib's grants and endpoints on our data (``store``).

Authorization code (PKCE S256 required, ``plain`` refused) with OpenID Connect ID tokens,
client credentials, refresh tokens with rotation and reuse detection, revocation (RFC 7009)
and introspection (RFC 7662) for confidential clients. Everything here is synchronous and
runs in a worker thread (see ``bridge``); database work goes through ``run_async``.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any
from uuid import UUID

from authlib.oauth2.rfc6749 import (  # type: ignore[import-untyped]
    AuthorizationServer,
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    grants,
)
from authlib.oauth2.rfc6749.grants.authorization_code import (  # type: ignore[import-untyped]
    AuthorizationCodeGrant,
)
from authlib.oauth2.rfc7009 import RevocationEndpoint  # type: ignore[import-untyped]
from authlib.oauth2.rfc7636 import CodeChallenge  # type: ignore[import-untyped]
from authlib.oauth2.rfc7662 import IntrospectionEndpoint  # type: ignore[import-untyped]
from authlib.oidc.core import OpenIDCode, UserInfo  # type: ignore[import-untyped]
from joserfc.jwk import ECKey
from starlette.responses import JSONResponse, Response

from auditportal.auth.clients import OIDC_SCOPES
from auditportal.auth.keys import signing_key
from auditportal.auth.oauth import store
from auditportal.auth.oauth.bridge import StarletteOAuth2Request, run_async
from auditportal.auth.policy import ALL_SCOPES, default_scopes
from auditportal.auth.tokens import (
    AccessClaims,
    InvalidToken,
    audience,
    is_revoked,
    issue_access_token,
    verify_access_token,
)
from auditportal.settings import Settings

CLIENT_AUTH = ["client_secret_basic", "client_secret_post"]
ID_TOKEN_ALG = "ES256"  # noqa: S105 - an algorithm name


def supported_scopes() -> list[str]:
    return sorted(OIDC_SCOPES | ALL_SCOPES)


class S256Only(CodeChallenge):  # type: ignore[misc]
    """PKCE is required on every authorization request, and only with S256."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012 - Authlib's class attribute

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send 'code_challenge' (S256).")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("Only code_challenge_method=S256 is supported.")
        super().validate_code_challenge(grant, redirect_uri)

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        if not grant.request.form.get("code_verifier"):
            raise InvalidRequestError("Missing 'code_verifier'.")
        super().validate_code_verifier(grant, result)


class CodeGrant(AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = [*CLIENT_AUTH, "none"]  # noqa: RUF012

    def save_authorization_code(self, code: str, request: StarletteOAuth2Request) -> None:
        data = request.payload.data
        user: store.Account = request.user
        # A token never carries a scope the role could not use (OIDC scopes aside).
        usable = default_scopes(user.role) | OIDC_SCOPES
        scope = " ".join(s for s in str(request.scope or "").split() if s in usable)
        run_async(
            store.save_code(
                self.server.settings,
                code,
                request.client,
                user,
                redirect_uri=request.payload.redirect_uri or request.client.redirect_uris[0],
                scope=scope,
                nonce=data.get("nonce"),
                code_challenge=data["code_challenge"],
                code_challenge_method=data.get("code_challenge_method", "S256"),
            )
        )

    def query_authorization_code(self, code: str, client: store.Client) -> store.Code | None:
        return run_async(store.claim_code(code, client))

    def delete_authorization_code(self, authorization_code: store.Code) -> None:
        """Nothing to do: ``claim_code`` already used the code up."""

    def authenticate_user(self, authorization_code: store.Code) -> store.Account | None:
        return run_async(
            store.find_account(authorization_code.user_id, authorization_code.auth_time)
        )


class RefreshGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = [*CLIENT_AUTH, "none"]  # noqa: RUF012
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> store.Refresh | None:
        return run_async(store.refresh_for_use(refresh_token))

    def authenticate_user(self, refresh_token: store.Refresh) -> store.Account | None:
        return run_async(store.find_account(refresh_token.user_id, refresh_token.auth_time))

    def revoke_old_credential(self, refresh_token: store.Refresh) -> None:
        """Nothing to do: ``save_token`` rotated it atomically with storing its successor."""


class ClientCredentialsGrant(grants.ClientCredentialsGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = CLIENT_AUTH


class OpenIDConnect(OpenIDCode):  # type: ignore[misc]
    def __init__(self, settings: Settings) -> None:
        super().__init__(require_nonce=False)
        self.settings = settings

    def exists_nonce(self, nonce: str, request: StarletteOAuth2Request) -> bool:
        return run_async(store.nonce_used(request.payload.client_id, nonce))

    def resolve_client_private_key(self, client: store.Client) -> ECKey:
        return signing_key(self.settings)

    def get_client_algorithm(self, client: store.Client) -> str:
        return ID_TOKEN_ALG

    def get_encode_header(self, client: store.Client) -> dict[str, str]:
        return {"alg": ID_TOKEN_ALG, "typ": "JWT", "kid": str(signing_key(self.settings).kid)}

    def get_client_claims(self, client: store.Client) -> dict[str, Any]:
        now = int(time.time())
        return {
            "iss": self.settings.issuer,
            "aud": [client.client_id],
            "azp": client.client_id,
            "iat": now,
            "exp": now + self.settings.id_token_ttl_seconds,
        }

    def generate_user_info(self, user: store.Account, scope: str) -> UserInfo:
        return user_info(user, scope)


def user_info(user: store.Account, scope: str) -> UserInfo:
    scopes = set(scope.split())
    info: dict[str, Any] = {"sub": str(user.id)}
    if "profile" in scopes:
        info.update(
            preferred_username=user.username,
            name=user.display_name or user.username,
            locale=user.preferred_language,
            auditportal_role=user.role.value,
        )
    if "email" in scopes and user.email:
        info.update(email=user.email)
    return UserInfo(info)


def _access_view(settings: Settings, token: str) -> store.Access | None:
    try:
        claims = verify_access_token(settings, token)
    except InvalidToken:
        return None
    return store.Access(claims, run_async(is_revoked(claims.token_id)))


def _query_any_token(
    settings: Settings, token: str, hint: str | None
) -> store.Access | store.Refresh | None:
    """Access tokens are JWTs (three dot-separated parts); refresh tokens have no dots."""
    if token.count(".") == 2:
        return _access_view(settings, token)
    return run_async(store.find_refresh(token))


class Revocation(RevocationEndpoint):  # type: ignore[misc]
    # Public clients (the web portal, PKCE) revoke their own tokens at sign-out, naming
    # themselves by client_id (RFC 7009 section 2.1); a token of another client is refused.
    CLIENT_AUTH_METHODS = [*CLIENT_AUTH, "none"]  # noqa: RUF012 - Authlib's class attribute

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        return _query_any_token(self.server.settings, token_string, token_type_hint)

    def revoke_token(self, token: store.Access | store.Refresh, request: Any) -> None:
        run_async(store.revoke(request.client, token))


class Introspection(IntrospectionEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = CLIENT_AUTH

    def query_token(self, token_string: str, token_type_hint: str | None) -> Any:
        return _query_any_token(self.server.settings, token_string, token_type_hint)

    def check_permission(self, token: Any, client: store.Client, request: Any) -> bool:
        # A client may introspect the tokens issued to it.
        return bool(token.check_client(client))

    def introspect_token(self, token: store.Access | store.Refresh) -> dict[str, Any]:
        settings: Settings = self.server.settings
        if isinstance(token, store.Refresh):
            return {
                "active": True,
                "token_type": "refresh_token",
                "client_id": token.client_id,
                "scope": token.scope,
                "sub": str(token.user_id),
                "username": run_async(store.username_of(token.user_id)),
                "exp": token.expires_at,
                "iat": token.issued_at,
                "iss": settings.issuer,
            }
        claims = token.claims
        return {
            "active": True,
            "token_type": "Bearer",
            "client_id": claims.client_id,
            "scope": token.get_scope(),
            "sub": str(claims.subject),
            "username": run_async(store.username_of(claims.subject)),
            "exp": claims.expires_at,
            "iat": claims.issued_at,
            "iss": settings.issuer,
            "aud": audience(settings),
            "jti": claims.token_id,
        }


class PortalAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    """Authlib's server with our data hooks and the Starlette response integration."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(scopes_supported=supported_scopes())
        self.settings = settings
        self.register_token_generator("default", self._generate_token)
        self.register_grant(CodeGrant, [S256Only(required=True), OpenIDConnect(settings)])
        self.register_grant(RefreshGrant)
        self.register_grant(ClientCredentialsGrant)
        self.register_endpoint(Revocation)
        self.register_endpoint(Introspection)

    # --- framework integration ------------------------------------------------------------

    def create_oauth2_request(self, request: Any) -> StarletteOAuth2Request:
        if isinstance(request, StarletteOAuth2Request):
            return request
        raise TypeError("read the request with bridge.read_request first")

    def handle_response(self, status: int, body: Any, headers: list[tuple[str, str]]) -> Response:
        header_map = dict(headers)
        if isinstance(body, dict):
            header_map.pop("Content-Type", None)
            return JSONResponse(body, status_code=status, headers=header_map)
        return Response(body or b"", status_code=status, headers=header_map)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No signal system here; audit events are written by the store."""

    def query_client(self, client_id: str) -> store.Client | None:
        return run_async(store.find_client(client_id))

    # --- tokens ---------------------------------------------------------------------------

    def _generate_token(
        self,
        grant_type: str,
        client: store.Client,
        user: store.Account | None = None,
        scope: str | None = None,
        expires_in: int | None = None,
        include_refresh_token: bool = True,
    ) -> dict[str, Any]:
        if user is not None:
            subject = user.id
            granted = scope or ""
            auth_time: int | None = user.auth_time or None
        else:
            # Client credentials: the client's own service account, never a person.
            if client.service_user_id is None:
                raise InvalidClientError("This client has no service account.")
            subject = client.service_user_id
            granted = client.get_allowed_scope(scope) or ""
            auth_time = None
        scopes = frozenset(granted.split())
        ttl = expires_in or self.settings.access_token_ttl_seconds
        token: dict[str, Any] = {
            "token_type": "Bearer",
            "access_token": issue_access_token(
                self.settings, subject, scopes, client.client_id, ttl, auth_time=auth_time
            ),
            "expires_in": ttl,
            "scope": " ".join(sorted(scopes)),
        }
        if include_refresh_token and user is not None:
            token["refresh_token"] = secrets.token_urlsafe(32)
        return token

    def save_token(self, token: dict[str, Any], request: StarletteOAuth2Request) -> None:
        claims: AccessClaims = verify_access_token(self.settings, token["access_token"])
        previous = (
            request.refresh_token if isinstance(request.refresh_token, store.Refresh) else None
        )
        user: store.Account | None = request.user
        try:
            run_async(
                store.save_tokens(
                    self.settings,
                    grant_type=request.payload.grant_type,
                    client=request.client,
                    subject=UUID(str(claims.subject)),
                    access_claims=claims,
                    refresh_token=token.get("refresh_token"),
                    previous=previous,
                    auth_time=user.auth_time if user else 0,
                )
            )
        except store.RefreshRace as error:
            raise InvalidGrantError("The refresh token was already used.") from error


def error_body(error: str, description: str) -> dict[str, str]:
    return {"error": error, "error_description": description}


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)

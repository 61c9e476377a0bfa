"""HTTP endpoints of the authorization server and OpenID provider.

/.well-known/openid-configuration  discovery (also /.well-known/oauth-authorization-server)
/oauth/jwks                        public signing keys (active and recently retired)
/oauth/authorize                   sign-in page (GET), sign-in and consent forms (POST)
/oauth/token                       authorization_code (+PKCE), refresh_token, client_credentials
/oauth/revoke                      RFC 7009, confidential clients and public ones (own tokens)
/oauth/introspect                  RFC 7662, confidential clients
/oauth/userinfo                    OpenID Connect userinfo, bearer token with ``openid``
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import httpx
from authlib.oauth2.rfc6749 import OAuth2Error  # type: ignore[import-untyped]
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth import federation, throttle
from auditportal.auth.keys import jwks_document
from auditportal.auth.oauth import store
from auditportal.auth.oauth.bridge import (
    StarletteOAuth2Request,
    call_authlib,
    parameter_problem,
    read_request,
)
from auditportal.auth.oauth.formtoken import (
    COOKIE_NAME,
    FormGrant,
    issue_form_token,
    new_browser_secret,
    seal,
    unseal,
    verify_form_token,
)
from auditportal.auth.oauth.pages import (
    change_password_page,
    consent_page,
    error_page,
    signin_page,
)
from auditportal.auth.oauth.server import (
    CLIENT_AUTH,
    ID_TOKEN_ALG,
    PortalAuthorizationServer,
    supported_scopes,
    user_info,
)
from auditportal.auth.passwords import MIN_PASSWORD_LENGTH, verify_password
from auditportal.auth.principal import Principal
from auditportal.auth.users import (
    active_user,
    active_user_by_username,
    replace_one_time_password,
)
from auditportal.errors import NotAllowed, ValidationFailed
from auditportal.i18n import negotiate_language, translate
from auditportal.settings import Language, Settings

logger = logging.getLogger("auditportal.oauth")
_FEDERATION_COOKIE = "auditportal_federation"
_FEDERATION_PURPOSE = "federation"
# Form fields of our pages that are not authorization request parameters.
_FORM_FIELDS = frozenset(
    {"step", "form_token", "username", "password", "decision", "new_password", "repeat_password"}
)
_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers={"Cache-Control": "no-store"},
    )


async def _record_sign_in(user: Any, client: store.Client, address: str, method: str) -> None:
    await audit.record(
        Principal(subject=f"user:{user.username}", role=user.role, user_id=user.id),
        "signin.success",
        "User",
        user.id,
        {"client_id": client.client_id, "address": address, "method": method},
    )


class OAuthEndpoints:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.server = PortalAuthorizationServer(settings)

    # --- helpers --------------------------------------------------------------------------

    def _language(self, request: Request, params: list[tuple[str, str]]) -> Language:
        fallback = negotiate_language(
            request.headers.get("accept-language"), self.settings.default_language
        )
        ui_locales = dict(params).get("ui_locales", "")
        return negotiate_language(",".join(ui_locales.split()), fallback)

    def _page(self, html: str, status: int = 200, secret: str | None = None) -> HTMLResponse:
        response = HTMLResponse(html, status_code=status, headers=_PAGE_HEADERS)
        if secret is not None:
            response.set_cookie(
                COOKIE_NAME,
                secret,
                max_age=self.settings.signin_form_ttl_seconds,
                path="/oauth/authorize",
                httponly=True,
                samesite="lax",
                secure=self.settings.issuer.startswith("https://"),
            )
        return response

    def _authorization_request(
        self, request: Request, params: list[tuple[str, str]]
    ) -> StarletteOAuth2Request:
        uri = f"{self.settings.issuer}/oauth/authorize"
        return StarletteOAuth2Request("GET", uri, request.headers, params, [])

    def _authorization_failed(self, error: OAuth2Error, language: Language) -> Response:
        if error.redirect_uri:  # the client and its redirect URI are known: tell the client
            response: Response = self.server.handle_response(*error())
            return response
        detail = error.description or error.error
        message = translate("oauth.request_invalid", language, detail=detail)
        return self._page(error_page(language, message), 400)

    async def _validated_grant(self, request: Request, params: list[tuple[str, str]]) -> Any:
        oauth_request = self._authorization_request(request, params)
        return await call_authlib(self.server.get_consent_grant, oauth_request, None)

    async def _issue_code(self, grant: Any, account: store.Account | None) -> Response:
        response: Response = await call_authlib(
            self.server.create_authorization_response, grant.request, account, grant
        )
        return response

    # --- authorization endpoint -----------------------------------------------------------

    async def authorize(self, request: Request) -> Response:
        if request.method == "GET":
            items = list(request.query_params.multi_items())
            form: dict[str, str] = {}
        else:
            data = await request.form()
            pairs = [(k, v) for k, v in data.multi_items() if isinstance(v, str)]
            items = [(k, v) for k, v in pairs if k not in _FORM_FIELDS]
            form = {k: v for k, v in pairs if k in _FORM_FIELDS}
        language = self._language(request, items)
        # The sign-in form's own fields are checked too; a username longer than the column
        # is refused here as any other over-long parameter, before a lookup could fail.
        problem = parameter_problem([*items, *form.items()])
        if problem is not None:
            message = translate("oauth.request_invalid", language, detail=problem.message(language))
            return self._page(error_page(language, message), 400)
        try:
            grant = await self._validated_grant(request, items)
        except OAuth2Error as error:
            return self._authorization_failed(error, language)
        client: store.Client = grant.request.client
        secret = request.cookies.get(COOKIE_NAME)
        if request.method == "GET":
            secret = secret or new_browser_secret()
            return self._signin(language, client, items, secret)
        step = form.get("step", "")
        granted = verify_form_token(
            self.settings,
            form.get("form_token", ""),
            step=step,
            params=items,
            browser_secret=secret,
        )
        if granted is None:
            return self._page(error_page(language, translate("signin.expired", language)), 400)
        if step == "consent" and granted.user_id is not None:
            return await self._consent_decision(grant, granted.user_id, granted.auth_time, form)
        if step == "change_password" and granted.user_id is not None:
            return await self._change_password(
                request, grant, client, items, form, language, secret or "", granted
            )
        return await self._sign_in(request, grant, client, items, form, language, secret or "")

    def _signin(
        self,
        language: Language,
        client: store.Client,
        items: list[tuple[str, str]],
        secret: str,
        *,
        username: str = "",
        error: str | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        token = issue_form_token(self.settings, step="signin", params=items, browser_secret=secret)
        provider = None
        if self.settings.federation_enabled:
            link = f"/oauth/federated/start?{urlencode(items)}"
            provider = (self.settings.oidc_provider_name, link)
        html = signin_page(
            language,
            client_name=client.name,
            params=items,
            form_token=token,
            username=username,
            error=error,
            provider=provider,
        )
        return self._page(html, status, secret)

    async def _sign_in(
        self,
        request: Request,
        grant: Any,
        client: store.Client,
        items: list[tuple[str, str]],
        form: dict[str, str],
        language: Language,
        secret: str,
    ) -> Response:
        username = form.get("username", "").strip()
        password = form.get("password", "")
        address = request.client.host if request.client else "unknown"
        keys = throttle.ThrottleKeys.of(username, address)
        locked = await throttle.locked_until(keys)
        if locked is None:
            user = await active_user_by_username(username) if username else None
            password_hash = user.password_hash if user else None
            # argon2 is deliberately slow: keep it off the event loop.
            ok = await asyncio.to_thread(verify_password, password_hash, password)
            if ok and user is not None:
                return await self._signed_in(request, grant, client, items, user, secret)
            locked = await throttle.record_failure(self.settings, keys, client_id=client.client_id)
            if locked is None:
                message = translate("signin.failed", language)
                return self._signin(
                    language, client, items, secret, username=username, error=message, status=401
                )
        minutes = max(1, math.ceil((locked - datetime.now(UTC)).total_seconds() / 60))
        message = translate("signin.locked", language, minutes=minutes)
        return self._signin(
            language, client, items, secret, username=username, error=message, status=429
        )

    async def _signed_in(
        self,
        request: Request,
        grant: Any,
        client: store.Client,
        items: list[tuple[str, str]],
        user: Any,
        secret: str,
    ) -> Response:
        address = request.client.host if request.client else "unknown"
        keys = throttle.ThrottleKeys.of(user.username, address)
        async with in_transaction():
            await throttle.record_success(keys)
            await _record_sign_in(user, client, address, "password")
        if user.must_change_password:
            language = self._language(request, items)
            return self._change_password_page(language, items, user, secret)
        return await self._authenticated(request, grant, client, items, user, secret)

    # --- a one-time password is replaced before the sign-in completes ----------------------

    def _change_password_page(
        self,
        language: Language,
        items: list[tuple[str, str]],
        user: Any,
        secret: str,
        *,
        error: str | None = None,
        status: int = 200,
    ) -> HTMLResponse:
        token = issue_form_token(
            self.settings,
            step="change_password",
            params=items,
            browser_secret=secret,
            user_id=str(user.id),
            auth_time=int(time.time()),
        )
        html = change_password_page(
            language,
            user_name=user.display_name or user.username,
            params=items,
            form_token=token,
            min_length=MIN_PASSWORD_LENGTH,
            error=error,
        )
        return self._page(html, status, secret)

    async def _change_password(
        self,
        request: Request,
        grant: Any,
        client: store.Client,
        items: list[tuple[str, str]],
        form: dict[str, str],
        language: Language,
        secret: str,
        granted: FormGrant,
    ) -> Response:
        user = await active_user(UUID(str(granted.user_id)))
        if user is None:
            return self._page(error_page(language, translate("signin.expired", language)), 400)
        new = form.get("new_password", "")
        if new != form.get("repeat_password", ""):
            message = translate("password.mismatch", language)
            return self._change_password_page(language, items, user, secret, error=message,
                                              status=400)  # fmt: skip
        principal = Principal(
            subject=f"user:{user.username}", role=user.role, user_id=user.id,
            username=user.username,
        )  # fmt: skip
        try:
            user = await replace_one_time_password(principal, new)
        except ValidationFailed as error:
            message = " ".join(translate(i.code, language, **i.params) for i in error.issues)
            return self._change_password_page(language, items, user, secret, error=message,
                                              status=400)  # fmt: skip
        except NotAllowed:
            return self._page(error_page(language, translate("signin.expired", language)), 400)
        return await self._authenticated(request, grant, client, items, user, secret)

    async def _authenticated(
        self,
        request: Request,
        grant: Any,
        client: store.Client,
        items: list[tuple[str, str]],
        user: Any,
        secret: str,
    ) -> Response:
        """Signed in: first-party clients get their code, others ask for consent first."""
        account = store.Account.of(user, int(time.time()))
        if client.first_party:
            return await self._issue_code(grant, account)
        language = self._language(request, items)
        token = issue_form_token(
            self.settings,
            step="consent",
            params=items,
            browser_secret=secret,
            user_id=str(user.id),
            auth_time=account.auth_time,
        )
        html = consent_page(
            language,
            client_name=client.name,
            user_name=user.display_name or user.username,
            scopes=str(grant.request.scope or "").split(),
            params=items,
            form_token=token,
        )
        return self._page(html, 200, secret)

    async def _consent_decision(
        self, grant: Any, user_id: str, auth_time: int | None, form: dict[str, str]
    ) -> Response:
        account = await store.find_account(UUID(user_id), auth_time or int(time.time()))
        allowed = form.get("decision") == "allow" and account is not None
        return await self._issue_code(grant, account if allowed else None)

    # --- federation: sign-in through an external OpenID Connect provider -------------------

    async def federated_start(self, request: Request) -> Response:
        items = list(request.query_params.multi_items())
        language = self._language(request, items)
        problem = parameter_problem(items)
        if problem is not None:
            message = translate("oauth.request_invalid", language, detail=problem.message(language))
            return self._page(error_page(language, message), 400)
        if not self.settings.federation_enabled:
            return self._page(error_page(language, translate("federation.failed", language)), 404)
        try:
            await self._validated_grant(request, items)
        except OAuth2Error as error:
            return self._authorization_failed(error, language)
        try:
            url, pending = await federation.start(self.settings, language)
        except (httpx.HTTPError, federation.FederationFailed, KeyError, ValueError):
            logger.warning("federation: the provider's discovery failed", exc_info=True)
            return self._page(error_page(language, translate("federation.failed", language)), 502)
        sealed = seal(
            self.settings,
            _FEDERATION_PURPOSE,
            {
                "params": items,
                "state": pending.state,
                "nonce": pending.nonce,
                "verifier": pending.verifier,
                "language": language,
            },
            self.settings.signin_form_ttl_seconds,
        )
        response = RedirectResponse(url, status_code=302, headers=_PAGE_HEADERS)
        response.set_cookie(
            _FEDERATION_COOKIE,
            sealed,
            max_age=self.settings.signin_form_ttl_seconds,
            path="/oauth/federated",
            httponly=True,
            samesite="lax",
            secure=self.settings.issuer.startswith("https://"),
        )
        return response

    async def federated_callback(self, request: Request) -> Response:
        data = unseal(self.settings, _FEDERATION_PURPOSE, request.cookies.get(_FEDERATION_COOKIE))
        fallback = negotiate_language(
            request.headers.get("accept-language"), self.settings.default_language
        )
        if data is None or not self.settings.federation_enabled:
            return self._page(error_page(fallback, translate("signin.expired", fallback)), 400)
        language: Language = "zh-CN" if data.get("language") == "zh-CN" else "en"
        items = [(str(k), str(v)) for k, v in data["params"]]
        pending = federation.Pending(data["state"], data["nonce"], data["verifier"])
        if request.query_params.get("state") != pending.state:
            return self._page(error_page(language, translate("signin.expired", language)), 400)
        try:
            grant = await self._validated_grant(request, items)
        except OAuth2Error as error:
            return self._authorization_failed(error, language)
        client: store.Client = grant.request.client
        try:
            if "error" in request.query_params:
                raise federation.FederationFailed("federation.failed", "provider refused")
            claims = await federation.finish(self.settings, pending, str(request.url))
            user = await federation.local_account(self.settings, claims)
        except federation.FederationFailed as failure:
            logger.info("federation: sign-in refused (%s)", failure)
            return self._page(error_page(language, translate(failure.key, language)), 403)
        address = request.client.host if request.client else "unknown"
        async with in_transaction():
            await _record_sign_in(user, client, address, "oidc")
        secret = new_browser_secret()
        response = await self._authenticated(request, grant, client, items, user, secret)
        response.delete_cookie(_FEDERATION_COOKIE, path="/oauth/federated")
        return response

    # --- token, revocation, introspection -------------------------------------------------

    async def _endpoint(self, request: Request, name: str | None) -> Response:
        try:
            oauth_request = await read_request(request, self.settings.issuer)
        except OAuth2Error as error:
            return _oauth_error(400, error.error, error.description or error.error)
        problem = parameter_problem(oauth_request.payload.data_items())
        if problem is not None:
            language = negotiate_language(
                request.headers.get("accept-language"), self.settings.default_language
            )
            return _oauth_error(400, "invalid_request", problem.message(language))
        if name is None:
            response: Response = await call_authlib(
                self.server.create_token_response, oauth_request
            )
        else:
            response = await call_authlib(self.server.create_endpoint_response, name, oauth_request)
        return response

    async def token(self, request: Request) -> Response:
        return await self._endpoint(request, None)

    async def revoke(self, request: Request) -> Response:
        return await self._endpoint(request, "revocation")

    async def introspect(self, request: Request) -> Response:
        return await self._endpoint(request, "introspection")

    # --- OpenID Connect ---------------------------------------------------------------------

    async def userinfo(self, request: Request) -> Response:
        principal: Principal | None = getattr(request.state, "principal", None)
        language = negotiate_language(
            request.headers.get("accept-language"), self.settings.default_language
        )
        if principal is None or principal.user_id is None:
            return JSONResponse(
                {"error": "invalid_token", "error_description": "Bearer token required."},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
        if "openid" not in principal.scopes:
            return JSONResponse(
                {
                    "error": "insufficient_scope",
                    "error_description": translate("oauth.userinfo_scope", language),
                },
                status_code=403,
                headers={"WWW-Authenticate": 'Bearer error="insufficient_scope", scope="openid"'},
            )
        account = await store.find_account(principal.user_id)
        if account is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        info = user_info(account, " ".join(principal.scopes))
        return JSONResponse(dict(info), headers={"Cache-Control": "no-store"})

    async def jwks(self, _: Request) -> JSONResponse:
        return JSONResponse(jwks_document(self.settings), headers={"Cache-Control": "max-age=300"})

    def metadata(self) -> dict[str, Any]:
        issuer = self.settings.issuer
        return {
            "issuer": issuer,
            "authorization_endpoint": f"{issuer}/oauth/authorize",
            "token_endpoint": f"{issuer}/oauth/token",
            "userinfo_endpoint": f"{issuer}/oauth/userinfo",
            "jwks_uri": f"{issuer}/oauth/jwks",
            "revocation_endpoint": f"{issuer}/oauth/revoke",
            "introspection_endpoint": f"{issuer}/oauth/introspect",
            "scopes_supported": supported_scopes(),
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [ID_TOKEN_ALG],
            "token_endpoint_auth_methods_supported": [*CLIENT_AUTH, "none"],
            "revocation_endpoint_auth_methods_supported": [*CLIENT_AUTH, "none"],
            "introspection_endpoint_auth_methods_supported": CLIENT_AUTH,
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": [
                "sub",
                "iss",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "nonce",
                "preferred_username",
                "name",
                "email",
                "locale",
                "auditportal_role",
            ],
            "ui_locales_supported": ["zh-CN", "en"],
            "claims_locales_supported": ["zh-CN", "en"],
        }

    async def discovery(self, _: Request) -> JSONResponse:
        return JSONResponse(self.metadata(), headers={"Cache-Control": "max-age=300"})

    def routes(self) -> list[Route]:
        return [
            Route("/.well-known/openid-configuration", self.discovery),
            Route("/.well-known/oauth-authorization-server", self.discovery),
            Route("/oauth/jwks", self.jwks),
            Route("/oauth/authorize", self.authorize, methods=["GET", "POST"]),
            Route("/oauth/token", self.token, methods=["POST"]),
            Route("/oauth/revoke", self.revoke, methods=["POST"]),
            Route("/oauth/introspect", self.introspect, methods=["POST"]),
            Route("/oauth/userinfo", self.userinfo, methods=["GET", "POST"]),
            Route("/oauth/federated/start", self.federated_start),
            Route(federation.CALLBACK_PATH, self.federated_callback),
        ]


def oauth_routes(settings: Settings) -> list[Route]:
    return OAuthEndpoints(settings).routes()

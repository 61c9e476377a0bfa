"""Development sign-in: a token for any active user by name, only in debug mode.

It exists so that a developer can try the API before the OAuth2 server is configured.
With debug off the route is not even mounted.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse

from auditportal.auth.policy import default_scopes
from auditportal.auth.tokens import issue_access_token
from auditportal.auth.users import active_user_by_username
from auditportal.i18n import negotiate_language, translate
from auditportal.settings import Settings

DEV_CLIENT_ID = "auditportal-dev-login"


def dev_login(settings: Settings) -> Callable[[Request], Awaitable[JSONResponse]]:
    """The /dev/login endpoint of this deployment."""

    async def endpoint(request: Request) -> JSONResponse:
        return await _dev_login(settings, request)

    return endpoint


async def _dev_login(settings: Settings, request: Request) -> JSONResponse:
    language = negotiate_language(request.headers.get("accept-language"), settings.default_language)
    try:
        body = json.loads(await request.body() or b"{}")
        username = str(body["username"])
    except (ValueError, KeyError, TypeError):
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    user = await active_user_by_username(username)
    if user is None:
        return JSONResponse(
            {
                "error": "invalid_grant",
                "error_description": translate("error.unknown_user", language),
            },
            status_code=400,
        )
    scopes = default_scopes(user.role)
    token = issue_access_token(settings, user.id, scopes, DEV_CLIENT_ID)
    return JSONResponse(
        {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": settings.access_token_ttl_seconds,
            "scope": " ".join(sorted(scopes)),
        },
        headers={"Cache-Control": "no-store"},
    )

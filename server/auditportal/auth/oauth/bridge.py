"""Authlib's synchronous server on Starlette and async Tortoise.

Authlib's ``AuthorizationServer`` and grants are synchronous. Each call into them runs in a
worker thread (``call_authlib``) so the event loop keeps serving; the hooks Authlib calls
from that thread (find a client, save a code, store a refresh token, ...) are coroutines that
``run_async`` schedules back on the request's event loop and waits for. The thread inherits
the request's context variables (``asyncio.to_thread`` copies them), and
``run_coroutine_threadsafe`` copies them again into the task, so the ORM context and the
request id for audit events are the request's own.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Coroutine, Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request  # type: ignore[import-untyped]
from starlette.requests import Request

from auditportal.i18n import translate
from auditportal.settings import Language

T = TypeVar("T")

# The longest value each request parameter may have: the columns it is stored in or looked
# up by (a longer client_id cannot name a client; a longer nonce cannot be saved), and a
# generous bound for the rest (tokens and codes are hashed, never stored as sent).
PARAMETER_LIMITS: dict[str, int] = {
    "client_id": 100,
    "nonce": 255,
    "code_challenge": 128,
    "code_challenge_method": 10,
    "redirect_uri": 2000,
    "scope": 1000,
    "username": 150,
}
DEFAULT_PARAMETER_LIMIT = 8192


@dataclass(frozen=True)
class ParameterProblem:
    """Why a parameter is refused before anything looks it up: an i18n key and its name."""

    key: str
    name: str

    def message(self, language: Language) -> str:
        return translate(self.key, language, name=self.name)


def parameter_problem(items: Iterable[tuple[str, str]]) -> ParameterProblem | None:
    """The first parameter no handler can take: a NUL (PostgreSQL text refuses it) or a
    value longer than where it goes. Checked once where requests are read, so every grant,
    lookup and page downstream sees only values the database can hold."""
    for name, value in items:
        if "\x00" in name or "\x00" in value:
            return ParameterProblem("oauth.parameter_nul", name.replace("\x00", ""))
        limit = PARAMETER_LIMITS.get(name, DEFAULT_PARAMETER_LIMIT)
        if len(value) > limit or len(name) > DEFAULT_PARAMETER_LIMIT:
            return ParameterProblem("oauth.parameter_too_long", name[:100])
    return None


_loop_var: ContextVar[asyncio.AbstractEventLoop | None] = ContextVar(
    "auditportal_oauth_loop", default=None
)


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """From an Authlib hook (worker thread): run a coroutine on the request's loop."""
    loop = _loop_var.get()
    if loop is None:
        coroutine.close()
        raise RuntimeError("run_async outside call_authlib")
    return asyncio.run_coroutine_threadsafe(coroutine, loop).result()


async def call_authlib(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a synchronous Authlib call in a thread; its hooks may use ``run_async``."""
    token = _loop_var.set(asyncio.get_running_loop())
    try:
        return await asyncio.to_thread(function, *args, **kwargs)
    finally:
        _loop_var.reset(token)


class Payload(OAuth2Payload):  # type: ignore[misc]
    """The request's parameters: the query string plus the form body, read beforehand."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self._data: dict[str, str] = {}
        self._datalist: defaultdict[str, list[str]] = defaultdict(list)
        for key, value in items:
            self._data.setdefault(key, value)
            self._datalist[key].append(value)

    @property
    def data(self) -> dict[str, str]:
        return self._data

    @property
    def datalist(self) -> defaultdict[str, list[str]]:
        return self._datalist

    def data_items(self) -> list[tuple[str, str]]:
        """Every parameter as sent, repeated ones included."""
        return [(key, value) for key, values in self._datalist.items() for value in values]


class StarletteOAuth2Request(OAuth2Request):  # type: ignore[misc]
    """An ``OAuth2Request`` made from an already-read Starlette request."""

    def __init__(
        self,
        method: str,
        uri: str,
        headers: Mapping[str, str],
        query: list[tuple[str, str]],
        form: list[tuple[str, str]],
    ) -> None:
        super().__init__(method=method, uri=uri, headers=headers)
        self._args = dict(query)
        self._form = dict(form)
        self.payload = Payload([*query, *form])

    @property
    def args(self) -> dict[str, str]:
        return self._args

    @property
    def form(self) -> dict[str, str]:
        return self._form


def public_uri(issuer: str, request: Request) -> str:
    """The request's URL as clients see it: the configured public base, not the socket's
    (behind a TLS-terminating proxy the socket says http; Authlib insists on https except
    on loopback addresses)."""
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{issuer}{request.url.path}{query}"


async def read_request(request: Request, issuer: str) -> StarletteOAuth2Request:
    """Read the body (async) and build the request Authlib works on (sync)."""
    form: list[tuple[str, str]] = []
    content_type = request.headers.get("content-type", "")
    if request.method == "POST" and content_type.startswith("application/x-www-form-urlencoded"):
        data = await request.form()
        form = [(key, value) for key, value in data.multi_items() if isinstance(value, str)]
    return StarletteOAuth2Request(
        request.method,
        public_uri(issuer, request),
        request.headers,  # case-insensitive, as Authlib expects
        list(request.query_params.multi_items()),
        form,
    )

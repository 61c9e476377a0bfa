"""Local HTTP servers that answer like Zoho CRM and Fxiaoke's open API, for sync tests.

Real uvicorn servers in a thread, on a free port. Shapes follow the vendors' published
documentation (cited in ``auditportal.imports.connectors.zoho`` and ``.fxiaoke``): token
responses, record pages and paging info, 304 on If-Modified-Since, 401 INVALID_TOKEN, 429
rate limits, Fxiaoke's HTTP-200 errors with ``errorCode`` (20016: token expired).
"""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: Starlette) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("test CRM server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@dataclass
class ZohoState:
    client_id: str = "1000.CLIENT"
    client_secret: str = "client-secret"
    refresh_token: str = "1000.refresh"
    records: list[dict[str, Any]] = field(default_factory=list)
    # Access tokens and how many record requests each may still serve.
    tokens: dict[str, int] = field(default_factory=dict)
    token_lifetime_requests: int = 1000
    rate_limited_requests: int = 0
    error: tuple[int, dict[str, Any]] | None = None
    base_url: str = ""
    log: list[dict[str, Any]] = field(default_factory=list)
    _counter: Iterator[int] = field(default_factory=itertools.count)


def zoho_app(state: ZohoState) -> Starlette:
    async def token(request: Request) -> Response:
        params = request.query_params
        state.log.append({"path": "token", "grant": params.get("grant_type")})
        if (
            params.get("grant_type") != "refresh_token"
            or params.get("refresh_token") != state.refresh_token
            or params.get("client_id") != state.client_id
            or params.get("client_secret") != state.client_secret
        ):
            return JSONResponse({"error": "invalid_code"})
        access = f"1000.access{next(state._counter)}"
        state.tokens[access] = state.token_lifetime_requests
        return JSONResponse(
            {
                "access_token": access,
                "api_domain": state.base_url,
                "token_type": "Bearer",
                "expires_in": 3600,
            }
        )

    async def records(request: Request) -> Response:
        module = request.path_params["module"]
        header = request.headers.get("authorization", "")
        since = request.headers.get("if-modified-since")
        params = request.query_params
        state.log.append(
            {
                "path": module,
                "since": since,
                "page": params.get("page"),
                "token": params.get("page_token"),
                "fields": params.get("fields"),
            }
        )
        access = header.removeprefix("Zoho-oauthtoken ")
        if not header.startswith("Zoho-oauthtoken ") or state.tokens.get(access, 0) <= 0:
            return JSONResponse(
                {
                    "code": "INVALID_TOKEN",
                    "details": {},
                    "message": "invalid oauth token",
                    "status": "error",
                },
                status_code=401,
            )
        state.tokens[access] -= 1
        if state.rate_limited_requests > 0:
            state.rate_limited_requests -= 1
            return JSONResponse(
                {
                    "code": "TOO_MANY_REQUESTS",
                    "details": {},
                    "message": "The API limit has been exceeded.",
                    "status": "error",
                },
                status_code=429,
                headers={"Retry-After": "30"},
            )
        if state.error is not None:
            return JSONResponse(state.error[1], status_code=state.error[0])
        if module != "Accounts":
            return JSONResponse(
                {
                    "code": "INVALID_MODULE",
                    "details": {},
                    "message": "the module name given seems to be invalid",
                    "status": "error",
                },
                status_code=400,
            )
        rows = sorted(state.records, key=lambda r: datetime.fromisoformat(r["Modified_Time"]))
        if since:
            after = datetime.fromisoformat(since)
            rows = [r for r in rows if datetime.fromisoformat(r["Modified_Time"]) > after]
            if not rows:
                return Response(status_code=304)
        if not rows:
            return Response(status_code=204)
        per_page = int(params.get("per_page", 200))
        token = params.get("page_token")
        page = int(token.removeprefix("token-")) if token else int(params.get("page", 1))
        chunk = rows[(page - 1) * per_page : page * per_page]
        wanted = set((params.get("fields") or "").split(","))
        data = [{k: v for k, v in r.items() if k in wanted or k == "id"} for r in chunk]
        more = page * per_page < len(rows)
        info: dict[str, Any] = {
            "per_page": per_page,
            "count": len(chunk),
            "page": page,
            "more_records": more,
        }
        if request.path_params["version"] != "v2":
            # v3 and later: a token for the next page (required beyond 2,000 records).
            info["next_page_token"] = f"token-{page + 1}" if more else None
            info["page_token_expiry"] = "2026-12-01T00:00:00+00:00"
        return JSONResponse({"data": data, "info": info})

    return Starlette(
        routes=[
            Route("/oauth/v2/token", token, methods=["POST"]),
            Route("/crm/{version}/{module}", records, methods=["GET"]),
        ]
    )


@dataclass
class FxiaokeState:
    app_id: str = "FSAID_test"
    app_secret: str = "app-secret"
    permanent_code: str = "PERMANENT"
    corp_id: str = "FSCID_corp"
    records: list[dict[str, Any]] = field(default_factory=list)
    tokens: dict[str, int] = field(default_factory=dict)
    token_lifetime_requests: int = 1000
    rate_limited_requests: int = 0
    rate_limit_code: int = 0
    error_code: tuple[int, str] | None = None
    log: list[dict[str, Any]] = field(default_factory=list)
    _counter: Iterator[int] = field(default_factory=itertools.count)


def fxiaoke_app(state: FxiaokeState) -> Starlette:
    async def token(request: Request) -> Response:
        body = await request.json()
        state.log.append({"path": "token"})
        if (
            body.get("appId") != state.app_id
            or body.get("appSecret") != state.app_secret
            or body.get("permanentCode") != state.permanent_code
        ):
            return JSONResponse({"errorCode": 10006, "errorMessage": "appSecret无效"})
        access = f"CORP-{next(state._counter)}"
        state.tokens[access] = state.token_lifetime_requests
        return JSONResponse(
            {
                "errorCode": 0,
                "errorMessage": "success",
                "corpAccessToken": access,
                "corpId": state.corp_id,
                "expiresIn": 7200,
            }
        )

    async def query(request: Request) -> Response:
        body = await request.json()
        search = body["data"]["search_query_info"]
        state.log.append(
            {"path": "query", "search": search, "api": body["data"]["dataObjectApiName"]}
        )
        access = body.get("corpAccessToken")
        if body.get("corpId") != state.corp_id or state.tokens.get(access, 0) <= 0:
            return JSONResponse({"errorCode": 20016, "errorMessage": "corpAccessToken已经过期"})
        state.tokens[access] -= 1
        if state.rate_limited_requests > 0:
            state.rate_limited_requests -= 1
            return JSONResponse(
                {"errorCode": state.rate_limit_code, "errorMessage": "请求过于频繁"}
            )
        if state.error_code is not None:
            return JSONResponse(
                {"errorCode": state.error_code[0], "errorMessage": state.error_code[1]}
            )
        limit, offset = int(search["limit"]), int(search["offset"])
        if limit > 100 or offset % limit or offset > 10_000:
            return JSONResponse({"errorCode": 10013, "errorMessage": "limit/offset 参数错误"})
        rows = list(state.records)
        for condition in search.get("filters") or []:
            value = int(condition["field_values"][0])
            name = condition["field_name"]
            if condition["operator"] == "GTE":
                rows = [r for r in rows if int(r[name]) >= value]
            elif condition["operator"] == "GT":
                rows = [r for r in rows if int(r[name]) > value]
        for order in reversed(search.get("orders") or []):
            rows.sort(key=lambda r: r[order["fieldName"]], reverse=not order["isAsc"])
        chunk = rows[offset : offset + limit]
        return JSONResponse(
            {
                "errorCode": 0,
                "errorMessage": "OK",
                "errorDescription": "success",
                "data": {"dataList": chunk, "total": len(rows), "offset": offset, "limit": limit},
            }
        )

    return Starlette(
        routes=[
            Route("/cgi/corpAccessToken/get/V2", token, methods=["POST"]),
            Route("/cgi/crm/v2/data/query", query, methods=["POST"]),
        ]
    )

"""Fxiaoke 纷享销客 open API: corp access token and customer (AccountObj) queries.

Documentation followed (and mirrored by the test server in ``tests/crm_servers.py``):

- Open platform wiki (旧版): https://open.fxiaoke.com/open/openindex/wiki.html and the
  current site https://developer.fxiaoke.com/openapi_v2/ .
- Corp access token: ``POST {base}/cgi/corpAccessToken/get/V2`` with JSON
  ``{"appId", "appSecret", "permanentCode"}`` answers ``{"errorCode": 0, "errorMessage",
  "corpAccessToken", "corpId", "expiresIn": 7200}``. The token endpoint allows few calls per
  minute, so one sync fetches one token and reuses it.
- Query objects: ``POST {base}/cgi/crm/v2/data/query`` with ``{"corpAccessToken", "corpId",
  "currentOpenUserId", "data": {"dataObjectApiName": "AccountObj", "search_query_info":
  {"limit", "offset", "filters": [{"field_name", "field_values": [...], "operator"}],
  "orders": [{"fieldName", "isAsc"}]}}}`` answers ``{"errorCode": 0, "data": {"dataList":
  [...], "total", "offset", "limit"}}``. ``limit`` is at most 100, ``offset`` a multiple of
  it and at most 10,000: past that we restart the window at the newest modification time
  seen (``last_modified_time`` GTE, offset 0); the upsert by code absorbs the overlap.
- Errors come back as HTTP 200 with a non-zero ``errorCode``. 20016 means the corp access
  token is invalid or expired: fetch a new one once and retry. Quota codes (30002 daily
  limit, 30003 no quota bought) do not improve by retrying: the sync fails with the code.
  Rate limiting (documented as 100 calls per 20 s per interface): HTTP 429/503, or an
  ``errorCode`` listed in the connection's ``rateLimitCodes`` config, backs off and retries.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from typing import Any

import httpx

from auditportal.imports.connectors.base import CrmError, RateLimited, RecordPage, retry_after
from auditportal.jobs.runs import TransientError

LABEL = "纷享销客 Fxiaoke"
PAGE_LIMIT = 100
MAX_OFFSET = 10_000
TOKEN_INVALID = {20016}
DEFAULT_MAPPING = {
    "_id": "code",
    "name": "name",
    "industry_level1": "industry",
    "province": "region",
    "tel": "contact.phone",
    "email": "contact.email",
}
REQUIRED_CONFIG = ("baseUrl", "appId", "currentOpenUserId")
REQUIRED_SECRETS = ("appSecret", "permanentCode")


class FxiaokeConnector:
    label = LABEL
    id_field = "_id"
    modified_field = "last_modified_time"

    def __init__(
        self,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        field_mapping: Mapping[str, str],
        *,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = str(config["baseUrl"]).rstrip("/")
        self.app_id = str(config["appId"])
        self.user = str(config["currentOpenUserId"])
        self.api_name = str(config.get("apiName") or "AccountObj")
        self.limit = min(int(config.get("limit") or PAGE_LIMIT), PAGE_LIMIT)
        self.rate_limit_codes = {int(code) for code in config.get("rateLimitCodes") or []}
        self.app_secret = secrets["appSecret"]
        self.permanent_code = secrets["permanentCode"]
        self.http = httpx.AsyncClient(timeout=timeout)
        self.token: str | None = None
        self.corp_id: str | None = None

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        response = await self.http.post(f"{self.base_url}{path}", json=payload)
        if response.status_code in (429, 503):
            raise RateLimited("fxiaoke rate limit", retry_after=retry_after(response.headers))
        if response.status_code >= 500:
            raise TransientError(f"fxiaoke HTTP {response.status_code}")
        if response.status_code != 200:
            raise CrmError("crm.error.http", crm=LABEL, status=response.status_code)
        try:
            body = response.json()
        except ValueError:
            raise CrmError("crm.error.bad_response", crm=LABEL) from None
        if not isinstance(body, dict) or "errorCode" not in body:
            raise CrmError("crm.error.bad_response", crm=LABEL)
        code = int(body["errorCode"])
        if code in self.rate_limit_codes:
            raise RateLimited(f"fxiaoke rate limit {code}", retry_after=20.0)
        return body

    async def _token(self) -> None:
        body = await self._post(
            "/cgi/corpAccessToken/get/V2",
            {
                "appId": self.app_id,
                "appSecret": self.app_secret,
                "permanentCode": self.permanent_code,
            },
        )
        if int(body["errorCode"]) != 0:
            raise CrmError(
                "crm.error.auth",
                crm=LABEL,
                detail=f"{body['errorCode']} {body.get('errorMessage', '')}".strip(),
            )
        self.token = str(body["corpAccessToken"])
        self.corp_id = str(body["corpId"])

    async def _query(self, search: dict[str, Any]) -> dict[str, Any]:
        refreshed = False
        while True:
            if self.token is None:
                await self._token()
                refreshed = True
            body = await self._post(
                "/cgi/crm/v2/data/query",
                {
                    "corpAccessToken": self.token,
                    "corpId": self.corp_id,
                    "currentOpenUserId": self.user,
                    "data": {"dataObjectApiName": self.api_name, "search_query_info": search},
                },
            )
            code = int(body["errorCode"])
            if code in TOKEN_INVALID and not refreshed:
                self.token = None
                continue
            if code in TOKEN_INVALID:
                raise CrmError(
                    "crm.error.auth",
                    crm=LABEL,
                    detail=f"{code} {body.get('errorMessage', '')}".strip(),
                )
            if code != 0:
                raise CrmError(
                    "crm.error.vendor",
                    crm=LABEL,
                    code=str(code),
                    detail=str(body.get("errorMessage") or ""),
                )
            data = body.get("data")
            if not isinstance(data, dict) or not isinstance(data.get("dataList"), list):
                raise CrmError("crm.error.bad_response", crm=LABEL)
            return data

    def modified_at(self, record: Mapping[str, Any]) -> datetime | None:
        value = record.get(self.modified_field)
        if value in (None, ""):
            return None
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)

    async def pages(self, since: datetime | None) -> AsyncIterator[RecordPage]:
        window_start = int(since.timestamp() * 1000) if since else None
        offset = 0
        while True:
            filters = []
            if window_start is not None:
                filters.append(
                    {
                        "field_name": self.modified_field,
                        "field_values": [window_start],
                        "operator": "GTE",
                    }
                )
            search = {
                "limit": self.limit,
                "offset": offset,
                "filters": filters,
                "orders": [{"fieldName": self.modified_field, "isAsc": True}],
            }
            data = await self._query(search)
            records = data["dataList"]
            if records:
                yield RecordPage(records=records)
            if len(records) < self.limit:
                return
            offset += self.limit
            if offset + self.limit > MAX_OFFSET:
                newest = max(int(r.get(self.modified_field) or 0) for r in records)
                if window_start is not None and newest <= window_start:
                    raise CrmError(
                        "crm.error.vendor",
                        crm=LABEL,
                        code="OFFSET_LIMIT",
                        detail="more than 10000 records share one modification time",
                    )
                window_start, offset = newest, 0

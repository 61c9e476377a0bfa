"""Zoho CRM: OAuth refresh-token grant and the records API.

Documentation followed (and mirrored by the test server in ``tests/crm_servers.py``):

- Refresh an access token: https://www.zoho.com/crm/developer/docs/api/v2/refresh.html
  ``POST {accounts}/oauth/v2/token`` with ``refresh_token``, ``client_id``, ``client_secret``
  and ``grant_type=refresh_token``
  answers ``{"access_token", "api_domain", "token_type": "Bearer", "expires_in"}``; a bad
  refresh token or client answers HTTP 200 with ``{"error": "invalid_code"}`` (or
  ``invalid_client``).
- Get records: https://www.zoho.com/crm/developer/docs/api/v2/get-records.html
  ``GET {api_domain}/crm/v2/{module}?fields=&page=&per_page=&sort_by=Modified_Time&sort_order=asc``
  with ``Authorization: Zoho-oauthtoken <token>`` and ``If-Modified-Since: <ISO 8601>`` for
  records modified since then. 200 ``{"data": [...], "info": {"per_page", "count", "page",
  "more_records"}}``; 204 when there are no records; 304 when none changed since the
  header's time. Newer versions (v3+) add ``info.next_page_token`` and require ``page_token``
  instead of ``page`` beyond the first 2,000 records; we follow it when present.
- Status codes: https://www.zoho.com/crm/developer/docs/api/v2/status-codes.html
  401 ``{"code": "INVALID_TOKEN"}`` for an expired access token (refresh once, retry);
  429 ``TOO_MANY_REQUESTS`` when over the API limits (back off and retry later); other
  errors carry ``{"code", "message", "status": "error"}``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from typing import Any

import httpx

from auditportal.imports.connectors.base import CrmError, RateLimited, RecordPage, retry_after
from auditportal.jobs.runs import TransientError

LABEL = "Zoho CRM"
PER_PAGE = 200
# Beyond this many records Zoho wants page_token instead of page numbers.
PAGE_NUMBER_LIMIT = 2000
DEFAULT_MAPPING = {
    "id": "code",
    "Account_Name": "name",
    "Industry": "industry",
    "Billing_State": "region",
    "Phone": "contact.phone",
    "Annual_Revenue": "transactionVolume",
    "Tag": "tags",
}
REQUIRED_CONFIG = ("accountsUrl", "clientId")
REQUIRED_SECRETS = ("clientSecret", "refreshToken")


class ZohoConnector:
    label = LABEL
    id_field = "id"
    modified_field = "Modified_Time"

    def __init__(
        self,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        field_mapping: Mapping[str, str],
        *,
        timeout: float = 30.0,
    ) -> None:
        self.accounts_url = str(config["accountsUrl"]).rstrip("/")
        self.client_id = str(config["clientId"])
        self.module = str(config.get("module") or "Accounts")
        self.version = str(config.get("apiVersion") or "v2")
        self.per_page = int(config.get("perPage") or PER_PAGE)
        self.client_secret = secrets["clientSecret"]
        self.refresh_token = secrets["refreshToken"]
        self.fields = sorted({*field_mapping, self.id_field, self.modified_field})
        self.http = httpx.AsyncClient(timeout=timeout)
        self.access_token: str | None = None
        self.api_domain: str | None = None

    async def aclose(self) -> None:
        await self.http.aclose()

    async def _refresh(self) -> None:
        response = await self.http.post(
            f"{self.accounts_url}/oauth/v2/token",
            params={
                "refresh_token": self.refresh_token,
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "grant_type": "refresh_token",
            },
        )
        if response.status_code == 429 or response.status_code >= 500:
            raise TransientError(
                f"zoho token endpoint HTTP {response.status_code}",
                retry_after=retry_after(response.headers),
            )
        body = _json(response)
        if response.status_code != 200 or "access_token" not in body:
            raise CrmError(
                "crm.error.auth", crm=LABEL, detail=str(body.get("error") or response.status_code)
            )
        self.access_token = str(body["access_token"])
        self.api_domain = str(body.get("api_domain") or "https://www.zohoapis.com").rstrip("/")

    async def _get(self, params: dict[str, Any], since: datetime | None) -> httpx.Response:
        refreshed = False
        while True:
            if self.access_token is None:
                await self._refresh()
                refreshed = True
            headers = {"Authorization": f"Zoho-oauthtoken {self.access_token}"}
            if since is not None:
                headers["If-Modified-Since"] = since.isoformat(timespec="seconds")
            response = await self.http.get(
                f"{self.api_domain}/crm/{self.version}/{self.module}",
                params=params,
                headers=headers,
            )
            if response.status_code == 401 and not refreshed:
                # An expired access token: refresh once and try again.
                self.access_token = None
                continue
            return response

    def modified_at(self, record: Mapping[str, Any]) -> datetime | None:
        value = record.get(self.modified_field)
        return datetime.fromisoformat(str(value)) if value else None

    async def pages(self, since: datetime | None) -> AsyncIterator[RecordPage]:
        page, page_token = 1, None
        while True:
            params: dict[str, Any] = {
                "fields": ",".join(self.fields),
                "per_page": self.per_page,
                "sort_by": self.modified_field,
                "sort_order": "asc",
            }
            if page_token:
                params["page_token"] = page_token
            else:
                params["page"] = page
            response = await self._get(params, since)
            if response.status_code in (204, 304):
                return
            if response.status_code == 429:
                raise RateLimited("zoho rate limit", retry_after=retry_after(response.headers))
            if response.status_code >= 500:
                raise TransientError(
                    f"zoho HTTP {response.status_code}", retry_after=retry_after(response.headers)
                )
            body = _json(response)
            if response.status_code == 401:
                raise CrmError("crm.error.auth", crm=LABEL, detail=str(body.get("code") or 401))
            if response.status_code != 200:
                raise CrmError(
                    "crm.error.vendor",
                    crm=LABEL,
                    code=str(body.get("code") or response.status_code),
                    detail=str(body.get("message") or ""),
                )
            records = body.get("data")
            info = body.get("info") or {}
            if not isinstance(records, list):
                raise CrmError("crm.error.bad_response", crm=LABEL)
            yield RecordPage(records=records)
            if not info.get("more_records"):
                return
            page_token = info.get("next_page_token") or None
            page += 1
            if page_token is None and (page - 1) * self.per_page >= PAGE_NUMBER_LIMIT:
                raise CrmError(
                    "crm.error.vendor",
                    crm=LABEL,
                    code="PAGE_LIMIT",
                    detail="over 2000 records without next_page_token; use apiVersion v3+",
                )


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise CrmError("crm.error.bad_response", crm=LABEL) from None
    if not isinstance(body, dict):
        raise CrmError("crm.error.bad_response", crm=LABEL)
    return body

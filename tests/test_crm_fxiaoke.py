"""Fxiaoke 纷享销客 sync against a local server that answers like its documented open API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from auditportal.customers.models import Customer, CustomerSource
from auditportal.imports.connectors import fxiaoke
from auditportal.jobs.models import JobStatus
from tests.conftest import Api, Person
from tests.crm_servers import FxiaokeState, fxiaoke_app, serving
from tests.crm_support import finish_retry, save, sync

BASE_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
RATE_LIMIT_CODE = 20036  # configured per connection (see the connector's docstring)


def _account(n: int, modified_ms: int, **extra: object) -> dict[str, object]:
    return {
        "_id": f"6512a{n:06d}",
        "name": f"纷享客户 {n}",
        "industry_level1": "零售",
        "province": "广东",
        "tel": "020-1234",
        "email": f"c{n}@example.cn",
        "last_modified_time": modified_ms,
        "create_time": BASE_MS,
        **extra,
    }


@pytest.fixture
def fx() -> Iterator[tuple[FxiaokeState, str]]:
    state = FxiaokeState(records=[_account(n, BASE_MS + n * 1000) for n in range(1, 8)])
    with serving(fxiaoke_app(state)) as url:
        yield state, url


async def _connection(
    api: Api, state: FxiaokeState, url: str, **config: object
) -> tuple[Person, dict[str, object]]:
    admin = await api.user("admin")
    connection = await save(
        admin,
        kind="fxiaoke",
        name="纷享销客",
        config={
            "baseUrl": url,
            "appId": state.app_id,
            "currentOpenUserId": "FSUID_admin",
            "limit": 3,
            "rateLimitCodes": [RATE_LIMIT_CODE],
            **config,
        },
        fieldMapping=[],
        secrets=[
            {"name": "appSecret", "value": state.app_secret},
            {"name": "permanentCode", "value": state.permanent_code},
        ],
    )
    return admin, connection


async def test_offset_paging_then_incremental_sync_by_last_modified_time(
    api: Api, fx: tuple[FxiaokeState, str]
) -> None:
    state, url = fx
    admin, connection = await _connection(api, state, url)
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.SUCCEEDED, run.error
    queries = [e["search"] for e in state.log if e["path"] == "query"]
    assert [(q["offset"], q["limit"]) for q in queries] == [(0, 3), (3, 3), (6, 3)]
    assert all(q["filters"] == [] for q in queries)
    assert queries[0]["orders"] == [{"fieldName": "last_modified_time", "isAsc": True}]
    assert {e["api"] for e in state.log if e["path"] == "query"} == {"AccountObj"}
    assert after["lastCounts"]["created"] == 7
    customer = await Customer.get(code="6512a000004")
    assert (customer.name, customer.industry, customer.region, customer.source) == (
        "纷享客户 4",
        "零售",
        "广东",
        CustomerSource.FXIAOKE,
    )
    assert customer.contacts[0]["email"] == "c4@example.cn"
    assert customer.external_modified_at is not None
    assert int(customer.external_modified_at.timestamp() * 1000) == BASE_MS + 4000

    # Next sync: filtered from the newest modification time seen; only the change is written.
    state.records[2] = _account(3, BASE_MS + 60_000, name="纷享客户 3（更名）")
    state.log.clear()
    run, after = await sync(admin, str(connection["id"]))
    search = next(e["search"] for e in state.log if e["path"] == "query")
    assert search["filters"] == [
        {"field_name": "last_modified_time", "field_values": [BASE_MS + 7000], "operator": "GTE"}
    ]
    # GTE returns the record at the cursor again: unchanged, so nothing is written for it.
    assert (after["lastCounts"]["changed"], after["lastCounts"]["unchanged"]) == (1, 1)
    assert (await Customer.get(code="6512a000003")).name == "纷享客户 3（更名）"


async def test_an_expired_corp_access_token_is_fetched_again_once(
    api: Api, fx: tuple[FxiaokeState, str]
) -> None:
    state, url = fx
    state.token_lifetime_requests = 2
    admin, connection = await _connection(api, state, url)
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.SUCCEEDED, run.error
    assert after["lastCounts"]["created"] == 7
    assert [e["path"] for e in state.log].count("token") == 2


async def test_rate_limit_codes_back_off_and_quota_errors_fail_translated(
    api: Api, fx: tuple[FxiaokeState, str]
) -> None:
    state, url = fx
    state.rate_limit_code = RATE_LIMIT_CODE
    state.rate_limited_requests = 1
    admin, connection = await _connection(api, state, url)
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.RETRYING
    assert after["lastStatus"] == "retrying"
    run = await finish_retry(run)
    assert run.status == JobStatus.SUCCEEDED
    assert await Customer.filter(source=CustomerSource.FXIAOKE).count() == 7

    state.error_code = (30002, "当日调用量超过限制")
    run, after = await sync(admin, str(connection["id"]), language="zh-CN")
    assert run.status == JobStatus.FAILED
    assert after["lastError"] == f"{fxiaoke.LABEL} 返回错误 30002：当日调用量超过限制"
    run, after = await sync(admin, str(connection["id"]), language="en")
    assert after["lastError"] == f"{fxiaoke.LABEL} answered with error 30002: 当日调用量超过限制"


async def test_bad_credentials_and_secrets_never_shown(
    api: Api, fx: tuple[FxiaokeState, str]
) -> None:
    state, url = fx
    admin, connection = await _connection(api, state, url)
    assert "app-secret" not in str(connection) and "PERMANENT" not in str(connection)
    state.app_secret = "rotated"
    run, after = await sync(admin, str(connection["id"]), language="zh-CN")
    assert run.status == JobStatus.FAILED
    assert after["lastError"] == f"{fxiaoke.LABEL} 拒绝了凭据：10006 appSecret无效"
    # Missing secrets and config are field errors at their paths.
    result = (
        await admin.data(
            "mutation($input: SaveCrmConnectionInput!) { saveCrmConnection(input: $input) { __typename "
            "... on ValidationFailed { errors { path code message } } } }",
            {
                "input": {
                    "kind": "fxiaoke",
                    "name": "另一个",
                    "config": {"baseUrl": "ftp://x"},
                    "fieldMapping": [],
                }
            },
            language="zh-CN",
        )
    )["saveCrmConnection"]
    errors = {tuple(e["path"]): e["message"] for e in result["errors"]}
    assert errors[("input", "config", "appId")] == "请填写 appId。"
    assert errors[("input", "config", "baseUrl")] == "baseUrl 须为 http(s) 地址。"
    assert errors[("input", "secrets", "appSecret")] == "请填写密钥 appSecret。"

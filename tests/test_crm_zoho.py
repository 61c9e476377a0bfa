"""Zoho CRM sync against a local server that answers like Zoho's documented API."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from auditportal.api.relay import from_global_id
from auditportal.audit.models import AuditEvent
from auditportal.customers.models import Customer, CustomerSource, CustomerTag
from auditportal.imports.models import CrmConnection
from auditportal.jobs import names
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.jobs.tasks import sync_crm_connections
from tests.conftest import SETTINGS, Api, Person
from tests.crm_servers import ZohoState, serving, zoho_app
from tests.crm_support import LIST, finish_retry, save, sync


def _account(n: int, modified: str, **extra: object) -> dict[str, object]:
    return {
        "id": f"44960000000{n:05d}",
        "Account_Name": f"Zoho 客户 {n}",
        "Industry": "Manufacturing",
        "Billing_State": "浙江",
        "Phone": "0571-8888",
        "Annual_Revenue": 1000.5 * n,
        "Tag": [{"name": "zoho", "id": "1"}],
        "Modified_Time": modified,
        **extra,
    }


@pytest.fixture
def zoho() -> Iterator[ZohoState]:
    state = ZohoState(records=[_account(n, f"2026-11-0{n}T10:00:00+08:00") for n in range(1, 6)])
    with serving(zoho_app(state)) as url:
        state.base_url = url
        yield state


async def _connection(
    api: Api, zoho: ZohoState, **config: object
) -> tuple[Person, dict[str, object]]:
    admin = await api.user("admin")
    connection = await save(
        admin,
        kind="zoho",
        name="Zoho 生产",
        config={"accountsUrl": zoho.base_url, "clientId": zoho.client_id, "perPage": 2, **config},
        fieldMapping=[],
        secrets=[
            {"name": "clientSecret", "value": zoho.client_secret},
            {"name": "refreshToken", "value": zoho.refresh_token},
        ],
    )
    return admin, connection


async def test_full_then_incremental_sync_pages_and_uses_if_modified_since(
    api: Api, zoho: ZohoState
) -> None:
    admin, connection = await _connection(api, zoho)
    assert {s["name"]: s["isSet"] for s in connection["secrets"]} == {
        "clientSecret": True,
        "refreshToken": True,
    }
    assert "client-secret" not in str(connection) and "1000.refresh" not in str(connection)
    stored = await CrmConnection.get(name="Zoho 生产")
    assert "client-secret" not in str(stored.secrets) and "1000.refresh" not in str(stored.secrets)

    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.SUCCEEDED, run.error
    assert [entry["page"] for entry in zoho.log if entry["path"] == "Accounts"] == ["1", "2", "3"]
    assert after["lastStatus"] == "succeeded"
    assert after["lastCounts"]["created"] == 5
    customer = await Customer.get(code="4496000000000003")
    assert (customer.name, customer.industry, customer.region, customer.source) == (
        "Zoho 客户 3",
        "Manufacturing",
        "浙江",
        CustomerSource.ZOHO,
    )
    assert customer.transaction_volume == Decimal("3001.50")
    assert await CustomerTag.filter(customer_id=customer.id, tag="zoho").exists()
    assert after["cursor"].startswith("2026-11-05T02:00:00")

    # One record changes, one is new: the next sync asks only for what changed since.
    zoho.records[1] = _account(2, "2026-11-20T09:00:00+08:00", Account_Name="Zoho 客户 2 (renamed)")
    zoho.records.append(_account(6, "2026-11-21T09:00:00+08:00"))
    zoho.log.clear()
    run, after = await sync(admin, str(connection["id"]))
    sent = [entry["since"] for entry in zoho.log if entry["path"] == "Accounts"]
    assert sent == ["2026-11-05T02:00:00+00:00"]
    assert (after["lastCounts"]["created"], after["lastCounts"]["changed"]) == (1, 1)
    assert (await Customer.get(code="4496000000000002")).name == "Zoho 客户 2 (renamed)"

    # Nothing changed since: Zoho answers 304 and nothing is written.
    events = await AuditEvent.filter(action__startswith="customer.import_").count()
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.SUCCEEDED
    assert after["lastCounts"]["records"] == 0
    assert after["cursor"].startswith("2026-11-21T01:00:00")
    assert await AuditEvent.filter(action__startswith="customer.import_").count() == events


async def test_newer_api_versions_page_with_next_page_token(api: Api, zoho: ZohoState) -> None:
    admin, connection = await _connection(api, zoho, apiVersion="v7")
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.SUCCEEDED, run.error
    requests = [(e["page"], e["token"]) for e in zoho.log if e["path"] == "Accounts"]
    assert requests == [("1", None), (None, "token-2"), (None, "token-3")]
    assert after["lastCounts"]["created"] == 5


async def test_an_expired_access_token_is_refreshed_once_and_the_request_retried(
    api: Api, zoho: ZohoState
) -> None:
    zoho.token_lifetime_requests = 1  # each access token serves one page, then is "expired"
    admin, connection = await _connection(api, zoho)
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.SUCCEEDED, run.error
    assert after["lastCounts"]["created"] == 5
    assert [e["path"] for e in zoho.log].count("token") == 3  # one per page


async def test_rate_limits_back_off_and_retry(api: Api, zoho: ZohoState) -> None:
    zoho.rate_limited_requests = 1
    admin, connection = await _connection(api, zoho)
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.RETRYING
    assert (
        run.not_before is not None and (run.not_before - run.started_at).total_seconds() >= 25
    )  # Retry-After: 30
    assert after["lastStatus"] == "retrying"
    run = await finish_retry(run)
    assert run.status == JobStatus.SUCCEEDED
    assert await Customer.filter(source=CustomerSource.ZOHO).count() == 5


async def test_vendor_errors_fail_the_run_with_a_translated_message(
    api: Api, zoho: ZohoState
) -> None:
    admin, connection = await _connection(api, zoho, module="Acounts")
    run, after = await sync(admin, str(connection["id"]), language="zh-CN")
    assert run.status == JobStatus.FAILED
    assert after["lastStatus"] == "failed"
    assert (
        after["lastError"]
        == "Zoho CRM 返回错误 INVALID_MODULE：the module name given seems to be invalid"
    )
    listed = await admin.data(LIST)
    assert listed["crmConnections"][0]["lastError"].startswith(
        "Zoho CRM answered with error INVALID_MODULE"
    )
    # A revoked refresh token: the credentials are rejected, said in the caller's language.
    zoho.refresh_token = "1000.other"
    await save(
        admin,
        connectionId=connection["id"],
        kind="zoho",
        name="Zoho 生产",
        config={"accountsUrl": zoho.base_url, "clientId": zoho.client_id},
        fieldMapping=[],
    )
    run, after = await sync(admin, str(connection["id"]))
    assert run.status == JobStatus.FAILED
    assert after["lastError"] == "Zoho CRM rejected the credentials: invalid_code"


async def test_the_periodic_pass_requests_one_incremental_sync_per_active_connection(
    api: Api, zoho: ZohoState
) -> None:
    admin, connection = await _connection(api, zoho)
    await save(
        admin,
        kind="zoho",
        name="Zoho 停用",
        active=False,
        config={"accountsUrl": zoho.base_url, "clientId": zoho.client_id},
        fieldMapping=[],
        secrets=[{"name": "clientSecret", "value": "x"}, {"name": "refreshToken", "value": "y"}],
    )
    assert await sync_crm_connections({"settings": SETTINGS}) == {"requested": 1}
    # A sync still queued is not requested twice.
    assert await sync_crm_connections({"settings": SETTINGS}) == {"requested": 0}
    runs = await JobRun.filter(name=names.SYNC_CRM)
    assert [run.arguments for run in runs] == [{"connectionId": str(_raw(connection["id"]))}]
    assert await JobRun.filter(name="sync_crm_connections", periodic=True).count() == 2
    await drain(SETTINGS)
    assert await Customer.filter(source=CustomerSource.ZOHO).count() == 5
    assert await sync_crm_connections({"settings": SETTINGS}) == {"requested": 1}


def _raw(global_id: object) -> object:
    return from_global_id(str(global_id), "CrmConnection")

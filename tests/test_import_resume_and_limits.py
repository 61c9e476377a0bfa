"""Import commits resume after a crash between batches; uploads have their own size limit."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from asgi_lifespan import LifespanManager

from auditportal.app import create_app
from auditportal.audit.models import AuditEvent
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Role, system_principal
from auditportal.auth.tokens import issue_access_token
from auditportal.auth.users import create_user
from auditportal.customers.models import Customer
from auditportal.errors import ValidationFailed
from auditportal.imports import jobs as import_jobs
from auditportal.imports import service as imports
from auditportal.imports.models import CustomerImport, ImportStatus
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun, JobStatus
from auditportal.jobs.runs import TransientError
from tests.conftest import SETTINGS, Api
from tests.import_support import HEADERS_ZH, UPLOAD, commit, csv_bytes, dry_run, fetch, uploaded


def _file(count: int) -> bytes:
    rows = [HEADERS_ZH] + [
        [f"R{n:04d}", f"客户 {n}", "零售", "北京", "", "", "", "", str(n * 1000), "", ""]
        for n in range(count)
    ]
    return csv_bytes(rows, "gb18030")


async def test_a_commit_interrupted_between_batches_resumes_from_its_checkpoint(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SETTINGS, "import_batch_size", 10)
    crashed: list[int] = []

    async def crash_once(record: CustomerImport, done: int) -> None:
        if done == 20 and not crashed:
            crashed.append(done)
            raise TransientError("worker lost its database connection")

    monkeypatch.setattr(import_jobs, "AFTER_BATCH_HOOKS", [crash_once])
    manager = await api.user("manager")
    record = await uploaded(api, manager, _file(45))
    assert (await dry_run(manager, record["id"]))["counts"]["created"] == 45
    first = await commit(manager, record["id"])
    # Two batches committed, then the "crash": the run waits to retry, halfway.
    assert crashed == [20]
    assert first["status"] == "COMMITTING"
    assert first["progress"] == {"done": 20, "total": 45}
    assert await Customer.filter(code__startswith="R").count() == 20
    run = await JobRun.get(id=(await CustomerImport.get(id=_raw_id(record))).commit_job_id)
    assert run.status == JobStatus.RETRYING
    assert run.checkpoint["row"] == 21  # the header row, then rows 2..21
    # The back-off ends; the next attempt starts after the last committed batch.
    await JobRun.filter(id=run.id).update(not_before=None)
    await drain(SETTINGS)
    await run.refresh_from_db()
    assert run.status == JobStatus.SUCCEEDED
    assert run.result["resumedFrom"] == 21
    assert (run.result["created"], run.result["unchanged"]) == (45, 0)
    done = await fetch(manager, record["id"])
    assert done["status"] == "COMMITTED"
    assert done["progress"] == {"done": 45, "total": 45}
    assert await Customer.filter(code__startswith="R").count() == 45
    # Each customer was written, and audited, exactly once.
    assert await AuditEvent.filter(action="customer.import_create").count() == 45


def _raw_id(record: dict[str, object]) -> object:
    from auditportal.api.relay import from_global_id

    return from_global_id(str(record["id"]), "CustomerImport")


@pytest.fixture
async def small_limits(database_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, str]]:
    settings = SETTINGS.model_copy(
        update={"database_url": database_url, "max_body_bytes": 4000, "max_upload_bytes": 20_000}
    )
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        user = await create_user(system_principal("tests"), username="importer", role=Role.MANAGER)
        token = issue_access_token(SETTINGS, user.id, default_scopes(Role.MANAGER), "tests")
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client, token


async def _upload(
    client: httpx.AsyncClient, token: str, content: bytes, language: str = "en"
) -> httpx.Response:
    operations = {"query": UPLOAD, "variables": {"input": {"file": None}}}
    return await client.post(
        "/graphql",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
        },
        files={"0": ("customers.csv", content, "text/csv")},
        headers={"Authorization": f"Bearer {token}", "Accept-Language": language},
    )


async def test_uploads_have_their_own_limit_and_other_requests_keep_theirs(
    small_limits: tuple[httpx.AsyncClient, str],
) -> None:
    client, token = small_limits
    # 10 kB: over the 4 kB body limit but within the 20 kB upload limit.
    accepted = await _upload(client, token, _file(150)[:10_000])
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["data"]["uploadCustomerFile"]["__typename"] == "CustomerFileUploaded"
    # Over the upload limit: refused before the file is read, in the caller's language.
    refused = await _upload(client, token, _file(600), language="zh-CN")
    assert refused.status_code == 413
    assert refused.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert await CustomerImport.all().count() == 1
    # A plain GraphQL request of the same size as the accepted upload is still refused.
    padding = " " * 9000
    plain = await client.post(
        "/graphql",
        json={"query": "{ me { role } }" + padding},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert plain.status_code == 413


async def test_a_stored_upload_is_readable_by_its_owner_only(api: Api) -> None:
    manager = await api.user("manager")
    record = await uploaded(api, manager, _file(3))
    stored = await CustomerImport.get(id=_raw_id(record))
    path = SETTINGS.data_dir / stored.stored_path
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert stored.status is ImportStatus.UPLOADED


async def test_the_service_refuses_a_file_over_the_limit_and_keeps_nothing(api: Api) -> None:
    content = _file(200)
    chunks = [content[i : i + 1000] for i in range(0, len(content), 1000)]

    async def read(_size: int) -> bytes:
        return chunks.pop(0) if chunks else b""

    settings = SETTINGS.model_copy(update={"max_upload_bytes": 5000})
    before = set((settings.data_dir / "imports").glob("*"))
    with pytest.raises(ValidationFailed) as refused:
        await imports.upload(
            system_principal("tests"), file_name="big.csv", read=read, settings=settings
        )
    issue = refused.value.issues[0]
    assert (issue.path, issue.code, issue.params) == (
        ("file",),
        "import.file.too_large",
        {"limit": 5000},
    )
    assert set((settings.data_dir / "imports").glob("*")) == before
    assert await CustomerImport.all().count() == 0


async def test_uploads_past_their_keeping_time_are_deleted_and_say_so(api: Api) -> None:
    manager = await api.user("manager")
    old = await uploaded(api, manager, _file(3))
    fresh = await uploaded(api, manager, _file(4))
    await CustomerImport.filter(id=_raw_id(old)).update(
        updated_at=datetime.now(UTC) - timedelta(days=31)
    )
    assert await imports.remove_expired_files(SETTINGS) == 1
    kept = await CustomerImport.get(id=_raw_id(fresh))
    assert (SETTINGS.data_dir / kept.stored_path).exists()
    # The record stays; using it says why it no longer works, in the caller's language.
    await dry_run(manager, old["id"])
    gone = await fetch(manager, old["id"], language="zh-CN")
    assert gone["status"] == "FAILED"
    assert "重新上传" in json.dumps(gone, ensure_ascii=False)

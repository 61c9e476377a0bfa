"""Exports through the job: progress, the stored file and its SHA-256, the download."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from openpyxl import load_workbook

from auditportal.api.relay import from_global_id
from auditportal.auth.models import User
from auditportal.exports.models import Export, ExportStatus
from auditportal.forms.models import Submission
from auditportal.jobs.embedded import drain
from auditportal.jobs.models import JobRun
from tests.conftest import Api, Person
from tests.factories import checklist, large_answers, large_checklist
from tests.helpers import publish, submit

REQUEST = """
mutation($input: RequestExportInput!) {
  requestExport(input: $input) {
    __typename
    ... on ExportRequested { export { id status progress { done total } } }
    ... on UserError { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""

GET = """
query($id: ID!) {
  export(id: $id) {
    id kind format language status statusLabel fileName sha256 byteSize downloadPath error
    progress { done total }
  }
}
"""


async def _download(person: Person, path: str) -> Any:
    return await person.api.client.get(path, headers={"Authorization": f"Bearer {person.token}"})


async def _copies(template: Submission, count: int) -> None:
    """``count`` more submissions like ``template`` (bulk, so that the test stays quick)."""
    rows = []
    for n in range(count):
        rows.append(
            Submission(
                id=uuid4(),
                form_id=template.form_id,
                form_version_id=template.form_version_id,
                customer_id=template.customer_id,
                submitted_by_id=template.submitted_by_id,
                submitted_at=datetime(2026, 1, 1, tzinfo=UTC).replace(
                    minute=n % 60, hour=n // 60 % 24
                ),
                language="en",
                answers=template.answers,
                score_raw=template.score_raw,
                score_max=template.score_max,
                score_percent=template.score_percent,
                passed=template.passed,
                section_scores=template.section_scores,
                findings=[],
                finding_count=0,
                request_hash=f"bulk-{n}",
            )
        )
    await Submission.bulk_create(rows, batch_size=500)


async def test_a_2000_row_export_runs_as_a_job_with_progress(api: Api) -> None:
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    form_id, version = await publish(admin, large_checklist(fields=20))
    await submit(auditor, formVersionId=version, answers=large_answers(fields=20, answer="no"))
    template = await Submission.get(form_id=from_global_id(form_id, "Form"))
    await _copies(template, 1999)

    requested = (
        await auditor.data(
            REQUEST,
            {
                "input": {
                    "kind": "SUBMISSIONS",
                    "format": "CSV",
                    "language": "ZH_CN",
                    "submissions": {"formId": form_id},
                }
            },
        )
    )["requestExport"]
    assert requested["__typename"] == "ExportRequested", requested
    export_id = requested["export"]["id"]
    assert requested["export"]["status"] == "QUEUED"
    assert requested["export"]["progress"] == {"done": 0, "total": 2000}

    await drain(api.settings)
    done = (await auditor.data(GET, {"id": export_id}, language="zh-CN"))["export"]
    assert done["status"] == "DONE", done
    assert done["statusLabel"] == "已完成"
    assert done["progress"] == {"done": 2000, "total": 2000}
    run = await JobRun.get(id=(await Export.get(id=from_global_id(export_id, "Export"))).job_id)
    assert run.progress_done == 2000 and run.progress_total == 2000

    response = await _download(auditor, done["downloadPath"])
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == done["sha256"]
    assert len(response.content) == done["byteSize"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2001
    header = rows[0]
    assert "Section 0（中文） / Question 0.0（中文）" in header
    assert {row[header.index("Section 0（中文） / Question 0.0（中文）")] for row in rows[1:]} == {
        "否"
    }

    # Only the requester downloads it; others are told it does not exist.
    other = await api.user("auditor")
    assert (await _download(other, done["downloadPath"])).status_code == 404
    assert (await other.data(GET, {"id": export_id}))["export"] is None
    assert (await api.client.get(done["downloadPath"])).status_code == 401


async def test_xlsx_job_and_my_exports(api: Api) -> None:
    admin = await api.user("admin")
    await api.customer("C1", "华东贸易")
    requested = (await admin.data(REQUEST, {"input": {"kind": "CUSTOMERS", "format": "XLSX"}}))[
        "requestExport"
    ]
    assert requested["__typename"] == "ExportRequested", requested
    await drain(api.settings)
    done = (await admin.data(GET, {"id": requested["export"]["id"]}))["export"]
    assert done["status"] == "DONE" and done["format"] == "XLSX" and done["language"] == "EN"
    body = (await _download(admin, done["downloadPath"])).content
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert rows[0][:2] == ["Code", "Name"] and rows[1][:2] == ["C1", "华东贸易"]
    listed = await admin.data("{ exports { totalCount nodes { id status } } }")
    assert listed["exports"]["totalCount"] == 1
    assert listed["exports"]["nodes"][0]["id"] == requested["export"]["id"]


async def test_refusals_are_typed(api: Api) -> None:
    admin = await api.user("admin")
    customer_user = await api.user("customer", customer=await api.customer("C9"))
    form_id, _ = await publish(admin, checklist())
    no_form = (await admin.data(REQUEST, {"input": {"kind": "SUBMISSIONS"}}))["requestExport"]
    assert no_form["__typename"] == "ValidationFailed"
    assert no_form["errors"][0]["path"] == ["input", "submissions", "formId"]
    # A staff-only form is not visible to a customer user: not found, nothing queued.
    hidden = (
        await customer_user.data(
            REQUEST, {"input": {"kind": "FINDINGS", "submissions": {"formId": form_id}}}
        )
    )["requestExport"]
    assert hidden["__typename"] == "NotFound", hidden
    internal = (
        await customer_user.data(
            REQUEST, {"input": {"kind": "CUSTOMERS", "customers": {"tier": "KEY"}}}
        )
    )["requestExport"]
    assert internal["__typename"] == "NotAllowed"
    assert await Export.filter(owner_id=customer_user.id).count() == 0


async def test_a_deactivated_requester_exports_nothing(api: Api) -> None:
    admin = await api.user("admin")
    manager = await api.user("manager")
    requested = (await manager.data(REQUEST, {"input": {"kind": "CUSTOMERS", "format": "CSV"}}))[
        "requestExport"
    ]
    await User.filter(id=manager.id).update(is_active=False)
    await drain(api.settings)
    export = await Export.get(id=from_global_id(requested["export"]["id"], "Export"))
    assert export.status is ExportStatus.FAILED
    assert export.storage_key is None
    del admin

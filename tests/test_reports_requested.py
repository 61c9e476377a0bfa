"""Requested reports: a record at once, a job renders it once per content key, the PDF is
stored with its SHA-256 and downloaded through the row scope or a signed link.

Real parts only: GraphQL over the app, the job runner's ``execute``, WeasyPrint, the file
storage, pdftotext (both languages) and HTTP downloads.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth import grants
from auditportal.auth.principal import system_principal
from auditportal.jobs import names
from auditportal.jobs.models import JobRun
from auditportal.jobs.runs import execute
from auditportal.reports.models import Report, ReportStatus
from tests.conftest import Api, Person
from tests.evidence_support import evidence_form, image_bytes, uploaded
from tests.helpers import publish

SYSTEM = system_principal("tests")
CAPTION = "仓库门口 Warehouse gate"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

SUBMIT = """
mutation($input: SubmitFormInput!) {
  submitForm(input: $input) {
    __typename ... on SubmissionAccepted { submission { id } }
    ... on ValidationFailed { errors { path code } }
  }
}
"""

REQUEST = """
mutation($input: RequestReportInput!) {
  requestReport(input: $input) {
    __typename
    ... on ReportRequested {
      report { id kind status language progress { done total } downloadUrl signedUrl }
    }
    ... on NotFound { code message }
    ... on NotAllowed { code message }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""

REPORT = """
query($id: ID!) {
  report(id: $id) { id status error sha256 byteSize contentKey signedUrl fileName }
}
"""

MINE = "query { reports { id kind status language } }"


def _pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


async def _inspection(api: Api) -> dict[str, Any]:
    """An auditor's submission for customer A with a captioned photo."""
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    customer = await api.customer("Q-001", "苏州报告测试有限公司")
    _, version_id = await publish(admin, evidence_form(key="requested-report-check"))
    photo = await uploaded(
        api,
        auditor,
        image_bytes("JPEG", (1200, 800)),
        version_id=version_id,
        field_path="/site/photos/0",
        file_name="gate.jpg",
        caption=CAPTION,
    )
    accepted = (
        await auditor.data(
            SUBMIT,
            {
                "input": {
                    "formVersionId": version_id,
                    "customerId": str(to_global_id("Customer", customer.id)),
                    "answers": {"site": {"ok": "yes", "photos": [photo["id"]]}},
                }
            },
        )
    )["submitForm"]
    assert accepted["__typename"] == "SubmissionAccepted", accepted
    return {"auditor": auditor, "customer": customer, "submission": accepted["submission"]["id"]}


async def _request(person: Person, language: str = "zh-CN", **input_: Any) -> dict[str, Any]:
    data = await person.data(REQUEST, {"input": {"language": language, **input_}})
    return data["requestReport"]  # type: ignore[no-any-return]


async def _render_all(api: Api) -> int:
    """Run every queued render job once, as a worker would."""
    count = 0
    for run in await JobRun.filter(name=names.RENDER_REPORT, status="queued"):
        await execute(run.id, api.settings)
        count += 1
    return count


async def _download(api: Api, person: Person | None, report_id: str) -> Any:
    headers = {"Authorization": f"Bearer {person.token}"} if person else {}
    return await api.client.get(f"/reports/{report_id}", headers=headers)


async def test_an_inspection_report_renders_once_in_both_languages(api: Api) -> None:
    case = await _inspection(api)
    auditor: Person = case["auditor"]
    kind = {"kind": "INSPECTION_REPORT", "subjectId": case["submission"]}
    zh = await _request(auditor, "zh-CN", **kind)
    en = await _request(auditor, "en", **kind)
    assert zh["__typename"] == "ReportRequested", zh
    assert zh["report"]["status"] == "QUEUED"
    assert zh["report"]["signedUrl"] is None
    again = await _request(auditor, "zh-CN", **kind)
    assert again["report"]["id"] == zh["report"]["id"]  # the same inputs: the same report
    assert await _render_all(api) == 2
    assert await _render_all(api) == 0

    for requested, language in ((zh, "zh-CN"), (en, "en")):
        report_id = requested["report"]["id"]
        shown = (await auditor.data(REPORT, {"id": report_id}))["report"]
        assert shown["status"] == "DONE", shown
        response = await _download(api, auditor, report_id)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/pdf"
        assert hashlib.sha256(response.content).hexdigest() == shown["sha256"]
        text = _pdf_text(response.content)
        assert "苏州报告测试有限公司" in text
        assert CAPTION in text
        assert shown["contentKey"][:16] in text
        title = "客户合规检查报告" if language == "zh-CN" else "Customer Inspection Report"
        assert title in text
    stored = await Report.get(id=zh["report"]["id"])
    assert stored.storage_key == f"reports/{stored.id}.pdf"
    after = await _request(auditor, "zh-CN", **kind)
    assert after["report"]["status"] == "DONE"
    assert after["report"]["id"] == zh["report"]["id"]
    assert await JobRun.filter(name=names.RENDER_REPORT).count() == 2
    listed = (await auditor.data(MINE))["reports"]
    assert {r["id"] for r in listed} == {zh["report"]["id"], en["report"]["id"]}
    assert await AuditEvent.filter(action="report.request").count() == 4
    assert await AuditEvent.filter(action="report.render").count() == 2


async def test_downloads_follow_the_row_scope_and_signed_links(api: Api) -> None:
    case = await _inspection(api)
    auditor: Person = case["auditor"]
    requested = await _request(auditor, kind="INSPECTION_REPORT", subjectId=case["submission"])
    report_id = requested["report"]["id"]
    await _render_all(api)

    other = await api.user("customer", customer=await api.customer("Q-002", "其他客户"))
    assert (await _download(api, other, report_id)).status_code == 404
    refused = await _request(other, kind="INSPECTION_REPORT", subjectId=case["submission"])
    assert refused["__typename"] == "NotFound"
    assert (await other.gql(REPORT, {"id": report_id}))["data"]["report"] is None
    assert (await _download(api, None, report_id)).status_code == 401

    signed = (await auditor.data(REPORT, {"id": report_id}))["report"]["signedUrl"]
    path = signed.removeprefix("http://testserver")
    assert (await api.client.get(path)).status_code == 200
    tampered = path.replace("expires=", "expires=9")
    assert (await api.client.get(tampered)).status_code == 401

    consultant = await api.user("consultant")
    await grants.grant_access(
        SYSTEM,
        consultant_id=consultant.id,
        customer_ids=[case["customer"].id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="annual review",
    )
    assert (await _download(api, consultant, report_id)).status_code == 200
    assert (await _download(api, consultant, report_id)).status_code == 200
    reads = await AuditEvent.filter(action="consultant.read", object_type="Report")
    assert [event.object_id for event in reads] == [report_id] * 2


async def test_dossier_and_period_summary_render_with_chinese_glyphs(api: Api) -> None:
    case = await _inspection(api)
    manager = await api.user("manager")
    customer_id = str(to_global_id("Customer", case["customer"].id))
    dossier = await _request(manager, kind="CUSTOMER_DOSSIER", subjectId=customer_id)
    today = date.today()
    period = await _request(
        manager,
        "en",
        kind="PERIOD_SUMMARY",
        periodFrom=str(today - timedelta(days=30)),
        periodTo=str(today + timedelta(days=1)),
    )
    assert await _render_all(api) == 2
    dossier_pdf = await _download(api, manager, dossier["report"]["id"])
    text = _pdf_text(dossier_pdf.content)
    assert "客户档案" in text and "苏州报告测试有限公司" in text and "风险登记" in text
    summary = _pdf_text((await _download(api, manager, period["report"]["id"])).content)
    assert "Period Summary" in summary and "苏州报告测试有限公司" in summary
    key = (await Report.get(id=period["report"]["id"])).content_key
    assert key is not None and key[:16] in summary

    auditor_only = await api.user("customer", customer=case["customer"])
    refused = await _request(auditor_only, kind="CUSTOMER_DOSSIER", subjectId=customer_id)
    assert refused["__typename"] == "NotAllowed"
    bad = await _request(
        manager, kind="PERIOD_SUMMARY", periodFrom=str(today), periodTo=str(today - timedelta(1))
    )
    assert bad["__typename"] == "ValidationFailed"
    assert bad["errors"][0]["path"] == ["input", "to"]


async def test_a_failed_render_is_retried_on_the_next_request(api: Api) -> None:
    case = await _inspection(api)
    auditor: Person = case["auditor"]
    kind = {"kind": "INSPECTION_REPORT", "subjectId": case["submission"]}
    first = await _request(auditor, **kind)
    report = await Report.get(id=first["report"]["id"])
    # A crash mid-render: the row says rendering, the run says running, no file.
    await Report.filter(id=report.id).update(status=ReportStatus.RENDERING)
    run = await JobRun.get(name=names.RENDER_REPORT)
    await JobRun.filter(id=run.id).update(status="retrying")
    await execute(run.id, api.settings)  # the next attempt renders it again
    assert (await Report.get(id=report.id)).status == ReportStatus.DONE

    await Report.filter(id=report.id).update(status=ReportStatus.FAILED, error="boom")
    again = await _request(auditor, **kind)
    assert again["report"]["id"] == report.id.hex or again["report"]["id"] == str(report.id)
    assert again["report"]["status"] == "QUEUED"
    assert await _render_all(api) == 1
    assert (await Report.get(id=report.id)).status == ReportStatus.DONE


UPLOAD = """
mutation($input: UploadReportTemplateInput!) {
  uploadReportTemplate(input: $input) {
    __typename
    ... on ReportTemplateSaved { id kind name }
    ... on ValidationFailed { errors { path code message } }
    ... on NotAllowed { code }
  }
}
"""


async def test_an_uploaded_template_is_checked_and_then_renders_the_kind(api: Api) -> None:
    admin = await api.user("admin")
    manager = await api.user("manager")
    broken = {"kind": "PERIOD_SUMMARY", "name": "broken", "source": "<p>\n{{ t.__globals__ }}"}
    refused = (await admin.data(UPLOAD, {"input": broken}))["uploadReportTemplate"]
    assert refused["__typename"] == "ValidationFailed"
    assert refused["errors"][0]["path"] == ["input", "source"]
    assert "line 2" in refused["errors"][0]["message"]

    source = "<html><body><h1>定制 Custom {{ title }}</h1><p>{{ subtitle }}</p></body></html>"
    good = {"kind": "PERIOD_SUMMARY", "name": "board", "source": source}
    saved = (await admin.data(UPLOAD, {"input": good}))["uploadReportTemplate"]
    assert saved["__typename"] == "ReportTemplateSaved", saved
    today = date.today()
    period = {"kind": "PERIOD_SUMMARY", "periodFrom": str(today), "periodTo": str(today)}
    requested = await _request(manager, "zh-CN", **period)
    await _render_all(api)
    text = _pdf_text((await _download(api, manager, requested["report"]["id"])).content)
    assert "定制 Custom 期间汇总报告" in text

"""PDF reports: a workflow state's renderReport action really produces PDFs, in both languages.

Real parts only: the workflow engine, the outbox, WeasyPrint, the files on disk, pdftotext
and the HTTP download through the app.
"""

from __future__ import annotations

import copy
import shutil
import stat
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth import grants
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.forms import service as forms
from auditportal.forms.models import Submission
from auditportal.reports.models import Report
from auditportal.reports.service import legacy_report_path, render_for_message
from auditportal.workflows import definitions, instances
from auditportal.workflows.models import OutboxMessage, WorkflowInstance
from auditportal.workflows.outbox import deliver_pending
from tests.conftest import SETTINGS, Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import stored_file
from tests.workflow_factories import review_flow

SYSTEM = system_principal("tests")
SECRET = "6222021234567890"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def _as(person: Person) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=frozenset(
            {"submissions:write", "submissions:read", "forms:read", "workflows:write"}
        ),
    )


def _inspection_form(**overrides: Any) -> dict[str, Any]:
    form = checklist(key="report-check", **overrides)
    signed = form["schema"]["properties"]["contracts"]["properties"]["signed"]
    signed["x-title"] = {"zh-CN": "合同已签署", "en": "Contract signed"}
    signed["x-findings"][0]["title"] = {"zh-CN": "合同未签署", "en": "Contract not signed"}
    return form


def _inspection_flow(template: str) -> dict[str, Any]:
    flow = review_flow(key=f"report-flow-{template.replace('_', '-')}")
    flow["transitions"][0]["guard"] = {">=": [{"var": "score.percent"}, 50]}
    flow["states"]["approved"]["onEnter"] = [{"type": "renderReport", "template": template}]
    return copy.deepcopy(flow)


async def _approved_case(
    api: Api, template: str = "inspection_report", **form_overrides: Any
) -> dict[str, Any]:
    """A customer's submission with one finding, approved by a manager: the report is due.
    The form is for staff only unless ``form_overrides`` names another audience."""
    customer = await api.customer("R-001", "上海示例贸易有限公司")
    manager = await api.user("manager")
    auditor = await api.user("auditor")
    form = await forms.create_draft(SYSTEM, _inspection_form(**form_overrides), settings=SETTINGS)
    form_version = (await forms.publish(SYSTEM, form.id, settings=SETTINGS)).version
    answers = good_answers(contracts={"signed": "no", "archived": "yes"})
    submission = (
        await forms.submit(
            _as(auditor),
            answers=answers,
            language="zh-CN",
            version_id=form_version.id,
            customer_id=customer.id,
            settings=SETTINGS,
        )
    ).submission
    saved = await definitions.save_draft(SYSTEM, _inspection_flow(template), settings=SETTINGS)
    version = (await definitions.publish(SYSTEM, saved.id)).version
    instance = await instances.start(
        SYSTEM,
        version,
        subject_type="submission",
        subject_id=str(submission.id),
        start_key=f"submission:{submission.id}:{version.content['key']}",
        submission=submission,
        settings=SETTINGS,
    )
    await instances.fire_transition(
        _as(manager),
        instance.id,
        "approve",
        comment="整改后复查 / recheck after fixes",
        settings=SETTINGS,
    )
    return {"customer": customer, "manager": manager, "instance": instance}


def _text(path: Path) -> str:
    done = subprocess.run(  # noqa: S603 - fixed tool, our own file
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


async def test_entering_the_state_renders_both_languages_once(api: Api) -> None:
    case = await _approved_case(api)
    assert await OutboxMessage.filter(kind="renderReport").count() == 1
    assert await deliver_pending(api.settings) == {"delivered": 1, "retrying": 0, "failed": 0}

    reports = {r.language: r for r in await Report.all()}
    assert set(reports) == {"zh-CN", "en"}
    for report in reports.values():
        assert report.instance_id == case["instance"].id
        assert report.customer_id == case["customer"].id
        assert (report.template, report.rendered_template) == ("inspection_report",) * 2
        path = stored_file(report.storage_key, api.settings)
        content = path.read_bytes()
        assert content.startswith(b"%PDF")
        assert report.byte_size == len(content)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert report.file_name.endswith(f"-{report.language}.pdf")

    chinese = _text(stored_file(reports["zh-CN"].storage_key, api.settings))
    english = _text(stored_file(reports["en"].storage_key, api.settings))
    assert "客户合规检查报告" in chinese
    assert "Customer Inspection Report" in english
    assert "合同未签署" in chinese and "Contract not signed" not in chinese
    assert "Contract not signed" in english
    assert "上海示例贸易有限公司" in chinese and "上海示例贸易有限公司" in english
    assert "现场检查" in chinese and "Site check" in english
    # 62.5 %: contracts (weight 3) at 50 %, payments (weight 1) at 100 %
    for text in (chinese, english):
        assert "62.5%" in text
        assert "50%" in text and "100%" in text
        assert SECRET not in text
        assert "******" in text
        assert "整改后复查" in text  # the approval comment, in the history
    assert "已批准" in chinese and "Approved" in english
    assert "高" in chinese and "High" in english

    # Delivering again, or rendering the same message again, creates nothing new.
    assert await deliver_pending(api.settings) == {"delivered": 0, "retrying": 0, "failed": 0}
    message = await OutboxMessage.get(kind="renderReport")
    assert (await render_for_message(message, api.settings)).created == []
    await OutboxMessage.all().update(delivered_at=None, next_attempt_at=None)  # as if lost
    assert (await deliver_pending(api.settings))["delivered"] == 1
    assert await Report.all().count() == 2
    assert not list((api.settings.resolved_storage_dir / ".tmp").glob("*.part"))


async def test_an_unknown_template_renders_the_generic_summary(api: Api) -> None:
    await _approved_case(api, template="quarterly_board_pack")
    assert (await deliver_pending(api.settings))["delivered"] == 1
    reports = {r.language: r for r in await Report.all()}
    assert {r.rendered_template for r in reports.values()} == {"case_summary"}
    assert {r.template for r in reports.values()} == {"quarterly_board_pack"}
    english = _text(stored_file(reports["en"].storage_key, api.settings))
    assert "Audit Case Summary" in english
    assert "quarterly_board_pack" in english
    assert "Contract not signed" in english
    assert SECRET not in english
    assert "稽核事项摘要" in _text(stored_file(reports["zh-CN"].storage_key, api.settings))


async def test_a_step_renders_the_dashboard_of_its_last_days(api: Api) -> None:
    await _approved_case(api, template="dashboard")
    assert (await deliver_pending(api.settings))["delivered"] == 1
    reports = {r.language: r for r in await Report.all()}
    assert {r.kind for r in reports.values()} == {"dashboard"}
    assert "Audit Dashboard" in _text(stored_file(reports["en"].storage_key, api.settings))
    assert "稽核管理看板" in _text(stored_file(reports["zh-CN"].storage_key, api.settings))


async def test_download_follows_the_submissions_row_scope(api: Api) -> None:
    # Offered to customers: the customer's own users may download the report too.
    case = await _approved_case(api, audience=["staff", "customer"])
    await deliver_pending(api.settings)
    report = await Report.get(language="zh-CN")
    url = f"/reports/{report.id}"
    own = await api.user("customer", customer=case["customer"])
    other = await api.user("customer", customer=await api.customer("R-002"))

    staff = await api.client.get(url, headers={"Authorization": f"Bearer {case['manager'].token}"})
    assert staff.status_code == 200
    assert staff.headers["content-type"] == "application/pdf"
    assert report.file_name in staff.headers["content-disposition"]
    assert staff.content == stored_file(report.storage_key, api.settings).read_bytes()

    mine = await api.client.get(url, headers={"Authorization": f"Bearer {own.token}"})
    assert mine.status_code == 200
    theirs = await api.client.get(url, headers={"Authorization": f"Bearer {other.token}"})
    assert theirs.status_code == 404
    assert (await api.client.get(url)).status_code == 401
    missing = "/reports/00000000-0000-0000-0000-000000000000"
    nothing = await api.client.get(missing, headers={"Authorization": f"Bearer {own.token}"})
    assert nothing.status_code == 404


async def test_a_report_rendered_before_the_storage_still_downloads(api: Api) -> None:
    # Rows from before the storage interface have no storage key; their file is in the data
    # folder's reports/ and stays readable.
    case = await _approved_case(api)
    await deliver_pending(api.settings)
    report = await Report.get(language="en")
    content = stored_file(report.storage_key, api.settings).read_bytes()
    old = legacy_report_path(report.id, api.settings)
    old.parent.mkdir(exist_ok=True)
    old.write_bytes(content)
    await Report.filter(id=report.id).update(storage_key=None)
    auth = {"Authorization": f"Bearer {case['manager'].token}"}
    answer = await api.client.get(f"/reports/{report.id}", headers=auth)
    assert answer.status_code == 200
    assert answer.content == content
    old.unlink()
    assert (await api.client.get(f"/reports/{report.id}", headers=auth)).status_code == 404


INSTANCE_REPORTS = """
query ($id: ID!) {
  workflowInstance(id: $id) {
    reports { id template language byteSize sha256 downloadUrl createdAt }
  }
}
"""


async def test_the_case_lists_its_reports_in_graphql(api: Api) -> None:
    case = await _approved_case(api)
    await deliver_pending(api.settings)
    instance: WorkflowInstance = case["instance"]
    variables = {"id": to_global_id("WorkflowInstance", instance.id)}
    listed = (await case["manager"].data(INSTANCE_REPORTS, variables))["workflowInstance"]
    assert sorted(r["language"] for r in listed["reports"]) == ["en", "zh-CN"]
    first = listed["reports"][0]
    assert first["downloadUrl"] == f"http://testserver/reports/{first['id']}"
    assert first["template"] == "inspection_report"
    stored = await Report.get(id=first["id"])
    assert (first["sha256"], first["byteSize"]) == (stored.sha256, stored.byte_size)

    other = await api.user("customer", customer=await api.customer("R-003"))
    hidden = await other.gql(INSTANCE_REPORTS, variables)
    assert hidden.get("data", {}).get("workflowInstance") is None
    assert other.role == Role.CUSTOMER


async def test_consultants_see_reports_of_granted_forms_and_are_audited(api: Api) -> None:
    case = await _approved_case(api)
    await deliver_pending(api.settings)
    report = await Report.get(language="en")
    instance = await WorkflowInstance.get(id=case["instance"].id)
    submission_form = (await Submission.get(id=instance.submission_id)).form_id
    other_form = await forms.create_draft(
        SYSTEM, checklist(key="other-check"), settings=api.settings
    )
    url = f"/reports/{report.id}"

    async def fetch(form_ids: list[Any]) -> int:
        consultant = await api.user("consultant")
        await grants.grant_access(
            SYSTEM,
            consultant_id=consultant.id,
            customer_ids=[case["customer"].id],
            form_ids=form_ids,
            expires_at=datetime.now(UTC) + timedelta(days=3),
            reason="annual review",
        )
        headers = {"Authorization": f"Bearer {consultant.token}"}
        return (await api.client.get(url, headers=headers)).status_code

    assert await fetch([]) == 200
    assert await fetch([submission_form]) == 200
    assert await fetch([other_form.id]) == 404
    reads = await AuditEvent.filter(action="consultant.read", object_type="Report")
    assert [event.object_id for event in reads] == [str(report.id)] * 2

"""The ``dashboard`` report: the manager's dashboard for a period as a PDF, rendered in a
job like every report, with the KPI figures counted by hand below and SVG charts, in both
languages (read back with pdftotext).

The seed (every day in January and February 2026):

inspections (due, status, assignee)
  01-05 done u1   01-12 done u1   01-19 opened u1   01-25 planned u2   01-26 done u2
  01-28 cancelled   02-03 done u1
  January: 3 done of 5 due (60 %); February 1 of 1; the period 4 of 6 (66.7 %);
  open on 02-28: u1 1 (overdue), u2 1 (overdue)
submissions: two checks (2 findings: high, medium; 1 finding: high) and three surveys with
  nps 10, 9, 3 -> 3 findings / 5 submissions = 0.60; NPS (2 - 1) / 3 = 33.3
risks open: two at likelihood 5 x impact 5, one closed
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from auditportal.auth.principal import Role
from auditportal.customers.models import Customer, CustomerTier
from auditportal.customers.register_models import Risk, RiskCategory, RiskStatus
from auditportal.forms.models import Form, FormVersion, Submission
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    ScheduledInspection,
)
from auditportal.jobs import names
from auditportal.jobs.models import JobRun
from auditportal.jobs.runs import execute
from auditportal.kpis.queries import Ratio
from auditportal.reports import dashboard
from auditportal.reports.models import Report
from tests.conftest import Api, Person
from tests.factories import checklist
from tests.helpers import publish

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)

REQUEST = """
mutation($input: RequestReportInput!) {
  requestReport(input: $input) {
    __typename
    ... on ReportRequested { report { id kind status language periodFrom periodTo } }
    ... on NotAllowed { code }
    ... on ValidationFailed { errors { path code } }
  }
}
"""
PERIOD = {"periodFrom": "2026-01-01", "periodTo": "2026-02-28"}


def _pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],  # noqa: S607
        input=content,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 9, tzinfo=UTC)


async def _submission(version: FormVersion, customer: Customer, person: Person, **row: Any) -> None:
    await Submission.create(
        form_id=version.form_id,
        form_version_id=version.id,
        customer_id=customer.id,
        submitted_by_id=person.id,
        language="en",
        request_hash=f"h{await Submission.all().count()}",
        **row,
    )


async def _seed(api: Api) -> tuple[Person, Person]:
    customer = await Customer.create(
        code="D-A", name="看板客户", tier=CustomerTier.KEY, region="north", credit_grade="A"
    )
    u1 = await api.user(Role.AUDITOR, username="dash-auditor-1")
    u2 = await api.user(Role.AUDITOR, username="dash-auditor-2")
    plan = await InspectionPlan.create(
        name={"zh-CN": "检查", "en": "Inspection"},
        form_key="site-check",
        workflow_key="inspection",
        starts_on=date(2026, 1, 1),
        effective_from=date(2026, 1, 1),
        assignment=AssignmentRule.ACCOUNT_AUDITOR,
    )
    rows = [
        (date(2026, 1, 5), InspectionStatus.DONE, u1),
        (date(2026, 1, 12), InspectionStatus.DONE, u1),
        (date(2026, 1, 19), InspectionStatus.OPENED, u1),
        (date(2026, 1, 25), InspectionStatus.PLANNED, u2),
        (date(2026, 1, 26), InspectionStatus.DONE, u2),
        (date(2026, 1, 28), InspectionStatus.CANCELLED, None),
        (date(2026, 2, 3), InspectionStatus.DONE, u1),
    ]
    for due, status, person in rows:
        await ScheduledInspection.create(
            plan=plan,
            customer_id=customer.id,
            period=due.isoformat(),
            tier="key",
            due_on=due,
            opens_on=due - timedelta(days=7),
            status=status,
            assignee_id=None if person is None else person.id,
        )
    admin = await api.user(Role.ADMIN)
    await publish(admin, checklist("dash-check"))
    await publish(admin, checklist("dash-survey"))
    await Form.filter(key="dash-survey").update(category="survey")
    check = await FormVersion.filter(form__key="dash-check").first()
    survey = await FormVersion.filter(form__key="dash-survey").first()
    assert check is not None and survey is not None
    high = {"severity": "high", "title": {"en": "Gate"}}
    medium = {"severity": "medium", "title": {"en": "Fence"}}
    for day, findings in ((10, [high, medium]), (20, [high])):
        await _submission(
            check,
            customer,
            u1,
            submitted_at=_at(1, day),
            answers={},
            findings=findings,
            finding_count=len(findings),
        )
    for month, score in ((1, 10), (2, 9), (2, 3)):
        await _submission(survey, customer, u2, submitted_at=_at(month, 15), answers={"nps": score})
    for status in (RiskStatus.OPEN, RiskStatus.OPEN, RiskStatus.CLOSED):
        await Risk.create(
            customer_id=customer.id,
            category=RiskCategory.PAYMENT,
            title="回款",
            likelihood=5,
            impact=5,
            status=status,
        )
    return u1, u2


async def test_the_figures_match_the_hand_count(api: Api) -> None:
    await _seed(api)
    data = await dashboard.dashboard_data({"from": "2026-01-01", "to": "2026-02-28"})
    assert data["completion"] == Ratio(4, 6)
    assert data["by_month"] == [("2026-01", Ratio(3, 5)), ("2026-02", Ratio(1, 1))]
    assert data["findings"] == Ratio(3.0, 5)
    assert dict(data["severities"]) == {"critical": 0, "high": 2, "medium": 1, "low": 0}
    assert data["nps"] == 33.3
    assert data["nps_by_month"] == [("2026-01", 100.0), ("2026-02", 0.0)]
    assert data["heat"] == {(5, 5): 2}
    assert sorted(data["workload"]) == [("dash-auditor-1", 1, 1), ("dash-auditor-2", 1, 1)]


def test_months_clip_the_period() -> None:
    assert dashboard.months(date(2026, 1, 20), date(2026, 3, 5)) == [
        (date(2026, 1, 20), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2026, 3, 5)),
    ]
    assert dashboard.nps([]) is None


async def test_the_dashboard_pdf_renders_in_a_job_in_both_languages(api: Api) -> None:
    await _seed(api)
    manager = await api.user(Role.MANAGER)
    requested = {}
    for language in ("zh-CN", "en"):
        answer = (
            await manager.data(
                REQUEST, {"input": {"kind": "DASHBOARD", "language": language, **PERIOD}}
            )
        )["requestReport"]
        assert answer["__typename"] == "ReportRequested", answer
        assert answer["report"]["kind"] == "DASHBOARD"
        assert answer["report"]["status"] == "QUEUED"
        requested[language] = answer["report"]["id"]
    runs = await JobRun.filter(name=names.RENDER_REPORT, status="queued")
    assert len(runs) == 2
    for run in runs:
        await execute(run.id, api.settings)

    expected = {
        "zh-CN": [
            "稽核管理看板",
            "检查完成率",
            "66.7%",
            "已完成 4 / 应检 6",
            "0.60",
            "33.3",
            "按月检查完成率",
            "风险热力图",
            "稽核员工作量",
            "dash-auditor-1",
            "可能性",
        ],
        "en": [
            "Audit Dashboard",
            "Inspection completion",
            "66.7%",
            "4 done of 6 due",
            "0.60",
            "33.3",
            "NPS trend",
            "Risk heat map",
            "Auditor workload",
            "dash-auditor-2",
        ],
    }
    for language, report_id in requested.items():
        response = await api.client.get(
            f"/reports/{report_id}", headers={"Authorization": f"Bearer {manager.token}"}
        )
        assert response.status_code == 200
        text = _pdf_text(response.content)
        for needle in expected[language]:
            assert needle in text, (language, needle)
        key = (await Report.get(id=report_id)).content_key
        assert key is not None and key[:16] in text

    again = (
        await manager.data(REQUEST, {"input": {"kind": "DASHBOARD", "language": "en", **PERIOD}})
    )["requestReport"]
    assert again["report"]["id"] == requested["en"]  # the same inputs: rendered once
    assert again["report"]["status"] == "DONE"


async def test_only_callers_who_see_every_customer_may_request_it(api: Api) -> None:
    consultant = await api.user(Role.CONSULTANT)
    refused = (
        await consultant.data(REQUEST, {"input": {"kind": "DASHBOARD", "language": "en", **PERIOD}})
    )["requestReport"]
    assert refused["__typename"] == "NotAllowed"
    manager = await api.user(Role.MANAGER)
    backwards = {"periodFrom": "2026-02-01", "periodTo": "2026-01-01"}
    bad = (
        await manager.data(REQUEST, {"input": {"kind": "DASHBOARD", "language": "en", **backwards}})
    )["requestReport"]
    assert bad["__typename"] == "ValidationFailed"

"""The ``dashboard`` report: the manager's dashboard for a period as a PDF, rendered in a
job like every report, with the page's figures (the ``kpis`` service, the page's filters)
counted by hand below and SVG charts, in both languages (read back with pdftotext).

The seed (every day in January and February 2026); customers A key/north, B normal/south:

inspections (customer, due, status, assignee, case closed)
  A 01-05 done u1 01-04   A 01-12 done u1 01-14 (late)   A 01-19 opened u1   A 01-25 planned u2
  A 01-26 done u2 01-26   A 01-28 cancelled   A 02-03 done u1 02-02   B 01-15 done u2 01-15
  Completion (done / due): every customer 5 of 7 (71.4 %); region north (A) 4 of 6 (66.7 %).
  On time by month: every customer January 3 of 6 (50.0 %), February 1 of 1 (100.0 %);
  north January 2 of 5 (40.0 %). Open: u1 1 (overdue), u2 1 (overdue).
submissions (A): two checks (2 findings: high, medium; 1 finding: high) and three surveys
  with nps 10, 9, 3, and a training record (01-08, by u1: A trained, 1 of 2 customers =
  50.0 %) -> 3 findings / 6 submissions about a customer = 0.50; NPS (2 - 1) / 3 = 33.3
u2's own training (about no customer, 02-10): 1 of 2 auditors = 50.0 %
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
from auditportal.kpis.figures import Nps
from auditportal.kpis.queries import Ratio
from auditportal.reports import dashboard
from auditportal.reports.models import Report
from auditportal.search.models import SearchValue
from auditportal.workflows.models import WorkflowInstance
from tests.conftest import Api, Person
from tests.factories import checklist
from tests.helpers import publish
from tests.inspection_factories import load_builtins
from tests.work_factories import version_of

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


async def _submission(
    version: FormVersion, customer: Customer | None, person: Person, **row: Any
) -> Submission:
    return await Submission.create(
        form_id=version.form_id,
        form_version_id=version.id,
        customer_id=None if customer is None else customer.id,
        submitted_by_id=person.id,
        language="en",
        request_hash=f"h{await Submission.all().count()}",
        **row,
    )


async def _case(customer: Customer, closed: datetime | None) -> WorkflowInstance:
    version = await version_of("inspection")
    return await WorkflowInstance.create(
        version_id=version.id,
        definition_id=version.definition_id,
        subject_type="customer",
        subject_id=str(customer.id),
        customer_id=customer.id,
        start_key=f"dash:{await WorkflowInstance.all().count()}",
        state="closed" if closed else "in_progress",
        state_entered_at=_at(1, 1),
        data={},
        closed_at=closed,
    )


async def _seed(api: Api) -> tuple[Person, Person]:
    await load_builtins()
    customer = await Customer.create(
        code="D-A", name="看板客户", tier=CustomerTier.KEY, region="north", credit_grade="A"
    )
    other = await Customer.create(
        code="D-B", name="南区客户", tier=CustomerTier.NORMAL, region="south", credit_grade="B"
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
    done = InspectionStatus.DONE
    rows = [
        (customer, date(2026, 1, 5), done, u1, _at(1, 4)),
        (customer, date(2026, 1, 12), done, u1, _at(1, 14)),
        (customer, date(2026, 1, 19), InspectionStatus.OPENED, u1, None),
        (customer, date(2026, 1, 25), InspectionStatus.PLANNED, u2, None),
        (customer, date(2026, 1, 26), done, u2, _at(1, 26)),
        (customer, date(2026, 1, 28), InspectionStatus.CANCELLED, None, None),
        (customer, date(2026, 2, 3), done, u1, _at(2, 2)),
        (other, date(2026, 1, 15), done, u2, _at(1, 15)),
    ]
    for owner, due, status, person, closed in rows:
        case = await _case(owner, closed) if closed else None
        await ScheduledInspection.create(
            plan=plan,
            customer_id=owner.id,
            period=due.isoformat(),
            tier=owner.tier.value,
            due_on=due,
            opens_on=due - timedelta(days=7),
            status=status,
            instance_id=None if case is None else case.id,
            assignee_id=None if person is None else person.id,
        )
    admin = await api.user(Role.ADMIN)
    await publish(admin, checklist("dash-check"))
    await publish(admin, checklist("dash-survey"))
    await Form.filter(key="dash-survey").update(category="survey")
    check = await FormVersion.filter(form__key="dash-check").first()
    survey = await FormVersion.filter(form__key="dash-survey").first()
    training = await FormVersion.filter(form__key="customer-training-record").first()
    assert check is not None and survey is not None and training is not None
    high = {"path": ["gate"], "severity": "high", "title": {"en": "Gate"}}
    medium = {"path": ["fence"], "severity": "medium", "title": {"en": "Fence"}}
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
        row = await _submission(
            survey, customer, u2, submitted_at=_at(month, 15), answers={"nps": score}
        )
        await SearchValue.create(
            owner="submission",
            owner_id=row.id,
            form_id=survey.form_id,
            key="nps",
            text_value=str(score),
            number_value=float(score),
        )
    await _submission(training, customer, u1, submitted_at=_at(1, 8), answers={})
    await _submission(training, None, u2, submitted_at=_at(2, 10), answers={})
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
    today = date(2026, 2, 28)
    data = await dashboard.dashboard_data({"from": "2026-01-01", "to": "2026-02-28"}, today=today)
    assert data["completion"] == Ratio(5, 7)
    assert data["on_time_by_month"] == [("2026-01", Ratio(3, 6)), ("2026-02", Ratio(1, 1))]
    assert data["findings"] == Ratio(3.0, 6)
    assert dict(data["severities"]) == {"critical": 0, "high": 2, "medium": 1, "low": 0}
    assert data["nps"] == Nps(promoters=2, passives=0, detractors=1)
    assert data["nps_by_month"] == [("2026-01", 100.0), ("2026-02", 0.0)]
    assert data["heat"] == {(5, 5): 2}
    assert data["training"] == Ratio(1, 2)
    assert data["auditor_training"] == Ratio(1, 2)
    assert sorted(data["workload"]) == [("dash-auditor-1", 1, 1), ("dash-auditor-2", 1, 1)]
    assert data["filters"] == {}

    north = {"from": "2026-01-01", "to": "2026-02-28", "region": "north"}
    only_north = await dashboard.dashboard_data(north, today=today)
    assert only_north["completion"] == Ratio(4, 6)
    assert only_north["on_time_by_month"][0] == ("2026-01", Ratio(2, 5))
    assert only_north["filters"] == {"region": "north"}


async def test_the_dashboard_pdf_renders_in_a_job_in_both_languages(api: Api) -> None:
    await _seed(api)
    manager = await api.user(Role.MANAGER)
    north = {**PERIOD, "filter": {"region": "north"}}
    requested = {}
    for name, language, given in (
        ("zh-CN", "zh-CN", north),
        ("en", "en", north),
        ("en-all", "en", PERIOD),
    ):
        answer = (
            await manager.data(
                REQUEST, {"input": {"kind": "DASHBOARD", "language": language, **given}}
            )
        )["requestReport"]
        assert answer["__typename"] == "ReportRequested", answer
        assert answer["report"]["kind"] == "DASHBOARD"
        assert answer["report"]["status"] == "QUEUED"
        requested[name] = answer["report"]["id"]
    runs = await JobRun.filter(name=names.RENDER_REPORT, status="queued")
    assert len(runs) == 3  # the filter is part of the content key
    for run in runs:
        await execute(run.id, api.settings)

    expected = {
        # Region north: customer A only.
        "zh-CN": [
            "稽核管理看板",
            "地区 north",
            "检查完成率",
            "66.7%",
            "已完成 4 / 应检 6",
            "0.50",
            "33.3",
            "按月按期完成率",
            "2 / 5",
            "40.0%",
            "客户培训覆盖率",
            "已培训 1 / 共 1",
            "稽核员培训覆盖率",
            "已培训 1 / 共 2",
            "风险热力图",
            "稽核员工作量",
            "dash-auditor-1",
            "可能性",
        ],
        "en": [
            "Audit Dashboard",
            "Region north",
            "Inspection completion",
            "66.7%",
            "4 done of 6 due",
            "0.50",
            "33.3",
            "On-time rate by month",
            "2 / 5",
            "40.0%",
            "1 trained of 1",
            "NPS trend",
            "Risk heat map",
            "Auditor workload",
            "dash-auditor-2",
        ],
        # Every customer: B's on-time inspection counts too.
        "en-all": ["71.4%", "5 done of 7 due", "3 / 6", "50.0%", "1 trained of 2"],
    }
    texts = {}
    for name, report_id in requested.items():
        response = await api.client.get(
            f"/reports/{report_id}", headers={"Authorization": f"Bearer {manager.token}"}
        )
        assert response.status_code == 200
        text = _pdf_text(response.content)
        texts[name] = text
        # pdftotext may drop the spaces of a narrow cell ("2 / 5" reads "2/5").
        squeezed = text.replace(" ", "")
        for needle in expected[name]:
            assert needle.replace(" ", "") in squeezed, (name, needle)
        key = (await Report.get(id=report_id)).content_key
        assert key is not None and key[:16] in text
    assert "71.4%" not in texts["en"] and "Region" not in texts["en-all"]

    again = (
        await manager.data(REQUEST, {"input": {"kind": "DASHBOARD", "language": "en", **north}})
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

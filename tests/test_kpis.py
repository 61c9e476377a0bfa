"""KPIs over a small seeded data set; every expected figure is counted by hand below.

The seed (today is after every January and February day, before 2030):

customers  A key/north grade A, B normal/north grade B, C normal/south ungraded
inspections (customer, due, status, assignee)
  1 A 01-05 done u1     2 A 01-12 done u1     3 A 01-19 opened u1
  4 B 01-20 cancelled   5 B 01-25 planned u2  6 C 01-26 done u2
  7 C 2030-01-01 planned u2                   8 A 02-03 done u1
submissions (customer, submitter, day, findings)
  s1 A u1 01-10 2   s2 A u1 01-11 1 (superseded)   s3 B u2 01-15 0
  s4 C u2 01-31 3   s5 C u2 02-01 5
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from auditportal.api.relay import to_global_id
from auditportal.auth import grants
from auditportal.auth.principal import Role, system_principal
from auditportal.customers.models import Customer, CustomerTier
from auditportal.forms.models import FormVersion, Submission
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    ScheduledInspection,
)
from auditportal.kpis import service
from auditportal.kpis.queries import GroupCount, KpiFilter, Ratio, Workload
from tests.conftest import Api, Person
from tests.factories import checklist
from tests.helpers import publish

SYSTEM = system_principal("tests")
JANUARY = KpiFilter(start=date(2026, 1, 1), end=date(2026, 1, 31))
KPIS = """
query($filter: KpiFilterInput) {
  kpis(filter: $filter) {
    inspectionCompletion { numerator denominator rate }
    findingsPerSubmission { numerator denominator rate }
    creditGrades { key count }
    auditorWorkload { auditorId open overdue }
  }
}
"""


@dataclass
class Seed:
    a: Customer
    b: Customer
    c: Customer
    u1: Person
    u2: Person
    form_id: UUID


def _at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


async def _seed(api: Api) -> Seed:
    a = await Customer.create(
        code="K-A", name="A", tier=CustomerTier.KEY, region="north", credit_grade="A"
    )
    b = await Customer.create(
        code="K-B", name="B", tier=CustomerTier.NORMAL, region="north", credit_grade="B"
    )
    c = await Customer.create(code="K-C", name="C", tier=CustomerTier.NORMAL, region="south")
    u1 = await api.user(Role.AUDITOR)
    u2 = await api.user(Role.AUDITOR)
    plan = await InspectionPlan.create(
        name={"zh-CN": "检查", "en": "Inspection"},
        form_key="site-check",
        workflow_key="inspection",
        starts_on=date(2026, 1, 1),
        effective_from=date(2026, 1, 1),
        assignment=AssignmentRule.ACCOUNT_AUDITOR,
    )
    rows: list[tuple[Customer, date, InspectionStatus, Person | None]] = [
        (a, date(2026, 1, 5), InspectionStatus.DONE, u1),
        (a, date(2026, 1, 12), InspectionStatus.DONE, u1),
        (a, date(2026, 1, 19), InspectionStatus.OPENED, u1),
        (b, date(2026, 1, 20), InspectionStatus.CANCELLED, None),
        (b, date(2026, 1, 25), InspectionStatus.PLANNED, u2),
        (c, date(2026, 1, 26), InspectionStatus.DONE, u2),
        (c, date(2030, 1, 1), InspectionStatus.PLANNED, u2),
        (a, date(2026, 2, 3), InspectionStatus.DONE, u1),
    ]
    for customer, due, status, person in rows:
        await ScheduledInspection.create(
            plan=plan,
            customer_id=customer.id,
            period=due.isoformat(),
            tier=customer.tier.value,
            due_on=due,
            opens_on=due - timedelta(days=7),
            status=status,
            assignee_id=None if person is None else person.id,
        )
    admin = await api.user(Role.ADMIN)
    await publish(admin, checklist("kpi-check"))
    version = await FormVersion.filter(form__key="kpi-check").first()
    assert version is not None
    subs: list[tuple[Customer, Person, datetime, int, bool]] = [
        (a, u1, _at(1, 10), 2, False),
        (a, u1, _at(1, 11), 1, True),
        (b, u2, _at(1, 15), 0, False),
        (c, u2, _at(1, 31, 23, 30), 3, False),
        (c, u2, _at(2, 1), 5, False),
    ]
    for n, (customer, person, at, findings, superseded) in enumerate(subs):
        await Submission.create(
            form_id=version.form_id,
            form_version_id=version.id,
            customer_id=customer.id,
            submitted_by_id=person.id,
            submitted_at=at,
            language="en",
            answers={},
            finding_count=findings,
            request_hash=f"h{n}",
            superseded_at=at if superseded else None,
        )
    return Seed(a, b, c, u1, u2, version.form_id)


async def test_every_kpi_matches_the_hand_count(api: Api) -> None:
    seed = await _seed(api)
    jan = await service.kpis(SYSTEM, JANUARY)
    # Due in January, not cancelled: 1 2 3 5 6; done: 1 2 6.
    assert jan.inspection_completion == Ratio(3, 5)
    assert jan.inspection_completion.rate == 0.6
    # s1 2 + s3 0 + s4 3 (s2 superseded, s5 in February).
    assert jan.findings_per_submission == Ratio(5.0, 3)
    assert jan.credit_grades == [GroupCount("A", 1), GroupCount("B", 1), GroupCount(None, 1)]

    every = await service.kpis(SYSTEM, KpiFilter())
    assert every.inspection_completion == Ratio(4, 6)  # + 8 done; 7 not due yet
    assert every.findings_per_submission == Ratio(10.0, 4)
    # u2: 5 (overdue) and 7 (not due); u1: 3 (overdue).
    assert every.auditor_workload == [Workload(seed.u2.id, 2, 1), Workload(seed.u1.id, 1, 1)]


async def test_the_filters_narrow_every_figure(api: Api) -> None:
    seed = await _seed(api)
    north = await service.kpis(
        SYSTEM, KpiFilter(start=JANUARY.start, end=JANUARY.end, region="north")
    )
    assert north.inspection_completion == Ratio(2, 4)  # 1 2 3 5
    assert north.findings_per_submission == Ratio(2.0, 2)  # s1 s3
    assert north.credit_grades == [GroupCount("A", 1), GroupCount("B", 1)]

    normal = await service.kpis(
        SYSTEM, KpiFilter(start=JANUARY.start, end=JANUARY.end, tier="normal")
    )
    assert normal.inspection_completion == Ratio(1, 2)  # 5 6
    assert normal.findings_per_submission == Ratio(3.0, 2)  # s3 s4

    mine = await service.kpis(
        SYSTEM, KpiFilter(start=JANUARY.start, end=JANUARY.end, auditor_id=seed.u1.id)
    )
    assert mine.inspection_completion == Ratio(2, 3)  # 1 2 3
    assert mine.findings_per_submission == Ratio(2.0, 1)  # s1
    assert mine.auditor_workload == [Workload(seed.u1.id, 1, 1)]

    other_form = await service.kpis(SYSTEM, KpiFilter(form_id=UUID(int=1)))
    assert other_form.findings_per_submission == Ratio(0.0, 0)
    assert other_form.findings_per_submission.rate is None
    same_form = await service.kpis(SYSTEM, KpiFilter(form_id=seed.form_id))
    assert same_form.findings_per_submission == Ratio(10.0, 4)


async def test_graphql_kpis_for_a_manager_and_a_consultant_sees_only_the_grant(
    api: Api,
) -> None:
    seed = await _seed(api)
    manager = await api.user(Role.MANAGER)
    data = (await manager.data(KPIS, {"filter": {"start": "2026-01-01", "end": "2026-01-31"}}))[
        "kpis"
    ]
    assert data["inspectionCompletion"] == {"numerator": 3.0, "denominator": 5, "rate": 0.6}
    assert data["findingsPerSubmission"]["denominator"] == 3
    assert data["creditGrades"] == [
        {"key": "A", "count": 1},
        {"key": "B", "count": 1},
        {"key": None, "count": 1},
    ]

    consultant = await api.user(Role.CONSULTANT)
    await grants.grant_access(
        SYSTEM,
        consultant_id=consultant.id,
        customer_ids=[seed.b.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="kpi review",
    )
    granted: dict[str, Any] = (await consultant.data(KPIS))["kpis"]
    # Customer B only: inspection 5 (due, planned), submission s3, grade B.
    assert granted["inspectionCompletion"] == {"numerator": 0.0, "denominator": 1, "rate": 0.0}
    assert granted["findingsPerSubmission"] == {"numerator": 0.0, "denominator": 1, "rate": 0.0}
    assert granted["creditGrades"] == [{"key": "B", "count": 1}]
    assert granted["auditorWorkload"] == [
        {"auditorId": to_global_id("User", seed.u2.id), "open": 1, "overdue": 1}
    ]

    customer_user = await api.user(Role.CUSTOMER, customer=seed.a)
    refused = await customer_user.gql(KPIS)
    assert refused.get("data") is None or refused["data"].get("kpis") is None

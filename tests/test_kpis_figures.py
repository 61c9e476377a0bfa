"""The issue-14 KPIs over a seeded data set; every expected figure is counted by hand below.

Today is 2026-03-01. Customers: A key/north (account auditor u1), B normal/north (u2),
C normal/south (none). Current grades A: A, B: C, C: C.

inspections (customer, due, status, planned at, case closed at)
  i1 A 01-10 done    01-01 00:00  01-09 12:00  on time, 8.5 days
  i2 A 01-20 done    01-02 00:00  01-22 00:00  late, 20 days
  i3 B 01-25 opened  -            -            late
  i4 C 02-05 done    01-05 00:00  02-05 23:00  on time, 31.958 days
  i5 B 01-15 cancelled
inspection checklists (customer, day, findings as question:severity)
  s1 A 01-05 q1:high q2:low   s2 A 01-20 q1:high (repeat)   s3 B 01-21 q1:critical
  s4 B 01-22 none             s5 A 02-02 q2:medium (repeat) s6 A 01-25 q3:low superseded
corrective actions (customer, closed, went overdue)
  ca1 A 01-10 no   ca2 B 01-28 yes   ca3 A open   ca4 C 02-03 no
complaints (customer, received, acknowledged, first resolved, escalated, reopened)
  c1 A 01-05 09:00  +4h   +48h  -          -
  c2 B 01-10 09:00  +27h  +60h  +25h       once
  c3 C 01-20 09:00  +2h   -     -          -
  c4 A 02-01 09:00  +1h   -     -          -
surveys (customer, day, nps, overall)
  v1 A 01-03 10 5   v2 A 01-15 8 4   v3 B 01-20 3 2   v4 C 02-10 9 3   v5 B 01-21 0 1 superseded
training records: t1 A 01-08, t2 A 01-20, t3 C 02-03 (all submitted by u1, the trainer)
credit records (customer, day, grade): A 2025-12-01 B, A 01-15 A; B 01-10 B, B 02-10 C;
  C 2025-11-01 C, C 01-20 C
risks (customer, likelihood x impact, raised, closed)
  r1 A 4x5 01-05   r2 B 4x5 01-20   r3 C 2x3 02-01   r4 A 5x5 2025-12-15 closed 01-25
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from auditportal.auth import grants
from auditportal.auth.models import User
from auditportal.auth.principal import Role, system_principal
from auditportal.customers.models import AccountAuditor, Customer, CustomerTier
from auditportal.customers.register_models import CreditRecord, Risk, RiskCategory, RiskStatus
from auditportal.forms.models import FormVersion, Submission
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    ScheduledInspection,
)
from auditportal.kpis import service
from auditportal.kpis.figures import (
    HeatCell,
    KpiKind,
    Migration,
    MonthRatio,
    Nps,
    RiskMonth,
    SeverityCount,
)
from auditportal.kpis.queries import GroupCount, KpiFilter, Ratio
from auditportal.pagination import PageRequest, encode_cursor
from auditportal.search.models import SearchValue
from auditportal.workflows.models import WorkflowHistory, WorkflowInstance
from tests.conftest import Api, Person
from tests.inspection_factories import load_builtins
from tests.work_factories import version_of

SYSTEM = system_principal("tests")
TODAY = date(2026, 3, 1)
JAN = KpiFilter(start=date(2026, 1, 1), end=date(2026, 1, 31))
ALL = KpiFilter()


@dataclass
class Seed:
    a: Customer
    b: Customer
    c: Customer
    u1: Person
    u2: Person
    ids: dict[str, UUID]


def at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def _version(key: str) -> FormVersion:
    found = await FormVersion.filter(form__key=key).order_by("-number").first()
    assert found is not None, key
    return found


async def _submission(
    key: str,
    customer: Customer | None,
    person: Person,
    when: datetime,
    *,
    findings: list[tuple[str, str]] | None = None,
    superseded: bool = False,
) -> Submission:
    version = await _version(key)
    listed = [
        {"path": [q], "severity": s, "title": {"en": q}, "answer": "no"} for q, s in findings or []
    ]
    return await Submission.create(
        form_id=version.form_id,
        form_version_id=version.id,
        customer_id=None if customer is None else customer.id,
        submitted_by_id=person.id,
        submitted_at=when,
        language="en",
        answers={},
        findings=listed,
        finding_count=len(listed),
        request_hash=uuid4().hex,
        superseded_at=when if superseded else None,
    )


async def _case(
    key: str,
    customer: Customer,
    state: str,
    created: datetime,
    *,
    closed: datetime | None = None,
    history: list[tuple[str, str, datetime]] = (),  # type: ignore[assignment]
) -> WorkflowInstance:
    version = await version_of(key)
    instance = await WorkflowInstance.create(
        version_id=version.id,
        definition_id=version.definition_id,
        subject_type="customer",
        subject_id=str(customer.id),
        customer_id=customer.id,
        start_key=f"kpi-test:{uuid4()}",
        state=state,
        state_entered_at=created,
        data={},
        closed_at=closed,
    )
    await WorkflowInstance.filter(id=instance.id).update(created_at=created)
    rows = [("start", "start", created), *history]
    for n, (event, to_state, when) in enumerate(rows, start=1):
        await WorkflowHistory.create(
            instance_id=instance.id,
            sequence=n,
            from_state=None,
            to_state=to_state,
            event=event,
            actor="tests",
            occurred_at=when,
        )
    return instance


async def _seed(api: Api) -> Seed:
    await load_builtins()
    u1 = await api.user(Role.AUDITOR)
    u2 = await api.user(Role.AUDITOR)
    a = await Customer.create(
        code="F-A", name="A", tier=CustomerTier.KEY, region="north", credit_grade="A"
    )
    b = await Customer.create(
        code="F-B", name="B", tier=CustomerTier.NORMAL, region="north", credit_grade="C"
    )
    c = await Customer.create(
        code="F-C", name="C", tier=CustomerTier.NORMAL, region="south", credit_grade="C"
    )
    await AccountAuditor.create(customer_id=a.id, auditor_id=u1.id)
    await AccountAuditor.create(customer_id=b.id, auditor_id=u2.id)
    ids: dict[str, UUID] = {}

    plan = await InspectionPlan.create(
        name={"zh-CN": "检查", "en": "Inspection"},
        form_key="customer-compliance-inspection",
        workflow_key="inspection",
        starts_on=date(2026, 1, 1),
        effective_from=date(2026, 1, 1),
        assignment=AssignmentRule.ACCOUNT_AUDITOR,
    )
    inspections: list[
        tuple[str, Customer, date, InspectionStatus, datetime | None, datetime | None]
    ] = [
        ("i1", a, date(2026, 1, 10), InspectionStatus.DONE, at(1, 1, 0), at(1, 9, 12)),
        ("i2", a, date(2026, 1, 20), InspectionStatus.DONE, at(1, 2, 0), at(1, 22, 0)),
        ("i3", b, date(2026, 1, 25), InspectionStatus.OPENED, at(1, 3, 0), None),
        ("i4", c, date(2026, 2, 5), InspectionStatus.DONE, at(1, 5, 0), at(2, 5, 23)),
        ("i5", b, date(2026, 1, 15), InspectionStatus.CANCELLED, at(1, 4, 0), None),
    ]
    for name, customer, due, status, planned, closed in inspections:
        case = await _case(
            "inspection",
            customer,
            "closed" if closed else "in_progress",
            planned or at(1, 1),
            closed=closed,
        )
        row = await ScheduledInspection.create(
            plan=plan,
            customer_id=customer.id,
            period=due.isoformat(),
            tier=customer.tier.value,
            due_on=due,
            opens_on=due - timedelta(days=7),
            status=status,
            instance_id=case.id,
            assignee_id=u1.id if customer is a else u2.id,
        )
        await ScheduledInspection.filter(id=row.id).update(created_at=planned)
        ids[name] = row.id

    checklist = "customer-compliance-inspection"
    subs: list[tuple[str, Customer, datetime, list[tuple[str, str]], bool]] = [
        ("s1", a, at(1, 5), [("q1", "high"), ("q2", "low")], False),
        ("s2", a, at(1, 20), [("q1", "high")], False),
        ("s3", b, at(1, 21), [("q1", "critical")], False),
        ("s4", b, at(1, 22), [], False),
        ("s5", a, at(2, 2), [("q2", "medium")], False),
        ("s6", a, at(1, 25), [("q3", "low")], True),
    ]
    for name, customer, when, found, superseded in subs:
        person = u1 if customer is a else u2
        row = await _submission(
            checklist, customer, person, when, findings=found, superseded=superseded
        )
        ids[name] = row.id

    overdue = ("action_overdue", "overdue", at(1, 20))
    actions: list[tuple[str, Customer, str, datetime | None, list[Any]]] = [
        ("ca1", a, "closed", at(1, 10), [("verify", "closed", at(1, 10))]),
        ("ca2", b, "closed", at(1, 28), [overdue, ("verify", "closed", at(1, 28))]),
        ("ca3", a, "in_progress", None, [("agree_plan", "in_progress", at(1, 3))]),
        ("ca4", c, "closed", at(2, 3), [("verify", "closed", at(2, 3))]),
    ]
    for name, customer, state, closed, history in actions:
        row = await _case(
            "corrective-action", customer, state, at(1, 2), closed=closed, history=history
        )
        ids[name] = row.id

    h = timedelta(hours=1)
    complaints: list[tuple[str, Customer, datetime, list[tuple[str, str, timedelta]]]] = [
        (
            "c1",
            a,
            at(1, 5),
            [
                ("acknowledge", "acknowledged", 4 * h),
                ("start_investigation", "investigating", 5 * h),
                ("resolve", "resolved", 48 * h),
                ("confirm", "closed", 50 * h),
            ],
        ),
        (
            "c2",
            b,
            at(1, 10),
            [
                ("escalate", "escalated", 25 * h),
                ("acknowledge", "acknowledged", 27 * h),
                ("start_investigation", "investigating", 28 * h),
                ("resolve", "resolved", 60 * h),
                ("reopen", "investigating", 70 * h),
                ("resolve", "resolved", 80 * h),
            ],
        ),
        ("c3", c, at(1, 20), [("acknowledge", "acknowledged", 2 * h)]),
        ("c4", a, at(2, 1), [("acknowledge", "acknowledged", 1 * h)]),
    ]
    for name, customer, received, steps in complaints:
        history = [(event, state, received + offset) for event, state, offset in steps]
        row = await _case("complaint-handling", customer, history[-1][1], received, history=history)
        ids[name] = row.id

    survey = await _version("customer-satisfaction-survey")
    surveys: list[tuple[str, Customer, datetime, int, int, bool]] = [
        ("v1", a, at(1, 3), 10, 5, False),
        ("v2", a, at(1, 15), 8, 4, False),
        ("v3", b, at(1, 20), 3, 2, False),
        ("v4", c, at(2, 10), 9, 3, False),
        ("v5", b, at(1, 21), 0, 1, True),
    ]
    for name, customer, when, nps, overall, superseded in surveys:
        row = await _submission(
            "customer-satisfaction-survey", customer, u1, when, superseded=superseded
        )
        for key, value in (("nps", nps), ("overall", overall)):
            await SearchValue.create(
                owner="submission",
                owner_id=row.id,
                form_id=survey.form_id,
                key=key,
                text_value=str(value),
                number_value=float(value),
            )
        ids[name] = row.id

    for name, customer, when in (("t1", a, at(1, 8)), ("t2", a, at(1, 20)), ("t3", c, at(2, 3))):
        row = await _submission("customer-training-record", customer, u1, when)
        ids[name] = row.id

    records = [
        (a, at(12, 1, year=2025), "B"),
        (a, at(1, 15), "A"),
        (b, at(1, 10), "B"),
        (b, at(2, 10), "C"),
        (c, at(11, 1, year=2025), "C"),
        (c, at(1, 20), "C"),
    ]
    for customer, when, grade in records:
        await CreditRecord.create(customer_id=customer.id, grade=grade, assessed_at=when)

    risks: list[tuple[str, Customer, int, int, datetime, datetime | None]] = [
        ("r1", a, 4, 5, at(1, 5), None),
        ("r2", b, 4, 5, at(1, 20), None),
        ("r3", c, 2, 3, at(2, 1), None),
        ("r4", a, 5, 5, at(12, 15, year=2025), at(1, 25)),
    ]
    for name, customer, likelihood, impact, raised, closed in risks:
        risk = await Risk.create(
            customer_id=customer.id,
            category=RiskCategory(next(iter(RiskCategory)).value),
            title=name,
            likelihood=likelihood,
            impact=impact,
            status=RiskStatus.CLOSED if closed else RiskStatus.OPEN,
            closed_at=closed,
        )
        await Risk.filter(id=risk.id).update(created_at=raised)
        ids[name] = risk.id
    return Seed(a, b, c, u1, u2, ids)


async def test_audit_efficiency(api: Api) -> None:
    await _seed(api)
    jan = await service.efficiency(SYSTEM, JAN, today=TODAY)
    assert jan.on_time == Ratio(1, 3)  # i1 of i1 i2 i3
    assert jan.on_time_by_month == [MonthRatio("2026-01", Ratio(1, 3))]
    assert jan.median_cycle_days is not None
    assert abs(jan.median_cycle_days - 14.25) < 1e-6  # (8.5 + 20) / 2

    every = await service.efficiency(SYSTEM, ALL, today=TODAY)
    assert every.on_time == Ratio(2, 4)
    assert every.on_time_by_month == [
        MonthRatio("2026-01", Ratio(1, 3)),
        MonthRatio("2026-02", Ratio(1, 1)),
    ]
    assert every.median_cycle_days is not None
    assert abs(every.median_cycle_days - 20.0) < 1e-6  # of 8.5, 20, 31.96

    # Due by 01-15 only: i1.
    early = await service.efficiency(SYSTEM, JAN, today=date(2026, 1, 15))
    assert early.on_time == Ratio(1, 1)


async def test_issue_discovery(api: Api) -> None:
    await _seed(api)
    jan = await service.discovery(SYSTEM, JAN)
    assert jan.findings_per_inspection == Ratio(4, 4)  # s1 2 + s2 1 + s3 1 + s4 0
    assert jan.by_severity == [
        SeverityCount("critical", 1),
        SeverityCount("high", 2),
        SeverityCount("low", 1),
    ]
    assert jan.repeat_findings == Ratio(1, 4)  # s2 q1 after s1 q1
    assert jan.corrective_actions_on_time == Ratio(1, 2)  # ca1 of ca1 ca2

    every = await service.discovery(SYSTEM, ALL)
    assert every.findings_per_inspection == Ratio(5, 5)
    assert SeverityCount("medium", 1) in every.by_severity
    assert every.repeat_findings == Ratio(2, 5)  # + s5 q2 after s1 q2
    assert every.corrective_actions_on_time == Ratio(2, 3)

    north_key = await service.discovery(SYSTEM, KpiFilter(start=JAN.start, end=JAN.end, tier="key"))
    assert north_key.findings_per_inspection == Ratio(3, 2)  # s1 s2

    # February: s5 q2 repeats s1 q2 of January, before the period.
    feb = await service.discovery(SYSTEM, KpiFilter(start=date(2026, 2, 1), end=date(2026, 2, 28)))
    assert feb.repeat_findings == Ratio(1, 1)


async def test_complaints(api: Api) -> None:
    await _seed(api)
    jan = await service.complaints(SYSTEM, JAN)
    assert jan.first_response_within_sla == Ratio(2, 3)  # c1 c3; c2 escalated first
    assert jan.median_first_response_hours is not None
    assert abs(jan.median_first_response_hours - 4.0) < 1e-6  # of 4, 27, 2
    assert jan.resolution_within_sla == Ratio(1, 2)  # c1 of c1 c2
    assert jan.median_resolution_hours is not None
    assert abs(jan.median_resolution_hours - 54.0) < 1e-6  # of 48, 60
    assert jan.reopen_rate == Ratio(1, 2)  # c2

    every = await service.complaints(SYSTEM, ALL)
    assert every.first_response_within_sla == Ratio(3, 4)
    assert every.median_first_response_hours is not None
    assert abs(every.median_first_response_hours - 3.0) < 1e-6  # of 1, 2, 4, 27


async def test_satisfaction(api: Api) -> None:
    seed = await _seed(api)
    jan = await service.satisfaction(SYSTEM, JAN)
    assert jan.nps == Nps(1, 1, 1)  # v1 10, v2 8, v3 3 (v5 superseded)
    assert jan.nps.score == 0.0
    assert jan.csat == Ratio(2, 3)
    assert jan.average_rating is not None
    assert abs(jan.average_rating - 11 / 3) < 1e-9

    every = await service.satisfaction(SYSTEM, ALL)
    assert every.nps == Nps(2, 1, 1)
    assert every.nps.score == 25.0
    assert every.csat == Ratio(2, 4)
    assert [(m.month, m.nps, m.csat) for m in every.trend] == [
        ("2026-01", Nps(1, 1, 1), Ratio(2, 3)),
        ("2026-02", Nps(1, 0, 0), Ratio(0, 1)),
    ]

    # The account auditor u1 has customer A: v1 and v2.
    mine = await service.satisfaction(
        SYSTEM, KpiFilter(start=JAN.start, end=JAN.end, auditor_id=seed.u1.id)
    )
    assert mine.nps == Nps(1, 1, 0)
    assert mine.nps.score == 50.0


async def test_training_credit_and_risk(api: Api) -> None:
    await _seed(api)
    assert await service.training_coverage(SYSTEM, JAN) == Ratio(1, 3)  # A
    assert await service.training_coverage(SYSTEM, ALL) == Ratio(2, 3)  # A C
    north = KpiFilter(start=JAN.start, end=JAN.end, region="north")
    assert await service.training_coverage(SYSTEM, north) == Ratio(1, 2)  # A of A B

    jan = await service.credit(SYSTEM, JAN)
    assert jan.grades == [GroupCount("A", 1), GroupCount("C", 2)]
    assert jan.migrations == [Migration("B", "A", 1), Migration("C", "C", 1)]
    every = await service.credit(SYSTEM, ALL)
    assert every.migrations == [
        Migration("B", "A", 1),
        Migration("B", "C", 1),
        Migration("C", "C", 1),
    ]

    risk = await service.risk(SYSTEM, JAN)
    assert risk.heat_map == [HeatCell(4, 5, 2), HeatCell(2, 3, 1)]  # open: r1 r2 r3
    assert risk.trend == [RiskMonth("2026-01", 2, 1)]  # r1 r2 raised, r4 closed
    every_risk = await service.risk(SYSTEM, ALL)
    assert every_risk.trend == [
        RiskMonth("2025-12", 1, 0),
        RiskMonth("2026-01", 2, 1),
        RiskMonth("2026-02", 1, 0),
    ]


async def test_training_coverage_of_auditors(api: Api) -> None:
    """An auditor is trained by a training record of their own: about no customer, submitted
    by them. u1's t1 t2 (about customer A) and u2's record about B train customers, not them.

    own records (auditor, day): o1 u1 01-12, o2 u2 02-14, o3 u3 01-09 (u3 inactive),
      o4 u2 01-25 superseded; customer record k1 by u2 about B 01-18.
    January: trained u1 (o1); u2 only trained customer B (k1) and o4 is superseded; u3 is not
      active. Active auditors u1 u2: 1 / 2. Every day: u1 u2 of u1 u2: 2 / 2. February: u2, 1 / 2.
    """
    seed = await _seed(api)
    u3 = await api.user(Role.AUDITOR)
    await User.filter(id=u3.id).update(is_active=False)
    key = "customer-training-record"
    o1 = await _submission(key, None, seed.u1, at(1, 12))
    o2 = await _submission(key, None, seed.u2, at(2, 14))
    await _submission(key, None, u3, at(1, 9))
    await _submission(key, None, seed.u2, at(1, 25), superseded=True)
    await _submission(key, seed.b, seed.u2, at(1, 18))

    assert await service.auditor_training_coverage(SYSTEM, JAN) == Ratio(1, 2)
    assert await service.auditor_training_coverage(SYSTEM, ALL) == Ratio(2, 2)
    feb = KpiFilter(start=date(2026, 2, 1), end=date(2026, 2, 28))
    assert await service.auditor_training_coverage(SYSTEM, feb) == Ratio(1, 2)
    only_u2 = KpiFilter(start=JAN.start, end=JAN.end, auditor_id=seed.u2.id)
    assert await service.auditor_training_coverage(SYSTEM, only_u2) == Ratio(0, 1)
    # Tier and region are about customers: the auditors' figure ignores them.
    north = KpiFilter(start=JAN.start, end=JAN.end, region="north")
    assert await service.auditor_training_coverage(SYSTEM, north) == Ratio(1, 2)
    # The customers' figure counts k1: A and B of A B C.
    assert await service.training_coverage(SYSTEM, JAN) == Ratio(2, 3)

    page = PageRequest(limit=10)
    trained = await service.rows(SYSTEM, KpiKind.AUDITORS_TRAINED, JAN, page, today=TODAY)
    assert [(r.id, r.kind.value, r.detail) for r in trained.rows] == [(seed.u1.id, "user", "1")]
    assert trained.rows[0].at is not None and trained.rows[0].customer_id is None
    missing = await service.rows(SYSTEM, KpiKind.AUDITORS_NOT_TRAINED, JAN, page, today=TODAY)
    assert [r.id for r in missing.rows] == [seed.u2.id]
    every = await service.rows(SYSTEM, KpiKind.AUDITORS_TRAINED, ALL, page, today=TODAY)
    assert {r.id for r in every.rows} == {seed.u1.id, seed.u2.id} and every.total == 2
    assert o1.id != o2.id


async def test_drill_down_lists_the_rows_behind_each_figure(api: Api) -> None:
    seed = await _seed(api)
    page = PageRequest(limit=10)

    async def ids(kind: KpiKind, chosen: KpiFilter = JAN) -> set[UUID]:
        found = await service.rows(SYSTEM, kind, chosen, page, today=TODAY)
        assert found.total == len(found.rows)
        return {r.id for r in found.rows}

    n = seed.ids
    assert await ids(KpiKind.INSPECTIONS_DUE) == {n["i1"], n["i2"], n["i3"]}
    assert await ids(KpiKind.INSPECTIONS_LATE) == {n["i2"], n["i3"]}
    assert await ids(KpiKind.FINDINGS) == {n["s1"], n["s2"], n["s3"]}
    assert await ids(KpiKind.REPEAT_FINDINGS) == {n["s2"]}
    assert await ids(KpiKind.CORRECTIVE_ACTIONS) == {n["ca1"], n["ca2"]}
    assert await ids(KpiKind.COMPLAINTS) == {n["c1"], n["c2"], n["c3"]}
    assert await ids(KpiKind.COMPLAINTS_REOPENED) == {n["c2"]}
    assert await ids(KpiKind.SURVEY_RESPONSES) == {n["v1"], n["v2"], n["v3"]}
    assert await ids(KpiKind.DETRACTORS) == {n["v3"]}
    assert await ids(KpiKind.CUSTOMERS_TRAINED) == {seed.a.id}
    assert await ids(KpiKind.CUSTOMERS_NOT_TRAINED) == {seed.b.id, seed.c.id}
    assert len(await ids(KpiKind.CREDIT_MIGRATIONS)) == 2
    assert await ids(KpiKind.OPEN_RISKS) == {n["r1"], n["r2"], n["r3"]}

    first = await service.rows(
        SYSTEM, KpiKind.INSPECTIONS_DUE, JAN, PageRequest(limit=2), today=TODAY
    )
    # The page after the second row: the cursor kpiRows hands out for it.
    after_two = PageRequest.from_args(2, encode_cursor(1), default=2, maximum=100)
    rest = await service.rows(SYSTEM, KpiKind.INSPECTIONS_DUE, JAN, after_two, today=TODAY)
    assert first.total == 3 and first.has_next_page and len(first.rows) == 2
    assert not rest.has_next_page and len(rest.rows) == 1
    assert {r.id for r in first.rows + rest.rows} == {n["i1"], n["i2"], n["i3"]}
    # Newest due first, with the customer's name.
    assert [r.customer_name for r in first.rows] == ["B", "A"]


KPIS = """
query($filter: KpiFilterInput) {
  kpis(filter: $filter) {
    efficiency { onTime { numerator denominator } }
    discovery { findingsPerInspection { numerator denominator } bySeverity { severity count } }
    complaints { reopenRate { numerator denominator } }
    satisfaction { nps { promoters passives detractors score } }
    trainingCoverage { numerator denominator }
    auditorTrainingCoverage { numerator denominator }
    credit { grades { key count } migrations { fromGrade toGrade count } }
    risk { heatMap { likelihood impact count } }
  }
  kpiRows(kpi: FINDINGS, filter: $filter) { totalCount nodes { customerName label } }
}
"""


async def test_a_consultant_sees_the_kpis_of_granted_customers_only(api: Api) -> None:
    seed = await _seed(api)
    consultant = await api.user(Role.CONSULTANT)
    await grants.grant_access(
        SYSTEM,
        consultant_id=consultant.id,
        customer_ids=[seed.b.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=3),
        reason="kpi review",
    )
    data = await consultant.data(KPIS, {"filter": {"start": "2026-01-01", "end": "2026-01-31"}})
    kpis = data["kpis"]
    # Customer B only: i3 due (today is after January); s3 s4; c2; v3; no training; B's
    # January record is its first (no migration); r2.
    assert kpis["efficiency"]["onTime"] == {"numerator": 0.0, "denominator": 1}
    assert kpis["discovery"]["findingsPerInspection"] == {"numerator": 1.0, "denominator": 2}
    assert kpis["discovery"]["bySeverity"] == [{"severity": "critical", "count": 1}]
    assert kpis["complaints"]["reopenRate"] == {"numerator": 1.0, "denominator": 1}
    assert kpis["satisfaction"]["nps"] == {
        "promoters": 0,
        "passives": 0,
        "detractors": 1,
        "score": -100.0,
    }
    assert kpis["trainingCoverage"] == {"numerator": 0.0, "denominator": 1}
    # Auditors are staff, not a granted customer's rows: none for a consultant.
    assert kpis["auditorTrainingCoverage"] == {"numerator": 0.0, "denominator": 0}
    assert kpis["credit"]["grades"] == [{"key": "C", "count": 1}]
    assert kpis["credit"]["migrations"] == []
    assert kpis["risk"]["heatMap"] == [{"likelihood": 4, "impact": 5, "count": 1}]
    assert data["kpiRows"]["totalCount"] == 1
    assert data["kpiRows"]["nodes"] == [
        {"customerName": "B", "label": "customer-compliance-inspection"}
    ]

    manager = await api.user(Role.MANAGER)
    everything = await manager.data(KPIS, {"filter": {"start": "2026-01-01", "end": "2026-01-31"}})
    assert everything["kpis"]["discovery"]["findingsPerInspection"]["denominator"] == 4
    assert everything["kpiRows"]["totalCount"] == 3
    # u1 u2 active, neither with a training record of their own.
    assert everything["kpis"]["auditorTrainingCoverage"] == {"numerator": 0.0, "denominator": 2}

"""Repeat findings under the auditor filter and at one instant (``aggregates._severities``).

The figure counts the period's findings (of the auditor's submissions, when filtered) and
calls one a repeat when the customer's current submission of the same form had a finding on
the same question *earlier*, by anyone. Expected values by hand; customer A, checklists
(submitter, time, findings):

  r1 u2 01-05 09:00 q1:high
  r2 u1 01-10 09:00 q1:low q2:high   q1 repeats r1 (another auditor's); q2 does not
  r3 u1 01-10 09:00 q2:medium        the same instant as r2: not a repeat of r2's q2
  r4 u2 01-15 09:00 q2:low           repeats q2 of r2 and r3
  r5 u1 01-12 09:00 q3:low           superseded: neither counted nor looked back at
  r6 u1 01-20 09:00 q3:high          no current q3 before it
"""

from __future__ import annotations

from datetime import date

from auditportal.auth.principal import Role
from auditportal.customers.models import Customer, CustomerTier
from auditportal.kpis import service
from auditportal.kpis.figures import SeverityCount
from auditportal.kpis.queries import KpiFilter, Ratio
from tests.conftest import Api
from tests.inspection_factories import load_builtins
from tests.test_kpis_figures import SYSTEM, _submission, at

CHECKLIST = "customer-compliance-inspection"
JAN = (date(2026, 1, 1), date(2026, 1, 31))


async def test_repeats_look_back_past_the_auditor_and_the_period_but_not_at_the_same_instant(
    api: Api,
) -> None:
    await load_builtins()
    u1 = await api.user(Role.AUDITOR)
    u2 = await api.user(Role.AUDITOR)
    a = await Customer.create(code="R-A", name="A", tier=CustomerTier.KEY, region="north")
    for person, when, found, superseded in (
        (u2, at(1, 5), [("q1", "high")], False),
        (u1, at(1, 10), [("q1", "low"), ("q2", "high")], False),
        (u1, at(1, 10), [("q2", "medium")], False),
        (u2, at(1, 15), [("q2", "low")], False),
        (u1, at(1, 12), [("q3", "low")], True),
        (u1, at(1, 20), [("q3", "high")], False),
    ):
        await _submission(CHECKLIST, a, person, when, findings=found, superseded=superseded)

    start, end = JAN
    every = await service.discovery(SYSTEM, KpiFilter(start=start, end=end))
    assert every.repeat_findings == Ratio(2, 6)  # r2 q1, r4 q2
    assert every.by_severity == [
        SeverityCount("high", 3),
        SeverityCount("medium", 1),
        SeverityCount("low", 2),
    ]

    mine = await service.discovery(SYSTEM, KpiFilter(start=start, end=end, auditor_id=u1.id))
    assert mine.repeat_findings == Ratio(1, 4)  # r2 q1 (after u2's r1); r2 q2, r3 q2, r6 q3 not
    assert mine.by_severity == [
        SeverityCount("high", 2),
        SeverityCount("medium", 1),
        SeverityCount("low", 1),
    ]

    theirs = await service.discovery(SYSTEM, KpiFilter(start=start, end=end, auditor_id=u2.id))
    assert theirs.repeat_findings == Ratio(1, 2)  # r4 q2; r1 q1 is the first

    # From the 10th: r1 is before the period and still makes r2's q1 a repeat.
    later = KpiFilter(start=date(2026, 1, 10), end=end, auditor_id=u1.id)
    assert (await service.discovery(SYSTEM, later)).repeat_findings == Ratio(1, 4)
    # Up to the 10th: r4 (the 15th) is after the period's end and counts for nothing.
    early = await service.discovery(SYSTEM, KpiFilter(start=start, end=date(2026, 1, 10)))
    assert early.repeat_findings == Ratio(1, 4)  # r1 q1, r2 q1 q2, r3 q2: r2 q1

"""Verification by sampling: sizes, the seeded stratified draw, four eyes, results, accuracy.

The seed (period 2026-10 unless said):

customers  K1 K2 key, N1 N2 N3 normal, H1 high_risk
auditors   u1 u2 u3 submit, round the customers: submission i by auditors[i % 3] for
           customers[i % 6]; 24 in October (4 per customer), 3 in November, 1 October
           correction (a second revision: never sampled)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

import pytest

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth.models import User
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role
from auditportal.customers.models import Customer, CustomerTier
from auditportal.errors import Conflict, NotAllowed, NotFound, ValidationFailed
from auditportal.forms.models import FormVersion, Submission
from auditportal.verification import sampling, service
from auditportal.verification.models import (
    PeriodUnit,
    SizingMode,
    Verification,
    VerificationStatus,
)
from auditportal.verification.service import DiscrepancySpec, PlanSpec
from tests.conftest import SETTINGS, Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit


def principal(person: Person) -> Principal:
    return Principal(
        subject=f"user:{person.id}",
        role=person.role,
        user_id=person.id,
        scopes=default_scopes(person.role),
    )


# --- pure parts ----------------------------------------------------------------------------


def test_attribute_sample_size_by_hand() -> None:
    z95, z90 = 1.959964, 1.644854
    # n0 = z² p (1 - p) / E² = 3.84146 * 0.25 / 0.0025 = 384.15; with N = 1000:
    # 384.15 / (1 + 383.15 / 1000) = 277.7 -> 278; N = 100: 384.15 / 4.8315 = 79.5 -> 80.
    n0 = z95**2 * 0.25 / 0.05**2
    assert math.ceil(n0 / (1 + (n0 - 1) / 1000)) == 278
    assert sampling.attribute_sample_size(1000, 0.95, 0.05, 0.5) == 278
    assert sampling.attribute_sample_size(100, 0.95, 0.05, 0.5) == 80
    # A population smaller than n0 is sampled whole; an empty one not at all.
    assert sampling.attribute_sample_size(12, 0.95, 0.05, 0.5) == 12
    assert sampling.attribute_sample_size(0, 0.95, 0.05, 0.5) == 0
    # 90 %, expected 10 %: n0 = 2.70554 * 0.09 / 0.0025 = 97.40; N = 5000 -> 95.6 -> 96.
    assert z90**2 * 0.09 / 0.0025 == pytest.approx(97.40, abs=0.01)
    assert sampling.attribute_sample_size(5000, 0.90, 0.05, 0.1) == 96


def test_wilson_interval_by_hand() -> None:
    # 45 of 50: p = 0.9, z² = 3.84146; centre = (0.9 + 0.038415) / 1.076829 = 0.871462;
    # half = 1.959964 * sqrt(0.0018 + 0.000384146) / 1.076829 = 0.085064.
    low, high = sampling.wilson(45, 50)
    assert low == pytest.approx(0.871462 - 0.085064, abs=1e-5)
    assert high == pytest.approx(0.871462 + 0.085064, abs=1e-5)
    assert sampling.wilson(0, 0) == (0.0, 0.0)
    low, high = sampling.wilson(0, 6)
    assert low == 0.0 and high == pytest.approx(0.390334, abs=1e-5)


def test_the_draw_is_a_function_of_the_seed() -> None:
    population = {
        "key": [UUID(int=i) for i in range(1, 11)],
        "normal": [UUID(int=i) for i in range(11, 41)],
    }
    drawn = sampling.stratified_sample(population, {"key": 3, "normal": 4}, 7)
    # Fixed ids and seed: the same on every machine and either database.
    assert {tier: [u.int for u in ids] for tier, ids in drawn.items()} == {
        "key": [2, 4, 8],
        "normal": [12, 16, 24, 38],
    }
    shuffled = {tier: list(reversed(ids)) for tier, ids in population.items()}
    assert sampling.stratified_sample(shuffled, {"key": 3, "normal": 4}, 7) == drawn
    assert sampling.stratified_sample(population, {"key": 3, "normal": 4}, 8) != drawn


def test_periods_and_pointers() -> None:
    october = sampling.parse_period("2026-10", PeriodUnit.MONTH)
    assert october is not None
    assert (october.start, october.end) == (
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2026, 11, 1, tzinfo=UTC),
    )
    q4 = sampling.parse_period("2026-Q4", PeriodUnit.QUARTER)
    assert q4 is not None and q4.end == datetime(2027, 1, 1, tzinfo=UTC)
    assert sampling.parse_period("2026-13", PeriodUnit.MONTH) is None
    assert sampling.parse_period("2026-10", PeriodUnit.QUARTER) is None
    answers = good_answers()
    assert sampling.leaf_pointers(answers) == [
        "/visitDate",
        "/contactEmail",
        "/bankAccount",
        "/contracts/signed",
        "/contracts/archived",
        "/payments/onTime",
    ]
    changed = sampling.with_value(answers, "/contracts/signed", "no")
    assert sampling.resolve_pointer(changed, "/contracts/signed") == "no"
    assert answers["contracts"]["signed"] == "yes"


# --- the seeded data set -------------------------------------------------------------------


@dataclass
class Seed:
    admin: Person
    manager: Person
    auditors: list[Person]
    customers: list[Customer]
    form_id: UUID
    october: list[Submission]


async def _seed(api: Api) -> Seed:
    admin = await api.user(Role.ADMIN)
    manager = await api.user(Role.MANAGER)
    auditors = [await api.user(Role.AUDITOR) for _ in range(3)]
    tiers = [CustomerTier.KEY] * 2 + [CustomerTier.NORMAL] * 3 + [CustomerTier.HIGH_RISK]
    customers = [
        await Customer.create(code=f"V-{n}", name=f"V {n}", tier=tier)
        for n, tier in enumerate(tiers)
    ]
    await publish(admin, checklist("verify-check"))
    version = await FormVersion.filter(form__key="verify-check").first()
    assert version is not None
    october: list[Submission] = []
    for i in range(27):
        at = (
            datetime(2026, 10, 1 + i, 9, tzinfo=UTC)
            if i < 24
            else datetime(2026, 11, i - 20, 9, tzinfo=UTC)
        )
        row = await Submission.create(
            form_id=version.form_id,
            form_version_id=version.id,
            customer_id=customers[i % 6].id,
            submitted_by_id=auditors[i % 3].id,
            submitted_at=at,
            language="en",
            answers=good_answers(),
            request_hash=f"v{i}",
        )
        if i < 24:
            october.append(row)
    await Submission.create(
        form_id=version.form_id,
        form_version_id=version.id,
        customer_id=customers[0].id,
        submitted_by_id=auditors[0].id,
        submitted_at=datetime(2026, 10, 28, tzinfo=UTC),
        language="en",
        answers=good_answers(),
        request_hash="v-correction",
        revision=2,
        revises_id=october[0].id,
    )
    return Seed(admin, manager, auditors, customers, version.form_id, october)


def _fixed(seed: Seed, **sizes: int) -> PlanSpec:
    return PlanSpec(name="Monthly", form_ids=[seed.form_id], tier_sizes=sizes)


async def test_stratified_sizes_four_eyes_and_the_same_sample_for_the_same_seed(
    api: Api,
) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    plan = await service.save_plan(manager, _fixed(seed, key=3, normal=5, high_risk=10))
    drawn = await service.draw(manager, plan.id, "2026-10", 123456789)
    # October: 4 submissions per customer; key 2 customers = 8, normal 12, high risk 4.
    assert drawn.population == {"key": 8, "normal": 12, "high_risk": 4}
    assert drawn.sizes == {"key": 3, "normal": 5, "high_risk": 4}
    assert drawn.seed == 123456789
    items = await service.draw_items(manager, drawn.id)
    tiers = {c.id: c.tier.value for c in seed.customers}
    october = {s.id: s for s in seed.october}
    assert len(items) == 12
    for item in items:
        assert item.submission_id in october, "only October's first revisions"
        assert tiers[item.customer_id] == item.tier
        assert item.verifier_id is not None
        assert item.verifier_id != item.submitted_by_id, "four eyes"
        assert item.verifier_id in {a.id for a in seed.auditors}
    # The work is spread over the auditors.
    assert len({item.verifier_id for item in items}) == 3

    again = await service.save_plan(manager, _fixed(seed, key=3, normal=5, high_risk=10))
    same = await service.draw(manager, again.id, "2026-10", 123456789)
    other = await service.save_plan(manager, _fixed(seed, key=3, normal=5, high_risk=10))
    different = await service.draw(manager, other.id, "2026-10", 987654321)

    def picked(draw_id: UUID) -> list[tuple[UUID, UUID | None]]:
        return sorted((v.submission_id, v.verifier_id) for v in by_draw[draw_id])

    by_draw = {d.id: await service.draw_items(manager, d.id) for d in (drawn, same, different)}
    assert picked(same.id) == picked(drawn.id)
    assert {s for s, _ in picked(different.id)} != {s for s, _ in picked(drawn.id)}

    with pytest.raises(Conflict):
        await service.draw(manager, plan.id, "2026-10")
    with pytest.raises(ValidationFailed):
        await service.draw(manager, plan.id, "2026-Q4")
    with pytest.raises(Conflict):
        await service.delete_plan(manager, plan.id)
    assert await AuditEvent.filter(action="verification.draw").count() == 3


async def test_statistical_sizes_per_tier(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    spec = PlanSpec(
        name="Statistical",
        form_ids=[seed.form_id],
        sizing=SizingMode.STATISTICAL,
        confidence=0.90,
        tolerable_error=0.2,
        expected_error=0.1,
    )
    plan = await service.save_plan(manager, spec)
    drawn = await service.draw(manager, plan.id, "2026-10", 1)
    # n0 = 1.644854² * 0.09 / 0.04 = 6.087; key N = 8: 6.087 / (1 + 5.087 / 8) = 3.72 -> 4;
    # normal N = 12: 6.087 / 1.4239 = 4.27 -> 5; high risk N = 4: 6.087 / 2.2717 = 2.68 -> 3.
    assert drawn.sizes == {"key": 4, "normal": 5, "high_risk": 3}


async def test_the_only_auditor_never_verifies_their_own_a_manager_does(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    # Only u1 remains an auditor: their own submissions go to the manager, the others u1.
    for other in seed.auditors[1:]:
        await User.filter(id=other.id).update(is_active=False)
    plan = await service.save_plan(manager, _fixed(seed, key=8, normal=12, high_risk=4))
    drawn = await service.draw(manager, plan.id, "2026-10", 5)
    items = await service.draw_items(manager, drawn.id)
    only = seed.auditors[0].id
    for item in items:
        assert item.verifier_id == (seed.manager.id if item.submitted_by_id == only else only)


async def test_results_and_the_accuracy_rate_by_hand(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    plan = await service.save_plan(manager, _fixed(seed, key=2, normal=2, high_risk=2))
    drawn = await service.draw(manager, plan.id, "2026-10", 42)
    items = await service.draw_items(manager, drawn.id)
    assert len(items) == 6
    people = {a.id: a for a in seed.auditors}
    # Each of the six: all six fields checked; discrepancies: item 0 one, item 1 two,
    # the others none.
    wrong_by_index = {
        0: [DiscrepancySpec("/contracts/signed", "no", "contract not signed on site")],
        1: [
            DiscrepancySpec("/payments/onTime", "no", "late twice"),
            DiscrepancySpec("/visitDate", "2026-10-02", "visited a day later"),
        ],
    }
    for index, item in enumerate(items):
        assert item.verifier_id is not None
        verifier = principal(people[item.verifier_id])
        recorded = await service.record_result(
            verifier,
            item.id,
            checked=None,
            found_wrong=wrong_by_index.get(index, []),
            comment=None,
            settings=SETTINGS,
        )
        assert recorded.fields_verified == 6
        expected = VerificationStatus.DISCREPANT if index < 2 else VerificationStatus.AGREED
        assert recorded.status is expected
    gone = await service.discrepancies(manager, items[0].id)
    assert [(d.pointer, d.recorded_value, d.verified_value) for d in gone] == [
        ("/contracts/signed", "yes", "no")
    ]

    # Overall: 36 fields, 3 discrepancies.
    by_period = await service.accuracy(manager, "period")
    assert [(r.key, r.fields_verified, r.discrepancies) for r in by_period] == [("2026-10", 36, 3)]
    assert by_period[0].rate == pytest.approx(33 / 36)
    (form_row,) = await service.accuracy(manager, "form")
    assert form_row.key == str(seed.form_id) and form_row.rate == pytest.approx(33 / 36)
    # By tier and by the auditor who submitted: counted from the items above.
    expected_tier: dict[str, list[int]] = {}
    expected_auditor: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        wrong = len(wrong_by_index.get(index, []))
        for table, key in (
            (expected_tier, item.tier),
            (expected_auditor, str(item.submitted_by_id)),
        ):
            totals = table.setdefault(key, [0, 0, 0])
            totals[0] += 1
            totals[1] += 6
            totals[2] += wrong
    for dimension, expected_rows in (("tier", expected_tier), ("auditor", expected_auditor)):
        rows = await service.accuracy(manager, dimension)
        assert {r.key: [r.verifications, r.fields_verified, r.discrepancies] for r in rows} == (
            expected_rows
        )
        for row in rows:
            right = row.fields_verified - row.discrepancies
            assert row.rate == pytest.approx(right / row.fields_verified)
            assert row.interval == pytest.approx(sampling.wilson(right, row.fields_verified))
    assert await service.accuracy(manager, "period", period="2026-11") == []
    assert await AuditEvent.filter(action="verification.record").count() == 6


async def test_who_may_record(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    plan = await service.save_plan(manager, _fixed(seed, key=1))
    drawn = await service.draw(manager, plan.id, "2026-10", 3)
    (item,) = await service.draw_items(manager, drawn.id)
    people = {a.id: a for a in seed.auditors}
    submitter = principal(people[item.submitted_by_id])
    with pytest.raises(NotFound):
        await service.record_result(
            submitter, item.id, checked=None, found_wrong=[], comment=None, settings=SETTINGS
        )
    # Even when made the verifier by hand, the submitter is refused (four eyes).
    await Verification.filter(id=item.id).update(verifier_id=item.submitted_by_id)
    with pytest.raises(NotAllowed):
        await service.record_result(
            submitter, item.id, checked=None, found_wrong=[], comment=None, settings=SETTINGS
        )
    assert item.verifier_id is not None
    await Verification.filter(id=item.id).update(verifier_id=item.verifier_id)
    verifier = principal(people[item.verifier_id])
    with pytest.raises(ValidationFailed) as refused:
        await service.record_result(
            verifier,
            item.id,
            checked=["/visitDate", "/nowhere"],
            found_wrong=[DiscrepancySpec("/payments/onTime", "no", "")],
            comment=None,
            settings=SETTINGS,
        )
    codes = sorted(issue.code for issue in refused.value.issues)
    assert codes == [
        "verification.pointer_unchecked",
        "verification.pointer_unknown",
        "verification.reason_required",
    ]
    done = await service.record_result(
        verifier, item.id, checked=["/visitDate"], found_wrong=[], comment="ok", settings=SETTINGS
    )
    assert (done.status, done.fields_verified) == (VerificationStatus.AGREED, 1)
    with pytest.raises(Conflict):
        await service.record_result(
            verifier, item.id, checked=None, found_wrong=[], comment=None, settings=SETTINGS
        )
    assert [v.id for v in await service.my_verifications(verifier)] == [item.id]


PLAN = """
mutation($input: SaveVerificationPlanInput!) {
  saveVerificationPlan(input: $input) {
    __typename
    ... on VerificationPlanSaved { plan { id name tierSizes { tier size } } }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""
DRAW = """
mutation($input: DrawVerificationSampleInput!) {
  drawVerificationSample(input: $input) {
    __typename
    ... on VerificationSampleDrawn { draw { seed strata { tier population sample } } items { id } }
    ... on UserError { code message }
  }
}
"""
MINE = """
{ myVerifications { id status tier submission { id answers } } }
"""
RECORD = """
mutation($input: RecordVerificationInput!) {
  recordVerification(input: $input) {
    __typename
    ... on VerificationRecorded { verification { status fieldsVerified discrepancyCount } }
    ... on UserError { code message }
  }
}
"""
CORRECT = """
mutation($input: OpenVerificationCorrectionInput!) {
  openVerificationCorrection(input: $input) {
    __typename
    ... on VerificationCorrectionOpened { correction { id revision answers } verification { correctionId } }
    ... on UserError { code message }
  }
}
"""
ACCURACY = """
query($by: AccuracyDimension!) {
  verificationAccuracy(by: $by) { key label fieldsVerified discrepancies rate low high }
}
"""


async def test_the_whole_round_through_graphql_with_a_correction(api: Api) -> None:
    admin = await api.user(Role.ADMIN)
    manager = await api.user(Role.MANAGER)
    u1 = await api.user(Role.AUDITOR)
    u2 = await api.user(Role.AUDITOR)
    customer = await Customer.create(code="G-1", name="G 1", tier=CustomerTier.KEY)
    form_id, version_id = await publish(admin, checklist("verify-gql"))
    sent = await submit(
        u1,
        formVersionId=version_id,
        answers=good_answers(),
        customerId=str(to_global_id("Customer", customer.id)),
    )
    assert sent["__typename"] == "SubmissionAccepted", sent
    await Submission.all().update(submitted_at=datetime(2026, 10, 5, tzinfo=UTC))

    refused = await manager.data(PLAN, {"input": {"name": " ", "formIds": []}})
    assert refused["saveVerificationPlan"]["__typename"] == "ValidationFailed"
    assert {e["code"] for e in refused["saveVerificationPlan"]["errors"]} == {
        "verification.name_required",
        "verification.forms_required",
    }
    zh = await manager.data(PLAN, {"input": {"name": "", "formIds": [form_id]}}, language="zh-CN")
    assert zh["saveVerificationPlan"]["errors"][0]["message"] == "请填写计划名称。"
    saved = await manager.data(
        PLAN,
        {
            "input": {
                "name": "October",
                "formIds": [form_id],
                "tierSizes": [{"tier": "key", "size": 5}],
            }
        },
    )
    plan = saved["saveVerificationPlan"]["plan"]
    drawn = await manager.data(
        DRAW, {"input": {"planId": plan["id"], "period": "2026-10", "seed": "99"}}
    )
    result = drawn["drawVerificationSample"]
    assert result["draw"]["seed"] == "99"
    assert {"tier": "key", "population": 1, "sample": 1} in result["draw"]["strata"]
    again = await manager.data(DRAW, {"input": {"planId": plan["id"], "period": "2026-10"}})
    assert again["drawVerificationSample"]["__typename"] == "Conflict"

    assert (await u1.data(MINE))["myVerifications"] == []
    (mine,) = (await u2.data(MINE))["myVerifications"]
    assert mine["status"] == "ASSIGNED"
    assert mine["submission"]["answers"]["contracts"]["signed"] == "yes"
    recorded = await u2.data(
        RECORD,
        {
            "input": {
                "id": mine["id"],
                "discrepancies": [
                    {"pointer": "/contracts/signed", "verifiedValue": "no", "reason": "unsigned"}
                ],
            }
        },
    )
    assert recorded["recordVerification"]["verification"] == {
        "status": "DISCREPANT",
        "fieldsVerified": 6,
        "discrepancyCount": 1,
    }
    corrected = (await u2.data(CORRECT, {"input": {"id": mine["id"]}}))[
        "openVerificationCorrection"
    ]
    assert corrected["__typename"] == "VerificationCorrectionOpened", corrected
    assert corrected["correction"]["revision"] == 2
    assert corrected["correction"]["answers"]["contracts"]["signed"] == "no"
    assert corrected["verification"]["correctionId"] == corrected["correction"]["id"]
    sampled = await Verification.get(id=mine["id"])
    original = await Submission.get(id=sampled.submission_id)
    assert original.superseded_at is not None
    twice = (await u2.data(CORRECT, {"input": {"id": mine["id"]}}))["openVerificationCorrection"]
    assert twice["__typename"] == "Conflict"

    rows = (await manager.data(ACCURACY, {"by": "AUDITOR"}))["verificationAccuracy"]
    assert len(rows) == 1 and rows[0]["fieldsVerified"] == 6 and rows[0]["discrepancies"] == 1
    assert rows[0]["rate"] == pytest.approx(5 / 6)
    low, high = sampling.wilson(5, 6)
    assert (rows[0]["low"], rows[0]["high"]) == (pytest.approx(low), pytest.approx(high))
    forms_rows = (await manager.data(ACCURACY, {"by": "FORM"}))["verificationAccuracy"]
    assert forms_rows[0]["label"] == "Site check"
    denied = await u1.gql(ACCURACY, {"by": "TIER"})
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"

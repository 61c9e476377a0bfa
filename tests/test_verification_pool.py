"""Verification in the daily work: a plan's verifier pool, reassignment, and My work.

The seed is test_verification's (period 2026-10): submission i by auditors[i % 3] for
customers[i % 6], so the key customers' submissions are by u0 and u1, the normal ones' by
u2, u0, u1 and the high-risk one's by u2 alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID, uuid4

import pytest

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth.models import User
from auditportal.auth.principal import Role
from auditportal.errors import Conflict, NotAllowed, ValidationFailed
from auditportal.verification import service
from auditportal.verification.models import (
    Verification,
    VerificationDraw,
    VerificationStatus,
)
from auditportal.verification.service import PlanSpec
from auditportal.workflows.models import Notification
from tests.conftest import SETTINGS, Api
from tests.test_submissions import count_queries
from tests.test_verification import Seed, _seed, principal

ALL = {"key": 8, "normal": 12, "high_risk": 4}


def _plan(seed: Seed, **pool: object) -> PlanSpec:
    return PlanSpec(name="Pool", form_ids=[seed.form_id], tier_sizes=ALL, **pool)  # type: ignore[arg-type]


def _assignment(items: list[Verification]) -> list[tuple[UUID, UUID | None]]:
    return sorted((item.submission_id, item.verifier_id) for item in items)


async def test_a_team_pool_is_honoured_reproducibly_by_seed(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    u0, u1, _ = seed.auditors
    await User.filter(id__in=[u0.id, u1.id]).update(team="north-audit")
    plan = await service.save_plan(manager, _plan(seed, verifier_teams=["north-audit"]))
    assert plan.verifier_teams == ["north-audit"]
    drawn = await service.draw(manager, plan.id, "2026-10", 2026)
    items = await service.draw_items(manager, drawn.id)
    assert len(items) == 24
    # Only the team verifies, never their own; u2 (not in the team) never.
    for item in items:
        assert item.verifier_id in {u0.id, u1.id}
        assert item.verifier_id != item.submitted_by_id
    assert {item.verifier_id for item in items} == {u0.id, u1.id}

    again = await service.save_plan(manager, _plan(seed, verifier_teams=["north-audit"]))
    same = await service.draw(manager, again.id, "2026-10", 2026)
    assert _assignment(await service.draw_items(manager, same.id)) == _assignment(items)


async def test_named_users_and_a_stratum_without_a_verifier(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    u2 = seed.auditors[2]
    # u2 alone: the key stratum is fine (none of it is u2's), the normal and high-risk
    # strata hold u2's own submissions, which nobody in the pool may verify.
    lonely = await service.save_plan(manager, _plan(seed, verifier_ids=[u2.id]))
    with pytest.raises(ValidationFailed) as refused:
        await service.draw(manager, lonely.id, "2026-10", 7)
    issues = refused.value.issues
    assert [(i.path, i.code) for i in issues] == [
        (("planId",), "verification.stratum_without_verifier"),
        (("planId",), "verification.stratum_without_verifier"),
    ]
    assert [i.params["tier"]["en"] for i in issues] == ["standard customers", "high-risk customers"]
    # Nothing was written: no draw, no verification.
    assert not await VerificationDraw.filter(plan_id=lonely.id).exists()
    assert await Verification.all().count() == 0

    # With the manager named too, the manager verifies u2's own, u2 the rest.
    both = await service.save_plan(manager, _plan(seed, verifier_ids=[u2.id, seed.manager.id]))
    drawn = await service.draw(manager, both.id, "2026-10", 7)
    for item in await service.draw_items(manager, drawn.id):
        assert item.verifier_id == (seed.manager.id if item.submitted_by_id == u2.id else u2.id)


async def test_the_pool_is_validated_when_saved(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    customer_user = await api.user(Role.CUSTOMER, customer=seed.customers[0])
    gone = seed.auditors[1]
    await User.filter(id=gone.id).update(is_active=False, team="south")
    spec = _plan(
        seed,
        verifier_ids=[seed.auditors[0].id, customer_user.id, gone.id, uuid4()],
        verifier_teams=["south", "nowhere"],
        due_days=0,
    )
    with pytest.raises(ValidationFailed) as refused:
        await service.save_plan(manager, spec)
    assert sorted((i.path, i.code) for i in refused.value.issues) == [
        (("dueDays",), "verification.due_days_invalid"),
        (("verifierIds", 1), "verification.verifier_unknown"),
        (("verifierIds", 2), "verification.verifier_unknown"),
        (("verifierIds", 3), "verification.verifier_unknown"),
        (("verifierTeams", 0), "verification.team_empty"),
        (("verifierTeams", 1), "verification.team_empty"),
    ]


async def test_reassign_keeps_four_eyes_is_audited_and_notifies(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    plan = await service.save_plan(manager, _plan(seed))
    drawn = await service.draw(manager, plan.id, "2026-10", 11)
    items = await service.draw_items(manager, drawn.id)
    item = next(i for i in items if i.submitted_by_id == seed.auditors[0].id)
    people = {a.id: a for a in seed.auditors}
    current = item.verifier_id
    assert current is not None and current != seed.auditors[0].id
    other = next(a for a in seed.auditors if a.id not in {current, item.submitted_by_id})

    async def refused(verifier_id: UUID) -> str:
        with pytest.raises(ValidationFailed) as error:
            await service.reassign(manager, item.id, verifier_id)
        ((issue),) = error.value.issues
        assert issue.path == ("verifierId",)
        return issue.code

    assert await refused(item.submitted_by_id) == "verification.verifier_is_submitter"
    assert await refused(current) == "verification.verifier_unchanged"
    await User.filter(id=other.id).update(is_active=False)
    assert await refused(other.id) == "verification.verifier_unknown"
    await User.filter(id=other.id).update(is_active=True)
    with pytest.raises(NotAllowed):
        await service.reassign(principal(people[current]), item.id, other.id)
    assert await Notification.filter(user_id=other.id).count() == 0

    moved = await service.reassign(manager, item.id, other.id)
    assert moved.verifier_id == other.id
    # The new verifier is told, in both languages; the old one no longer has it.
    (notice,) = await Notification.filter(user_id=other.id)
    assert notice.message["en"] == "You were given a sampled submission to verify (2026-10)."
    assert notice.message["zh-CN"] == "您被指派复核一份抽检样本（2026-10）。"
    (event,) = await AuditEvent.filter(action="verification.reassign")
    assert event.summary == {"from": str(current), "to": str(other.id)}
    assert item.id not in {v.id for v in await service.my_verifications(principal(people[current]))}
    done = await service.record_result(
        principal(other), item.id, checked=None, found_wrong=[], comment=None, settings=SETTINGS
    )
    assert done.status is VerificationStatus.AGREED
    with pytest.raises(Conflict):
        await service.reassign(manager, item.id, current)


MY_WORK = """
{
  myWork(first: 100) {
    totalCount
    nodes { id kind title dueAt overdue stateLabel verificationId customer { code } submission { id } }
  }
  myWorkCounts { total overdue verifications tasks }
}
"""
REASSIGN = """
mutation($input: ReassignVerificationInput!) {
  reassignVerification(input: $input) {
    __typename
    ... on VerificationReassigned { verification { id verifierId } }
    ... on ValidationFailed { errors { path code message } }
    ... on UserError { code message }
  }
}
"""
POOL_PLAN = """
mutation($input: SaveVerificationPlanInput!) {
  saveVerificationPlan(input: $input) {
    __typename
    ... on VerificationPlanSaved { plan { id verifierIds verifierTeams dueDays } }
    ... on ValidationFailed { errors { path code message } }
  }
}
"""


async def test_my_work_and_reassignment_through_graphql(api: Api) -> None:
    seed = await _seed(api)
    manager = await api.user(Role.MANAGER)
    u0, u1, u2 = seed.auditors
    form_gid = str(to_global_id("Form", seed.form_id))
    saved = await manager.data(
        POOL_PLAN,
        {
            "input": {
                "name": "Pool",
                "formIds": [form_gid],
                "tierSizes": [{"tier": "key", "size": 2}],
                "verifierIds": [str(to_global_id("User", u.id)) for u in (u0, u1)],
                "dueDays": 3,
            }
        },
    )
    plan = saved["saveVerificationPlan"]["plan"]
    assert plan["dueDays"] == 3 and len(plan["verifierIds"]) == 2
    bad = await manager.data(
        POOL_PLAN,
        {"input": {"name": "X", "formIds": [form_gid], "verifierTeams": ["ghost"]}},
        language="zh-CN",
    )
    assert bad["saveVerificationPlan"]["errors"] == [
        {"path": ["input", "verifierTeams", "0"], "code": "verification.team_empty",
         "message": "该团队没有在职的稽核员或经理。"}
    ]  # fmt: skip

    drawn = await service.draw(principal(seed.manager), UUID(plan["id"]), "2026-10", 5)
    items = await service.draw_items(principal(seed.manager), drawn.id)
    assert len(items) == 2
    assert all(i.verifier_id in {u0.id, u1.id} for i in items)
    due = drawn.due_at
    assert due is not None and due == drawn.drawn_at + timedelta(days=3)

    by_verifier: dict[UUID, list[Verification]] = {}
    for item in items:
        assert item.verifier_id is not None
        by_verifier.setdefault(item.verifier_id, []).append(item)
    holder_id, held = next(iter(by_verifier.items()))
    holder = next(p for p in seed.auditors if p.id == holder_id)
    mine = await holder.data(MY_WORK)
    nodes = [n for n in mine["myWork"]["nodes"] if n["kind"] == "VERIFICATION"]
    assert sorted(n["verificationId"] for n in nodes) == sorted(str(i.id) for i in held)
    assert nodes[0]["title"] == "Verify: Site check"
    assert nodes[0]["stateLabel"] == "To verify"
    assert datetime.fromisoformat(nodes[0]["dueAt"]) == due
    assert nodes[0]["overdue"] is False
    assert mine["myWorkCounts"]["verifications"] == len(held)
    assert mine["myWorkCounts"]["total"] == mine["myWork"]["totalCount"]
    zh = await holder.data(MY_WORK, language="zh-CN")
    assert {n["stateLabel"] for n in zh["myWork"]["nodes"]} == {"待复核"}

    # Reassigned to u2 (outside the plan's pool: the manager's override), never the submitter.
    item = held[0]
    submitter_gid = str(to_global_id("User", item.submitted_by_id))
    refused = await manager.data(
        REASSIGN, {"input": {"id": str(item.id), "verifierId": submitter_gid}}
    )
    assert refused["reassignVerification"]["errors"][0]["code"] == (
        "verification.verifier_is_submitter"
    )
    target = u2 if item.submitted_by_id != u2.id else manager
    moved = await manager.data(
        REASSIGN,
        {"input": {"id": str(item.id), "verifierId": str(to_global_id("User", target.id))}},
    )
    assert moved["reassignVerification"]["verification"]["verifierId"] == str(
        to_global_id("User", target.id)
    )
    denied = await holder.gql(
        REASSIGN, {"input": {"id": str(item.id), "verifierId": str(to_global_id("User", u2.id))}}
    )
    assert denied["data"]["reassignVerification"]["__typename"] == "NotAllowed", denied
    after = await holder.data(MY_WORK)
    assert after["myWorkCounts"]["verifications"] == len(held) - 1
    theirs = await target.data(MY_WORK)
    assert str(item.id) in {n["verificationId"] for n in theirs["myWork"]["nodes"]}
    assert theirs["myWorkCounts"]["verifications"] >= 1
    unread = await target.data("{ unreadNotificationCount }")
    assert unread["unreadNotificationCount"] == 1


async def test_my_work_costs_the_same_queries_for_1_or_6_verifications(api: Api) -> None:
    seed = await _seed(api)
    manager = principal(seed.manager)
    verifier = seed.auditors[2]

    async def measure() -> tuple[int, int]:
        await verifier.data("{ me { role } }")  # authentication warm
        with count_queries() as statements:
            data = await verifier.data(MY_WORK)
        return data["myWorkCounts"]["verifications"], len(statements)

    one = await service.save_plan(
        manager,
        PlanSpec(name="One", form_ids=[seed.form_id], tier_sizes={"key": 1},
                 verifier_ids=[verifier.id]),
    )  # fmt: skip
    await service.draw(manager, one.id, "2026-10", 1)
    few, base = await measure()
    six = await service.save_plan(
        manager,
        PlanSpec(name="Six", form_ids=[seed.form_id], tier_sizes={"key": 5},
                 verifier_ids=[verifier.id]),
    )  # fmt: skip
    await service.draw(manager, six.id, "2026-10", 2)
    many, large = await measure()
    assert (few, many) == (1, 6)
    assert large == base, (base, large)
    print(f"my work statements with verifications: {base}")

"""Loading and removing the demo organisation (`auditportal demo`, `auditportal demo --remove`).

Everything the demo writes is labelled: customer codes start with ``DEMO-`` and carry the
tag ``demo``, usernames start with ``demo-``, display names and the plan say 演示 / Demo.
Loading is idempotent (a second run finds the demo and changes nothing) and takes
seconds: customers are written in bulk, the work on them goes through the real services
(submissions, workflow transitions, the scheduler's opening of inspections, grants), so
what the portal shows is what it would show in use. The audit trail keeps a record of the
load and of the services' writes; removal deletes the data, not the trail (it is
append-only), and records the removal.

Half the checklists carry site photos (``demo.evidence``: PNGs drawn in code, uploaded
through the evidence service like real ones); the complaints' cases are moved on by the
real transitions (acknowledged, investigating, resolved, closed), some left as received.
"""

from __future__ import annotations

import asyncio
import copy
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth import grants
from auditportal.auth.models import ConsultantGrant, User
from auditportal.auth.passwords import hash_password
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.users import create_user, temporary_password
from auditportal.customers import communications
from auditportal.customers.models import AccountAuditor, Customer, CustomerTag
from auditportal.customers.register_models import Channel
from auditportal.demo import evidence, names
from auditportal.errors import ValidationFailed
from auditportal.forms import queries as form_queries
from auditportal.forms.models import Form, Submission
from auditportal.inspections import scheduler
from auditportal.inspections.models import (
    AssignmentRule,
    InspectionPlan,
    InspectionStatus,
    ScheduledInspection,
)
from auditportal.reports.models import Report
from auditportal.settings import Settings
from auditportal.submissions import intake
from auditportal.workflows import instances as workflow_instances
from auditportal.workflows import outbox
from auditportal.workflows import queries as workflow_queries
from auditportal.workflows.models import Notification, OutboxMessage, WorkflowInstance

CODE_PREFIX = "DEMO-"
USER_PREFIX = "demo-"
TAG = "demo"
PLAN_NAME = {
    "zh-CN": "演示 · 第四季度专项合规检查",
    "en": "Demo · Q4 special compliance inspection",
}
INSPECTION_FORM = "customer-compliance-inspection"
COMPLAINT_FORM = "complaint-intake"
INSPECTION_WORKFLOW = "inspection"
DEFAULT_CUSTOMERS = 300


class DemoUnavailable(Exception):
    """The built-in forms and workflows the demo fills are not published yet."""


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    display_name: str
    password: str
    customer_code: str | None = None


@dataclass
class DemoReport:
    loaded: bool
    accounts: list[DemoAccount] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


# username, role, display name, customer index (customer users)
_PEOPLE: tuple[tuple[str, Role, str, int | None], ...] = (
    ("demo-admin", Role.ADMIN, "演示 · 合规管理员 周静", None),
    ("demo-manager", Role.MANAGER, "演示 · 审计经理 王敏", None),
    ("demo-manager-2", Role.MANAGER, "演示 · 审计经理 陈刚", None),
    ("demo-auditor", Role.AUDITOR, "演示 · 稽核员 李强", None),
    ("demo-auditor-2", Role.AUDITOR, "演示 · 稽核员 张伟", None),
    ("demo-auditor-3", Role.AUDITOR, "演示 · 稽核员 刘洋", None),
    ("demo-auditor-4", Role.AUDITOR, "演示 · 稽核员 赵娟", None),
    ("demo-customer", Role.CUSTOMER, "演示 · 客户联系人 孙磊", 0),
    ("demo-customer-2", Role.CUSTOMER, "演示 · 客户联系人 马艳", 1),
    ("demo-consultant", Role.CONSULTANT, "演示 · 外部顾问 胡明", None),
)


def _as(user: User) -> Principal:
    return Principal(
        subject=f"user:{user.username}",
        role=user.role,
        user_id=user.id,
        username=user.username,
        customer_id=user.customer_id,
        scopes=default_scopes(user.role),
    )


async def is_loaded() -> bool:
    return await Customer.exists(code=f"{CODE_PREFIX}0001") or await User.exists(
        username="demo-admin"
    )


async def load_demo(
    settings: Settings, *, customer_count: int = DEFAULT_CUSTOMERS, today: date | None = None
) -> DemoReport:
    """Load the demo in one transaction: all of it or (on any error) nothing."""
    async with in_transaction():
        report = await _load(settings, customer_count, today)
    if report.loaded:
        # Deliver what the steps asked for (notifications, report renders) now, so that the
        # bells ring at the first sign-in; the worker would otherwise do it shortly.
        delivered = await outbox.deliver_pending(settings, limit=5000)
        report.counts["outboxDelivered"] = delivered["delivered"]
        report.counts["notifications"] = await Notification.filter(
            user__username__startswith=USER_PREFIX
        ).count()
    return report


async def _load(settings: Settings, customer_count: int, today: date | None) -> DemoReport:
    if await is_loaded():
        return DemoReport(loaded=False)
    for key in (INSPECTION_FORM, COMPLAINT_FORM):
        if not await Form.exists(key=key, latest_version_number__gt=0):
            raise DemoUnavailable(key)
    version = await workflow_queries.latest_open_version_by_key(INSPECTION_WORKFLOW)
    if version is None:
        raise DemoUnavailable(INSPECTION_WORKFLOW)
    day = today or scheduler.local_today(settings)
    rng = random.Random(day.toordinal())
    system = system_principal("demo")
    report = DemoReport(loaded=True)

    rows = names.customers(customer_count)
    customers = await _customers(rows)
    people = await _people(system, customers, report)
    auditors = [u for u in people.values() if u.role is Role.AUDITOR]
    managers = [u for u in people.values() if u.role is Role.MANAGER]
    owner = {c.id: auditors[i % len(auditors)] for i, c in enumerate(customers)}
    await AccountAuditor.bulk_create(
        [AccountAuditor(customer_id=c.id, auditor_id=owner[c.id].id) for c in customers]
    )
    report.counts["customers"] = len(customers)

    plan = await InspectionPlan.create(
        name=PLAN_NAME,
        form_key=INSPECTION_FORM,
        workflow_key=INSPECTION_WORKFLOW,
        target_tags=[TAG],
        recurrences={},
        starts_on=day - timedelta(days=30),
        effective_from=day,
        lead_days=7,
        horizon_days=92,
        assignment=AssignmentRule.ACCOUNT_AUDITOR,
        # A one-off campaign: its inspections are written below, no recurrence adds more.
        active=False,
    )
    report.counts.update(await _inspections(plan, version, customers, owner, day, rng, settings))
    report.counts.update(await _checklists(customers, owner, managers, day, rng, settings, people))
    report.counts.update(await _complaints(customers, owner, people, day, rng, settings))
    report.counts["followUps"] = await _follow_ups(customers, owner, day, rng)
    await grants.grant_access(
        system,
        consultant_id=people["demo-consultant"].id,
        customer_ids=[c.id for c in customers[:20]],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=30),
        reason="演示：外部顾问年度审计支持 / Demo: external consultant's yearly audit support",
    )
    await audit.record(system, "demo.load", "DemoOrganisation", "demo", report.counts)
    return report


async def _customers(rows: list[names.DemoCustomer]) -> list[Customer]:
    made = [
        Customer(
            id=uuid4(),
            code=row.code,
            name=row.name,
            industry=row.industry,
            region=row.region,
            tier=row.tier,
            rule_tier=row.tier,
            contacts=[{"name": row.contact, "title": "财务经理", "primary": True,
                       "phone": f"021-{6000_0000 + index:08d}"[:13]}],
            risk_score=60.0 if row.tier.value == "high_risk" else 20.0,
        )
        for index, row in enumerate(rows)
    ]  # fmt: skip
    async with in_transaction():
        await Customer.bulk_create(made, batch_size=500)
        await CustomerTag.bulk_create(
            [CustomerTag(customer_id=c.id, tag=tag) for c in made for tag in (TAG, c.region)],
            batch_size=1000,
        )
    return list(await Customer.filter(code__startswith=CODE_PREFIX).order_by("code"))


async def _people(
    system: Principal, customers: list[Customer], report: DemoReport
) -> dict[str, User]:
    people: dict[str, User] = {}
    passwords = [temporary_password() for _ in _PEOPLE]
    # argon2 is the slow part of the whole load and releases the GIL: hash side by side.
    hashes = await asyncio.gather(*(asyncio.to_thread(hash_password, p) for p in passwords))
    for (username, role, display_name, customer_index), password, hashed in zip(
        _PEOPLE, passwords, hashes, strict=True
    ):
        customer = customers[customer_index] if customer_index is not None else None
        user = await create_user(
            system,
            username=username,
            role=role,
            display_name=display_name,
            customer_id=customer.id if customer else None,
        )
        user.password_hash = hashed
        user.password_changed_at = datetime.now(UTC)
        await user.save(update_fields=["password_hash", "password_changed_at"])
        people[username] = user
        report.accounts.append(
            DemoAccount(username, role, display_name, password, customer.code if customer else None)
        )
    return people


async def _inspections(
    plan: InspectionPlan,
    version: Any,
    customers: list[Customer],
    owner: dict[UUID, User],
    day: date,
    rng: random.Random,
    settings: Settings,
) -> dict[str, int]:
    """A quarter of the customers get an inspection of the campaign, in mixed states."""
    counts = {"inspectionsPlanned": 0, "inspectionsOpened": 0, "inspectionsCancelled": 0}
    chosen = customers[::4]
    system = system_principal("demo")
    for index, customer in enumerate(chosen):
        mix = index % 5
        overdue = mix in (0, 2)
        due = day + timedelta(days=-rng.randint(2, 12) if overdue else rng.randint(3, 25))
        row = await ScheduledInspection.create(
            plan_id=plan.id,
            customer_id=customer.id,
            period=due.isoformat(),
            tier=customer.tier.value,
            due_on=due,
            opens_on=due - timedelta(days=plan.lead_days),
            assignee_id=owner[customer.id].id,
            status=InspectionStatus.CANCELLED if mix == 4 else InspectionStatus.PLANNED,
            cancelled_at=datetime.now(UTC) if mix == 4 else None,
        )
        if mix in (0, 1):
            counts["inspectionsPlanned"] += 1
        elif mix == 4:
            counts["inspectionsCancelled"] += 1
        else:
            await scheduler.open_one(system, plan, version, row, settings)
            counts["inspectionsOpened"] += 1
            if mix == 3:
                instance = await WorkflowInstance.get(id=(await row_instance(row.id)))
                await workflow_instances.fire_transition(
                    _as(owner[customer.id]), instance.id, "start_fieldwork", settings=settings
                )
    return counts


async def row_instance(row_id: UUID) -> UUID:
    found = await ScheduledInspection.get(id=row_id)
    assert found.instance_id is not None
    return UUID(str(found.instance_id))


def _example(key: str, settings: Settings) -> dict[str, Any]:
    path = settings.forms_dir / "examples" / f"{key}.json"
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


async def _checklists(
    customers: list[Customer],
    owner: dict[UUID, User],
    managers: list[User],
    day: date,
    rng: random.Random,
    settings: Settings,
    people: dict[str, User],
) -> dict[str, int]:
    """Submitted inspection checklists, some with findings, at every step of the review."""
    example = _example(INSPECTION_FORM, settings)
    counts = {"checklists": 0, "findings": 0, "photos": 0}
    form = await Form.get(key=INSPECTION_FORM)
    version = await form_queries.latest_version(form.id, open_only=True)
    assert version is not None
    for index, customer in enumerate(customers[1::4][:16]):
        auditor = owner[customer.id]
        answers = copy.deepcopy(example)
        answers.update(
            customerRef=customer.code,
            customerName=customer.name,
            customerClass=customer.tier.value,
            inspectionDate=(day - timedelta(days=rng.randint(1, 20))).isoformat(),
            periodFrom=(day - timedelta(days=120)).isoformat(),
            periodTo=(day - timedelta(days=30)).isoformat(),
            inspectors=auditor.display_name.split(" ")[-1],
            customerContact=(customer.contacts or [{}])[0].get("name", "张伟"),
            rectificationDeadline=(day + timedelta(days=30)).isoformat(),
        )
        if index % 2 == 0:
            # Findings: an expired contract and late payments.
            answers["contracts"]["contractsValid"] = "no"
            answers["payments"]["paidOnTime"] = "no"
            answers["overallRemarks"] = "合同已过期未续签，回款存在逾期，需限期整改。"
        if index % 2 == 0 or index % 3 == 0:
            # Site photos as evidence, uploaded before the submit that links them.
            photos = await evidence.upload_photos(
                _as(auditor), version.id, index, 1 + index % 2, settings
            )
            answers["sitePhotos"] = photos
            counts["photos"] += len(photos)
        result, started = await intake.submit(
            _as(auditor),
            answers=answers,
            language="zh-CN",
            form_id=form.id,
            customer_id=customer.id,
            settings=settings,
        )
        counts["checklists"] += 1
        counts["findings"] += result.submission.finding_count
        for instance in started:
            await _review(instance.id, index, auditor, managers, settings)
    return counts


async def _review(
    instance_id: UUID, index: int, auditor: User, managers: list[User], settings: Settings
) -> None:
    """Move a checklist's case along: fieldwork, submitted, some reviewed, some closed."""
    steps = index % 4
    fire = workflow_instances.fire_transition
    await fire(_as(auditor), instance_id, "start_fieldwork", settings=settings)
    if steps == 0:
        return  # at fieldwork, due in ten working days
    await fire(_as(auditor), instance_id, "submit", settings=settings)
    if steps == 1:
        return  # waiting for a manager's review
    instance = await WorkflowInstance.get(id=instance_id)
    reviewer = next((m for m in managers if m.id == instance.assignee_id), managers[0])
    await fire(_as(reviewer), instance_id, "start_review", settings=settings)
    if steps == 2 or index % 2 == 0:
        return  # under review (findings stay here until corrected)
    await fire(_as(reviewer), instance_id, "approve", settings=settings)


async def _complaints(
    customers: list[Customer],
    owner: dict[UUID, User],
    people: dict[str, User],
    day: date,
    rng: random.Random,
    settings: Settings,
) -> dict[str, int]:
    example = _example(COMPLAINT_FORM, settings)
    subjects = (
        ("billing_fees", "high", "账单重复收取服务费"),
        ("delivery_delay", "medium", "上门服务多次改约"),
        ("billing_fees", "low", "发票抬头开错"),
        ("service_attitude", "high", "客户经理长期联系不上"),
    )
    form_id = (await Form.get(key=COMPLAINT_FORM)).id
    filed = moved = 0
    for index, customer in enumerate(customers[:10]):
        answers = copy.deepcopy(example)
        category, severity, subject = subjects[index % len(subjects)]
        received = datetime.now(UTC) - timedelta(days=rng.randint(0, 6))
        answers["intake"]["receivedAt"] = received.isoformat(timespec="seconds")
        answers["complainant"]["customerRef"] = customer.code
        answers["details"].update(
            category=category,
            severity=severity,
            subject=subject,
            occurredOn=(day - timedelta(days=rng.randint(7, 30))).isoformat(),
        )
        # Attachments are ids of uploaded files: the demo's complaints have none.
        answers["details"].pop("attachments", None)
        by_customer = {0: people["demo-customer"], 1: people["demo-customer-2"]}
        submitter = by_customer.get(index, owner[customer.id])
        try:
            _, started = await intake.submit(
                _as(submitter),
                answers=answers,
                language="zh-CN",
                form_id=form_id,
                customer_id=customer.id,
                settings=settings,
            )
        except ValidationFailed as error:  # the form changed under the demo: say where
            where = ", ".join(f"{i.pointer or '/'} {i.code}" for i in error.issues)
            raise DemoUnavailable(f"{COMPLAINT_FORM}: {where}") from error
        filed += 1
        for instance in started:
            moved += await _handle_complaint(instance.id, index, owner[customer.id], settings)
    return {"complaints": filed, "complaintsMoved": moved}


# How far each complaint's case goes (by index): the steps the account auditor (and, to
# close, the customer's confirmation) takes through the real engine.
_COMPLAINT_STEPS: tuple[tuple[str, dict[str, Any] | None], ...] = (
    ("acknowledge", {"contactChannel": "phone", "note": "已电话告知客户受理，三个工作日内答复。"}),
    ("start_investigation", None),
    (
        "resolve",
        {
            "rootCause": "计费系统在合同变更后重复生成了服务费账单。",
            "resolution": "已撤销重复账单并退回多收款项，向客户书面致歉。",
        },
    ),
    ("confirm", {"confirmedVia": "phone"}),
)


async def _handle_complaint(
    instance_id: UUID, index: int, auditor: User, settings: Settings
) -> int:
    """Fire the first ``index % 5`` steps (0: left at received); returns 1 if it moved."""
    steps = _COMPLAINT_STEPS[: index % 5]
    for event, input_ in steps:
        await workflow_instances.fire_transition(
            _as(auditor), instance_id, event, input_=input_, settings=settings
        )
    return 1 if steps else 0


async def _follow_ups(
    customers: list[Customer], owner: dict[UUID, User], day: date, rng: random.Random
) -> int:
    made = 0
    topics = ("催收逾期回款", "补充合同续签材料", "确认整改计划", "预约季度回访")
    for index, customer in enumerate(customers[2::10][:24]):
        auditor = owner[customer.id]
        due = day + timedelta(days=rng.randint(-5, 14))
        await communications.log_communication(
            _as(auditor),
            customer.id,
            communications.CommunicationInput(
                channel=Channel.PHONE if index % 2 else Channel.VISIT,
                occurred_at=datetime.now(UTC) - timedelta(days=rng.randint(1, 10)),
                summary=f"与{customer.name}财务经理沟通对账及整改进度。",
                participants=[auditor.display_name.split(" ")[-1]],
                follow_ups=[
                    communications.FollowUpInput(
                        description=topics[index % len(topics)],
                        owner_id=auditor.id,
                        due_on=due,
                    )
                ],
            ),
        )
        made += 1
    return made


async def remove_demo(settings: Settings | None = None) -> dict[str, int]:
    """Delete the demo organisation's data (the audit trail keeps its record); with
    ``settings``, the stored files of its photos too."""
    customer_ids = list(
        await Customer.filter(code__startswith=CODE_PREFIX).values_list("id", flat=True)
    )
    user_ids = list(
        await User.filter(username__startswith=USER_PREFIX).values_list("id", flat=True)
    )
    plans = await InspectionPlan.filter(form_key=INSPECTION_FORM, active=False)
    plan_ids = [plan.id for plan in plans if (plan.name or {}).get("en") == PLAN_NAME["en"]]
    counts: dict[str, int] = {"customers": len(customer_ids), "users": len(user_ids)}
    async with in_transaction():
        submissions = list(
            await Submission.filter(customer_id__in=customer_ids).values_list("id", flat=True)
        ) + list(await Submission.filter(submitted_by_id__in=user_ids).values_list("id", flat=True))
        cases = set(
            await WorkflowInstance.filter(customer_id__in=customer_ids).values_list("id", flat=True)
        )
        cases |= set(
            await WorkflowInstance.filter(submission_id__in=submissions).values_list(
                "id", flat=True
            )
        )
        counts["workflowInstances"] = len(cases)
        await OutboxMessage.filter(instance_id__in=list(cases)).delete()
        await Notification.filter(instance_id__in=list(cases)).delete()
        await Report.filter(customer_id__in=customer_ids).delete()
        await Report.filter(instance_id__in=list(cases)).delete()
        # Children before parents (a corrective action points at its inspection).
        remaining = set(cases)
        while remaining:
            parents = set(
                await WorkflowInstance.filter(
                    parent_id__in=list(remaining), id__in=list(remaining)
                ).values_list("parent_id", flat=True)
            )
            leaves = remaining - parents
            await WorkflowInstance.filter(id__in=list(leaves)).delete()
            remaining -= leaves
        counts["attachments"], files = await evidence.remove_attachments(customer_ids, user_ids)
        await Submission.filter(id__in=submissions).update(revises_id=None)
        counts["submissions"] = await Submission.filter(id__in=submissions).delete()
        await ScheduledInspection.filter(customer_id__in=customer_ids).delete()
        await InspectionPlan.filter(id__in=plan_ids).delete()
        await ConsultantGrant.filter(granted_by_id__in=user_ids).delete()
        await User.filter(id__in=user_ids, customer_id__isnull=False).delete()
        await User.filter(id__in=user_ids).delete()
        await Customer.filter(id__in=customer_ids).delete()
        await audit.record(
            system_principal("demo"), "demo.remove", "DemoOrganisation", "demo", counts
        )
    if settings is not None:
        # After the commit: a failed removal keeps the files its rows still point at.
        await evidence.delete_files(files, settings)
    return counts

"""Plans for every kind of recurring work, set up from definitions only.

Practice 10: a quarterly satisfaction survey sent to the customer users of the targeted
customers, whose detractor answer starts the follow-up. Practice 7: an internal review
once a quarter, assigned to staff, about no customer. Practice 1: a communication plan
targeting a tier, which customers who join the tier later also get. Planning "a year"
means the calendar year.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.customers.communications import materialise_due_tasks
from auditportal.customers.models import Customer, CustomerTier
from auditportal.customers.register_models import CommunicationPlan, CommunicationTask
from auditportal.inspections.models import (
    NO_CUSTOMER,
    PlanAudience,
    PlanHorizon,
    ScheduledInspection,
)
from auditportal.inspections.scheduler import horizon_end
from auditportal.jobs.embedded import drain
from auditportal.workflows import definitions
from auditportal.workflows.models import WorkflowInstance
from tests import inspection_factories as f
from tests.conftest import SETTINGS, Api
from tests.factories import t
from tests.helpers import publish, submit
from tests.test_builtin_workflows import example


def simple_workflow(key: str, subject: str) -> dict[str, Any]:
    return {
        "key": key,
        "title": t(key),
        "subject": subject,
        "states": {
            "open": {
                "title": t("Open", "待办"),
                "initial": True,
                "onEnter": [{"type": "notify", "to": {"assignee": True}, "message": t("To do")}],
            },
            "done": {"title": t("Done", "完成"), "final": True},
        },
        "transitions": [
            {
                "event": "finish",
                "title": t("Finish"),
                "from": ["open"],
                "to": "done",
                "roles": ["assignee", "manager"],
            }
        ],
    }


async def _workflow(definition: dict[str, Any]) -> None:
    saved = await definitions.save_draft(f.SYSTEM, definition, settings=SETTINGS)
    await definitions.publish(f.SYSTEM, saved.id)


async def test_a_quarterly_survey_goes_to_the_targeted_customers_users(api: Api) -> None:
    await f.load_builtins()
    await _workflow(simple_workflow("survey-round", "customer"))
    acme = await Customer.create(code="K-1", name="Acme", tier=CustomerTier.KEY)
    bolt = await Customer.create(code="K-2", name="Bolt", tier=CustomerTier.KEY)
    await Customer.create(code="N-1", name="Small", tier=CustomerTier.NORMAL)
    acme_user = await api.user("customer", customer=acme)
    await api.user("customer", customer=bolt)
    today = f.today()
    plan = await f.plan(
        name={"zh-CN": "季度满意度调查", "en": "Quarterly satisfaction survey"},
        form_key="customer-satisfaction-survey",
        workflow_key="survey-round",
        recurrences=[("all", "FREQ=MONTHLY;INTERVAL=3")],
        target_tiers=["key"],
        starts_on=today,
        audience=PlanAudience.CUSTOMER_USERS,
        horizon=PlanHorizon.YEAR,
    )
    await drain(SETTINGS)
    rows = await ScheduledInspection.filter(plan_id=plan.id, period=today.isoformat())
    assert {row.customer_id for row in rows} == {acme.id, bolt.id}
    ours = next(row for row in rows if row.customer_id == acme.id)
    assert ours.assignee_id == acme_user.id  # the customer's own user, not an auditor
    instance = await WorkflowInstance.get(id=ours.instance_id)
    assert (instance.customer_id, instance.state) == (acme.id, "open")

    # The customer user sees the round and answers as a detractor: the follow-up starts.
    seen = await acme_user.data(
        "query($id: ID!) { node(id: $id) { ... on WorkflowInstance { state } } }",
        {"id": to_global_id("WorkflowInstance", instance.id)},
    )
    assert seen["node"] == {"state": "open"}
    form = await acme_user.data(
        '{ form(key: "customer-satisfaction-survey") { latestVersion { id } } }'
    )
    answered = await submit(
        acme_user,
        formVersionId=form["form"]["latestVersion"]["id"],
        answers=example("customer-satisfaction-survey", nps=3),
    )
    assert answered["__typename"] == "SubmissionAccepted", answered
    follow_up = await WorkflowInstance.filter(customer_id=acme.id).exclude(id=instance.id).first()
    assert follow_up is not None
    assert (await follow_up.definition).key == "survey-follow-up"


async def test_a_survey_plan_needs_a_form_offered_to_customers(api: Api) -> None:
    await f.load_builtins()
    admin = await api.user("admin")
    created = await admin.data(
        """mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) {
            __typename ... on ValidationFailed { errors { path message } } } }""",
        {
            "input": {
                "plan": {
                    "name": {"zhCN": "调查", "en": "Survey"},
                    "formKey": f.FORM_KEY,
                    "workflowKey": f.WORKFLOW_KEY,
                    "recurrences": [{"rule": "FREQ=MONTHLY;INTERVAL=3"}],
                    "startsOn": f.today().isoformat(),
                    "audience": "CUSTOMER_USERS",
                }
            }
        },
    )
    assert created["createInspectionPlan"]["errors"] == [
        {
            "path": ["input", "plan", "formKey"],
            "message": f"The form “{f.FORM_KEY}” is not offered to customers, so it cannot go "
            "to customer users.",
        }
    ]


async def test_an_internal_review_each_quarter_is_assigned_to_staff(api: Api) -> None:
    admin = await api.user("admin")
    manager = await api.user("manager", username="lead.reviewer")
    await Customer.create(code="K-1", name="Acme", tier=CustomerTier.KEY)
    review = {
        "key": "lessons-learned",
        "category": "custom",
        "title": t("Lessons learned", "经验总结"),
        "schema": {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "properties": {"summary": {"type": "string", "x-title": t("Summary")}},
        },
    }
    await publish(admin, review)
    await _workflow(simple_workflow("quarterly-review", "inspection"))
    created = await admin.data(
        """mutation($input: CreateInspectionPlanInput!) { createInspectionPlan(input: $input) {
            __typename ... on InspectionPlanSaved { plan { id audience horizon
              recurrences { tier rule } } }
            ... on ValidationFailed { errors { path message } } } }""",
        {
            "input": {
                "plan": {
                    "name": {"zhCN": "季度经验总结", "en": "Quarterly lessons learned"},
                    "formKey": "lessons-learned",
                    "workflowKey": "quarterly-review",
                    "recurrences": [{"rule": "FREQ=MONTHLY;INTERVAL=3"}],
                    "startsOn": f.today().isoformat(),
                    "leadDays": 0,
                    "audience": "STAFF",
                    "horizon": "QUARTER",
                    "assignment": "USER",
                    "assigneeUserId": to_global_id("User", manager.id),
                }
            }
        },
    )
    saved = created["createInspectionPlan"]
    assert saved["__typename"] == "InspectionPlanSaved", saved
    assert saved["plan"]["audience"] == "STAFF"
    assert saved["plan"]["recurrences"] == [{"tier": None, "rule": "FREQ=MONTHLY;INTERVAL=3"}]
    await drain(SETTINGS)
    listed = await admin.data(
        """{ scheduledInspections(first: 10) { nodes { period tier customer { code }
            assignee { username } instance { state } } } }"""
    )
    assert listed["scheduledInspections"]["nodes"] == [
        {
            "period": f.today().isoformat(),
            "tier": None,
            "customer": None,
            "assignee": {"username": "lead.reviewer"},
            "instance": {"state": "open"},
        }
    ]
    row = await ScheduledInspection.get()
    assert row.customer_id == NO_CUSTOMER
    instance = await WorkflowInstance.get(id=row.instance_id)
    assert instance.customer_id is None and instance.assignee_id == manager.id
    # A re-plan of a customer leaves the staff plan's work alone.
    from auditportal.inspections.scheduler import replan_customer

    await replan_customer((await Customer.get(code="K-1")).id, SETTINGS)
    assert await ScheduledInspection.all().count() == 1


def test_a_year_or_a_quarter_means_the_calendar_period() -> None:
    assert horizon_end(PlanHorizon.YEAR, 92, 14, date(2026, 3, 10)) == date(2026, 12, 31)
    assert horizon_end(PlanHorizon.QUARTER, 92, 14, date(2026, 2, 1)) == date(2026, 3, 31)
    assert horizon_end(PlanHorizon.QUARTER, 92, 0, date(2026, 11, 5)) == date(2026, 12, 31)
    # Never short of the lead time: work due early next year still opens on time.
    assert horizon_end(PlanHorizon.YEAR, 92, 14, date(2026, 12, 25)) == date(2027, 1, 8)
    assert horizon_end(PlanHorizon.DAYS, 92, 14, date(2026, 3, 10)) == date(2026, 6, 10)


SAVE_PLAN = """
mutation($input: SaveCommunicationPlanInput!) {
  saveCommunicationPlan(input: $input) {
    __typename
    ... on CommunicationPlanSaved { plan { id targetTiers customer { code } } }
    ... on ValidationFailed { errors { path message } }
  }
}
"""


async def test_a_communication_plan_for_a_tier_reaches_later_joiners(api: Api) -> None:
    admin = await api.user("admin")
    owner = await api.user("auditor", username="care.owner")
    acme = await Customer.create(code="K-1", name="Acme", tier=CustomerTier.KEY)
    bolt = await Customer.create(code="K-2", name="Bolt", tier=CustomerTier.KEY)
    later = await Customer.create(code="N-1", name="Later", tier=CustomerTier.NORMAL)
    today = f.today()
    plan_input = {
        "title": "重点客户月度回访",
        "channel": "PHONE",
        "rrule": "FREQ=MONTHLY",
        "startsOn": today.isoformat(),
        "ownerId": to_global_id("User", owner.id),
        "leadDays": 3,
    }
    refused = await admin.data(SAVE_PLAN, {"input": plan_input})
    assert refused["saveCommunicationPlan"]["errors"] == [
        {
            "path": ["input", "customerId"],
            "message": "Choose a customer, or target customers by tier, region or tag.",
        }
    ]
    saved = await admin.data(SAVE_PLAN, {"input": {**plan_input, "tiers": ["KEY"]}})
    assert saved["saveCommunicationPlan"]["plan"]["targetTiers"] == ["KEY"]
    assert saved["saveCommunicationPlan"]["plan"]["customer"] is None
    listed = await owner.data("{ targetedCommunicationPlans { title targetTiers } }")
    assert listed["targetedCommunicationPlans"] == [
        {"title": "重点客户月度回访", "targetTiers": ["KEY"]}
    ]

    await materialise_due_tasks(today)
    tasks = await CommunicationTask.all().values_list("customer_id", "due_on")
    assert sorted(tasks) == sorted([(acme.id, today), (bolt.id, today)])
    # The customer's own list shows the plan it gets.
    listed = await admin.data('{ customer(code: "K-1") { communicationPlans { title } } }')
    assert listed["customer"]["communicationPlans"] == [{"title": "重点客户月度回访"}]

    # A customer who becomes key later gets the plan; one who leaves the tier stops.
    await Customer.filter(id=later.id).update(tier=CustomerTier.KEY)
    await Customer.filter(id=bolt.id).update(tier=CustomerTier.NORMAL)
    await materialise_due_tasks(today)
    tasks = await CommunicationTask.all().values_list("customer_id", "due_on")
    assert sorted(tasks) == sorted([(acme.id, today), (bolt.id, today), (later.id, today)])
    children = {
        row.customer_id: row.active
        for row in await CommunicationPlan.filter(parent_id__isnull=False)
    }
    assert children == {acme.id: True, bolt.id: False, later.id: True}
    # Rerunning changes nothing.
    await materialise_due_tasks(today)
    assert await CommunicationTask.all().count() == 3
    assert await CommunicationPlan.filter(parent_id__isnull=False).count() == 3

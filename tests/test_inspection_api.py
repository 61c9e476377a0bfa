"""Inspection plans through GraphQL: design, validation in both languages, compare-and-set
edits, deactivation, the preview, the scheduled-inspection list and job status."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.audit.models import AuditEvent
from auditportal.auth.principal import Role
from auditportal.customers.models import CustomerTier
from auditportal.inspections.models import InspectionPlan, ScheduledInspection
from auditportal.inspections.scheduler import local_today
from auditportal.jobs.embedded import drain
from tests import inspection_factories as f
from tests.conftest import SETTINGS, Api

PLAN_FIELDS = """
    id name lockVersion active formKey workflowKey leadDays horizonDays assignment
    recurrences { tier rule } targeting { tiers regions tags customerIds }
"""
RESULT = f"""
    __typename
    ... on InspectionPlanSaved {{ plan {{ {PLAN_FIELDS} }} }}
    ... on ValidationFailed {{ message errors {{ path code message }} }}
    ... on Conflict {{ code message }}
    ... on NotFound {{ code message }}
"""
CREATE = f"""mutation($input: CreateInspectionPlanInput!) {{
    createInspectionPlan(input: $input) {{ {RESULT} }} }}"""
UPDATE = f"""mutation($input: UpdateInspectionPlanInput!) {{
    updateInspectionPlan(input: $input) {{ {RESULT} }} }}"""
DEACTIVATE = f"""mutation($input: DeactivateInspectionPlanInput!) {{
    deactivateInspectionPlan(input: $input) {{ {RESULT} }} }}"""
SCHEDULE_NOW = """mutation($input: ScheduleInspectionsNowInput!) {
    scheduleInspectionsNow(input: $input) {
        __typename ... on SchedulingRequested { run { id name status } }
        ... on NotFound { code } ... on Conflict { code } } }"""
JOB_RUN = """query($id: ID!) { jobRun(id: $id) {
    id name status statusLabel attempts progress { done total } result error
    queuedAt startedAt finishedAt periodic } }"""
INSPECTIONS = """query($filter: ScheduledInspectionFilter) {
    scheduledInspections(filter: $filter, first: 100) { totalCount nodes {
        id period tier dueOn opensOn status statusLabel customer { code }
        assignee { username } instance { state } plan { id } } } }"""


def plan_input(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": {"zhCN": "季度合规检查", "en": "Quarterly compliance inspection"},
        "formKey": f.FORM_KEY,
        "workflowKey": f.WORKFLOW_KEY,
        "recurrences": [
            {"tier": "KEY", "rule": "FREQ=WEEKLY"},
            {"tier": "NORMAL", "rule": "FREQ=MONTHLY"},
            {"tier": "HIGH_RISK", "rule": "FREQ=DAILY;INTERVAL=3"},
        ],
        "startsOn": (local_today(SETTINGS) + timedelta(days=1)).isoformat(),
        "leadDays": 0,
        "horizonDays": 28,
        "shiftToWorkday": False,
    }
    values.update(overrides)
    return values


async def test_an_admin_designs_a_plan_and_its_first_pass_runs(api: Api) -> None:
    await f.load_builtins()
    admin = await api.user(Role.ADMIN)
    await f.customers(3, CustomerTier.KEY, prefix="k")
    created = (await admin.data(CREATE, {"input": {"plan": plan_input()}}))["createInspectionPlan"]
    assert created["__typename"] == "InspectionPlanSaved", created
    plan = created["plan"]
    assert plan["lockVersion"] == 1 and plan["active"] is True
    assert plan["recurrences"][2] == {"tier": "HIGH_RISK", "rule": "FREQ=DAILY;INTERVAL=3"}
    assert await AuditEvent.filter(action="inspection_plan.create").count() == 1
    assert await drain(SETTINGS) == 1

    manager = await api.user(Role.MANAGER)
    listed = await manager.data(INSPECTIONS, {"filter": {"planId": plan["id"]}}, language="zh-CN")
    page = listed["scheduledInspections"]
    assert page["totalCount"] == 3 * f.PER_TIER["key"]
    first = page["nodes"][0]
    assert first["status"] == "PLANNED" and first["statusLabel"] == "已排期"
    assert first["tier"] == "KEY" and first["customer"]["code"].startswith("k-")

    # Scheduling now, watched through the job's status.
    requested = await admin.data(SCHEDULE_NOW, {"input": {"planId": plan["id"]}})
    run = requested["scheduleInspectionsNow"]["run"]
    assert run["status"] == "QUEUED"
    assert await drain(SETTINGS) == 1
    seen = (await manager.data(JOB_RUN, {"id": run["id"]}, language="zh-CN"))["jobRun"]
    assert seen["status"] == "SUCCEEDED" and seen["statusLabel"] == "已完成"
    assert seen["attempts"] == 1 and seen["progress"] == {"done": 3, "total": 3}
    assert seen["result"]["created"] == 0 and seen["error"] is None
    runs = await manager.data(
        """{ jobRuns(filter: {name: "schedule_inspections", status: [SUCCEEDED]}) {
            totalCount nodes { id } } }"""
    )
    assert runs["jobRuns"]["totalCount"] == 2
    assert runs["jobRuns"]["nodes"][0]["id"] == run["id"]  # newest first
    node = await admin.data("query($id: ID!) { node(id: $id) { id } }", {"id": run["id"]})
    assert node["node"] == {"id": run["id"]}


async def test_recurrence_and_reference_errors_in_both_languages_store_nothing(
    api: Api,
) -> None:
    await f.load_builtins()
    admin = await api.user(Role.ADMIN)
    bad = plan_input(
        workflowKey="no-such-workflow",
        formKey="no-such-form",
        recurrences=[
            {"tier": "KEY", "rule": "FREQ=HOURLY"},
            {"tier": "NORMAL", "rule": "FREQ=SOMETIMES"},
            {"tier": "HIGH_RISK", "rule": "DTSTART:20260101T000000\nRRULE:FREQ=DAILY"},
            {"tier": "KEY", "rule": "FREQ=MONTHLY"},
        ],
        leadDays=400,
    )
    answers = {}
    for language in ("en", "zh-CN"):
        result = await admin.data(CREATE, {"input": {"plan": bad}}, language=language)
        answers[language] = result["createInspectionPlan"]
    en, zh = answers["en"], answers["zh-CN"]
    assert en["__typename"] == zh["__typename"] == "ValidationFailed"
    by_path = {"/".join(e["path"]): e for e in en["errors"]}
    assert by_path["input/plan/recurrences/0/rule"]["code"] == "recurrence.too_frequent"
    assert by_path["input/plan/recurrences/1/rule"]["code"] == "recurrence.invalid"
    assert by_path["input/plan/recurrences/2/rule"]["code"] == "recurrence.single_rule"
    assert by_path["input/plan/recurrences/3/tier"]["code"] == "inspection.duplicate_tier"
    assert by_path["input/plan/workflowKey"]["code"] == "inspection.workflow_not_published"
    assert by_path["input/plan/formKey"]["code"] == "inspection.form_not_published"
    assert by_path["input/plan/leadDays"]["code"] == "inspection.out_of_range"
    zh_by_path = {"/".join(e["path"]): e["message"] for e in zh["errors"]}
    assert zh_by_path.keys() == by_path.keys()
    assert "每天" in zh_by_path["input/plan/recurrences/0/rule"]
    assert "daily" in by_path["input/plan/recurrences/0/rule"]["message"]
    assert "no-such-workflow" in zh_by_path["input/plan/workflowKey"]
    assert await InspectionPlan.all().count() == 0
    assert await AuditEvent.filter(action__startswith="inspection_plan").count() == 0

    # A workflow about something else than a customer is refused too.
    wrong = await admin.data(
        CREATE, {"input": {"plan": plan_input(workflowKey="corrective-action")}}
    )
    errors = wrong["createInspectionPlan"]["errors"]
    assert [e["code"] for e in errors] == ["inspection.workflow_subject"]


async def test_edits_are_compare_and_set_and_deactivation_cancels_unopened(api: Api) -> None:
    await f.load_builtins()
    admin = await api.user(Role.ADMIN)
    await f.customers(2, CustomerTier.NORMAL, prefix="n")
    plan = (await admin.data(CREATE, {"input": {"plan": plan_input()}}))["createInspectionPlan"][
        "plan"
    ]
    await drain(SETTINGS)
    assert await ScheduledInspection.all().count() == 2

    changed = plan_input(recurrences=[{"tier": "NORMAL", "rule": "FREQ=WEEKLY"}])
    update = {"planId": plan["id"], "plan": changed, "expectedLockVersion": 1}
    first = (await admin.data(UPDATE, {"input": update}))["updateInspectionPlan"]
    assert first["__typename"] == "InspectionPlanSaved"
    assert first["plan"]["lockVersion"] == 2
    stale = (await admin.data(UPDATE, {"input": update}, language="zh-CN"))["updateInspectionPlan"]
    assert stale["__typename"] == "Conflict" and "2" in stale["message"]
    await drain(SETTINGS)
    # Weekly from tomorrow, 28 days: four per customer replace the monthly one.
    assert await ScheduledInspection.all().count() == 8

    off = {"planId": plan["id"], "expectedLockVersion": 2}
    done = (await admin.data(DEACTIVATE, {"input": off}))["deactivateInspectionPlan"]
    assert done["plan"]["active"] is False
    assert await ScheduledInspection.filter(status="cancelled").count() == 8
    refused = await admin.data(SCHEDULE_NOW, {"input": {"planId": plan["id"]}})
    assert refused["scheduleInspectionsNow"] == {"__typename": "Conflict", "code": "CONFLICT"}
    listed = await admin.data("{ inspectionPlans { id } }")
    assert listed["inspectionPlans"] == []
    listed = await admin.data("{ inspectionPlans(includeInactive: true) { id } }")
    assert [p["id"] for p in listed["inspectionPlans"]] == [plan["id"]]


async def test_the_preview_shows_the_next_occurrences_per_tier(api: Api) -> None:
    auditor = await api.user(Role.AUDITOR)
    query = """query($input: InspectionPlanPreviewInput!) { previewInspectionPlan(input: $input) {
        __typename
        ... on InspectionPlanPreview { tiers { tier rule occurrences {
            period dueOn opensOn shifted } } }
        ... on ValidationFailed { errors { path code message } } } }"""
    good = {
        "recurrences": [{"tier": "HIGH_RISK", "rule": "FREQ=WEEKLY;INTERVAL=2"}],
        "startsOn": "2030-09-14",  # a Saturday
        "leadDays": 3,
        "count": 3,
    }
    preview = (await auditor.data(query, {"input": good}))["previewInspectionPlan"]
    [tier] = preview["tiers"]
    assert [o["period"] for o in tier["occurrences"]] == ["2030-09-14", "2030-09-28", "2030-10-12"]
    first = tier["occurrences"][0]  # due on the next working day, opened three days before
    assert first["shifted"] is True and first["dueOn"] >= "2030-09-16"
    assert first["opensOn"] < first["dueOn"]
    bad = {**good, "recurrences": [{"tier": "KEY", "rule": "FREQ=SECONDLY"}]}
    refused = (await auditor.data(query, {"input": bad}, language="zh-CN"))["previewInspectionPlan"]
    assert refused["errors"][0]["path"] == ["input", "recurrences", "0", "rule"]
    assert "每天" in refused["errors"][0]["message"]


async def test_auditors_see_the_calendar_and_can_narrow_it_to_their_own(api: Api) -> None:
    await f.load_builtins()
    admin = await api.user(Role.ADMIN)
    mine = await api.user(Role.AUDITOR, username="auditor-mine")
    theirs = await api.user(Role.AUDITOR, username="auditor-theirs")
    first, second = await f.customers(2, CustomerTier.NORMAL, prefix="m")
    await f.give_account_auditor(first, mine.id)
    await f.give_account_auditor(second, theirs.id)
    # Monthly from tomorrow with eight days' lead: one opened inspection per customer.
    plan = plan_input(leadDays=8, recurrences=[{"tier": "NORMAL", "rule": "FREQ=MONTHLY"}])
    created = await admin.data(CREATE, {"input": {"plan": plan}})
    plan_id = created["createInspectionPlan"]["plan"]["id"]
    await drain(SETTINGS)
    everything = (await mine.data(INSPECTIONS))["scheduledInspections"]
    assert everything["totalCount"] == 2
    own = (await mine.data(INSPECTIONS, {"filter": {"mine": True, "status": ["OPENED"]}}))[
        "scheduledInspections"
    ]
    assert own["totalCount"] == 1
    [row] = own["nodes"]
    assert row["customer"]["code"] == first.code
    assert row["assignee"]["username"] == "auditor-mine"
    assert row["instance"] == {"state": "scheduled"} and row["plan"] == {"id": plan_id}
    by_assignee = await mine.data(
        INSPECTIONS, {"filter": {"assigneeId": str(to_global_id("User", theirs.id))}}
    )
    assert [n["customer"]["code"] for n in by_assignee["scheduledInspections"]["nodes"]] == [
        second.code
    ]

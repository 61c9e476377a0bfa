"""Every service function that takes a principal refuses a caller without its permission.

The functions are found by introspection: every public function of every module outside
``auditportal.api`` with a ``principal`` parameter. Each must be listed here, with the
permission it guards, or be exempt with the reason; a new service that is in neither list
fails the first test, and one that forgets ``require`` fails the second: it is called with
nothing but ``None`` arguments by an anonymous caller and by an administrator whose token
lacks just that permission's scope, and must refuse both with ``NotAllowed`` before it
touches anything (no audit event is written).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any
from uuid import uuid4

import auditportal
from auditportal.audit.models import AuditEvent
from auditportal.auth.policy import ALL_SCOPES, PERMISSION_SCOPES, Permission
from auditportal.auth.principal import ANONYMOUS, Principal, Role
from auditportal.errors import NotAllowed
from tests.conftest import Api

P = Permission

# Each guarded service and the permission it requires first.
GUARDED: dict[str, Permission] = {
    "auditportal.kpis.service.kpis": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.export.kpi_table": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.export.open_kpis": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.auditor_training_coverage": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.auditor_workload": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.complaints": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.credit": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.credit_grades": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.discovery": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.efficiency": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.findings_per_submission": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.inspection_completion": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.risk": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.rows": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.satisfaction": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.scope_for": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.kpis.service.training_coverage": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.verification.service.plans": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.plan": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.save_plan": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.delete_plan": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.draw": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.draws": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.draw_items": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.verifiers": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.reassign": P.VERIFICATION_MANAGE,
    "auditportal.verification.service.my_verifications": P.VERIFICATION_PERFORM,
    "auditportal.verification.service.verification": P.VERIFICATION_PERFORM,
    "auditportal.verification.service.discrepancies": P.VERIFICATION_PERFORM,
    "auditportal.verification.service.record_result": P.VERIFICATION_PERFORM,
    "auditportal.verification.service.open_correction": P.VERIFICATION_PERFORM,
    "auditportal.verification.service.accuracy": P.VERIFICATION_READ,
    "auditportal.work.reads.open_work": P.SIGNED_IN,
    "auditportal.work.reads.my_work": P.SIGNED_IN,
    "auditportal.work.reads.my_work_counts": P.SIGNED_IN,
    "auditportal.work.notifications.list_notifications": P.SIGNED_IN,
    "auditportal.work.notifications.unread_count": P.SIGNED_IN,
    "auditportal.work.notifications.mark_read": P.SIGNED_IN,
    "auditportal.auth.grants.own_grant_summary": P.SIGNED_IN,
    "auditportal.auth.users.replace_one_time_password": P.OWN_PASSWORD,
    "auditportal.holidays.service.set_days": P.PLANS_MANAGE,
    "auditportal.holidays.service.remove_days": P.PLANS_MANAGE,
    "auditportal.holidays.service.list_days": P.PLANS_READ,
    "auditportal.customers.communications.targeted_plans": P.CUSTOMERS_CASEWORK,
    "auditportal.audit.queries.list_events": P.AUDIT_READ,
    "auditportal.auth.client_admin.register": P.CLIENTS_MANAGE,
    "auditportal.auth.client_admin.deactivate": P.CLIENTS_MANAGE,
    "auditportal.auth.client_admin.client": P.CLIENTS_MANAGE,
    "auditportal.auth.client_admin.list_clients": P.CLIENTS_MANAGE,
    "auditportal.auth.clients.register_client": P.CLIENTS_MANAGE,
    "auditportal.auth.grants.grant_access": P.GRANTS_MANAGE,
    "auditportal.auth.grants.revoke_grant": P.GRANTS_MANAGE,
    "auditportal.auth.grants.grant": P.GRANTS_MANAGE,
    "auditportal.auth.grants.list_grants": P.GRANTS_MANAGE,
    "auditportal.auth.users.create_user": P.USERS_MANAGE,
    "auditportal.auth.users.update_user": P.USERS_MANAGE,
    "auditportal.auth.users.reset_password": P.USERS_MANAGE,
    "auditportal.auth.users.change_my_password": P.OWN_PASSWORD,
    "auditportal.auth.users.list_users": P.USERS_READ,
    "auditportal.auth.users.visible_user": P.SIGNED_IN,
    "auditportal.customers.classification.save_rules": P.CUSTOMERS_CLASSIFY,
    "auditportal.customers.classification_preview.preview_rules": P.CUSTOMERS_CLASSIFY,
    "auditportal.customers.classification.override_tier": P.CUSTOMERS_CLASSIFY,
    "auditportal.customers.classification.clear_override": P.CUSTOMERS_CLASSIFY,
    "auditportal.customers.communications.log_communication": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.communications.complete_follow_up": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.communications.save_plan": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.communications.deactivate_plan": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.credit.record_credit": P.CUSTOMERS_CLASSIFY,
    "auditportal.customers.profile.create_customer": P.CUSTOMERS_WRITE,
    "auditportal.customers.profile.update_customer": P.CUSTOMERS_WRITE,
    "auditportal.customers.profile.set_tags": P.CUSTOMERS_WRITE,
    "auditportal.customers.profile.set_account_auditor": P.CUSTOMERS_WRITE,
    "auditportal.customers.reads.list_customers": P.CUSTOMERS_READ,
    "auditportal.customers.reads.customer": P.CUSTOMERS_READ,
    "auditportal.customers.reads.heat_map": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.customers.reads.classification_rules": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.customers.reads.classification_rule_history": P.CUSTOMERS_INTERNAL_READ,
    "auditportal.customers.risks.create_risk": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.risks.update_risk": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.risks.close_risk": P.CUSTOMERS_CASEWORK,
    "auditportal.customers.service.ensure_customer": P.CUSTOMERS_WRITE,
    "auditportal.forms.loader.load_form_file": P.FORMS_DESIGN,
    "auditportal.forms.loader.load_form_directory": P.FORMS_DESIGN,
    "auditportal.forms.reads.list_forms": P.FORMS_READ,
    "auditportal.forms.reads.form": P.FORMS_READ,
    "auditportal.forms.reads.version": P.FORMS_READ,
    "auditportal.forms.reads.versions_of": P.FORMS_READ,
    "auditportal.forms.reads.list_submissions": P.SUBMISSIONS_READ,
    "auditportal.forms.reads.submissions_by_ids": P.SUBMISSIONS_READ,
    "auditportal.forms.reads.submission": P.SUBMISSIONS_READ,
    "auditportal.forms.reads.revisions_of": P.SUBMISSIONS_READ,
    "auditportal.forms.service.create_draft": P.FORMS_DESIGN,
    "auditportal.forms.service.update_draft": P.FORMS_DESIGN,
    "auditportal.forms.service.publish": P.FORMS_DESIGN,
    "auditportal.forms.service.retire": P.FORMS_DESIGN,
    "auditportal.forms.service.submit": P.SUBMISSIONS_CREATE,
    "auditportal.forms.service.revise": P.SUBMISSIONS_REVISE,
    "auditportal.forms.service.visible_submission": P.SUBMISSIONS_READ,
    "auditportal.imports.connections.save_connection": P.CRM_MANAGE,
    "auditportal.imports.connections.list_connections": P.CRM_MANAGE,
    "auditportal.imports.connections.crm_connection": P.CRM_MANAGE,
    "auditportal.imports.connections.request_sync": P.CRM_MANAGE,
    "auditportal.imports.service.upload": P.CUSTOMERS_IMPORT,
    "auditportal.exports.service.open_table": P.SIGNED_IN,
    "auditportal.exports.service.stream_export": P.SIGNED_IN,
    "auditportal.exports.service.request_export": P.SIGNED_IN,
    "auditportal.exports.service.export_by_id": P.SIGNED_IN,
    "auditportal.exports.service.list_exports": P.SIGNED_IN,
    "auditportal.exports.service.download": P.SIGNED_IN,
    "auditportal.exports.submissions.open_submissions": P.SUBMISSIONS_READ,
    "auditportal.exports.submissions.open_findings": P.SUBMISSIONS_READ,
    "auditportal.exports.customers.open_customers": P.CUSTOMERS_READ,
    "auditportal.imports.service.get_import": P.CUSTOMERS_IMPORT,
    "auditportal.imports.service.list_imports": P.CUSTOMERS_IMPORT,
    "auditportal.imports.service.set_mapping": P.CUSTOMERS_IMPORT,
    "auditportal.imports.service.start_dry_run": P.CUSTOMERS_IMPORT,
    "auditportal.imports.service.commit": P.CUSTOMERS_IMPORT,
    "auditportal.inspections.reads.plans": P.PLANS_READ,
    "auditportal.inspections.reads.plan": P.PLANS_READ,
    "auditportal.inspections.reads.inspection": P.PLANS_READ,
    "auditportal.inspections.reads.list_inspections": P.PLANS_READ,
    "auditportal.inspections.service.create_plan": P.PLANS_MANAGE,
    "auditportal.inspections.service.update_plan": P.PLANS_MANAGE,
    "auditportal.inspections.service.deactivate_plan": P.PLANS_MANAGE,
    "auditportal.inspections.service.request_scheduling": P.PLANS_MANAGE,
    # The write path composing forms, workflows and the register: forms' own guard refuses.
    "auditportal.submissions.intake.submit": P.SUBMISSIONS_CREATE,
    "auditportal.submissions.intake.revise": P.SUBMISSIONS_REVISE,
    # Drafts: whoever may submit may keep a draft (consultants may not).
    "auditportal.submissions.drafts.save_draft": P.SUBMISSIONS_CREATE,
    "auditportal.submissions.drafts.my_draft": P.SUBMISSIONS_CREATE,
    "auditportal.submissions.drafts.my_drafts": P.SUBMISSIONS_CREATE,
    "auditportal.submissions.drafts.draft": P.SUBMISSIONS_CREATE,
    "auditportal.submissions.drafts.discard": P.SUBMISSIONS_CREATE,
    "auditportal.submissions.drafts.consume": P.SUBMISSIONS_CREATE,
    "auditportal.evidence.service.upload": P.SUBMISSIONS_CREATE,
    "auditportal.evidence.service.attach": P.SUBMISSIONS_CREATE,
    "auditportal.evidence.reads.attachment": P.SUBMISSIONS_READ,
    "auditportal.evidence.reads.attachments_of": P.SUBMISSIONS_READ,
    "auditportal.jobs.reads.runs": P.JOBS_READ,
    "auditportal.jobs.reads.run": P.JOBS_READ,
    "auditportal.reports.reads.reports_of_instance": P.SUBMISSIONS_READ,
    "auditportal.reports.reads.report": P.SIGNED_IN,
    "auditportal.reports.reads.my_reports": P.SIGNED_IN,
    "auditportal.reports.requests.request_report": P.SIGNED_IN,
    "auditportal.reports.custom.upload_template": P.FORMS_DESIGN,
    "auditportal.workflows.definitions.save_draft": P.FORMS_DESIGN,
    "auditportal.workflows.definitions.publish": P.FORMS_DESIGN,
    "auditportal.workflows.definitions.retire": P.FORMS_DESIGN,
    "auditportal.workflows.definitions.load_directory": P.FORMS_DESIGN,
    "auditportal.workflows.design.lint": P.FORMS_DESIGN,
    "auditportal.workflows.design.simulate": P.FORMS_DESIGN,
    "auditportal.workflows.instances.fire_transition": P.WORKFLOWS_ACT,
    "auditportal.submissions.cases.case_for_submission": P.WORKFLOWS_ACT,
    "auditportal.workflows.reads.definitions": P.WORKFLOWS_READ,
    "auditportal.workflows.reads.definition": P.WORKFLOWS_READ,
    "auditportal.workflows.reads.version": P.WORKFLOWS_READ,
    "auditportal.workflows.reads.versions_of": P.WORKFLOWS_READ,
    "auditportal.workflows.reads.instance": P.WORKFLOWS_READ,
    "auditportal.workflows.reads.list_instances": P.WORKFLOWS_READ,
    "auditportal.submissions.form_rules.request_recheck": P.FORMS_DESIGN,
}

# Functions that take a principal without being an entry point, and why.
CONSEQUENCE = "a consequence of a write its caller was allowed; the principal names the actor"
EXEMPT: dict[str, str] = {
    "auditportal.demo.evidence.upload_photos": "the demo loader's step, run by the CLI as "
    "the system; the evidence service it calls checks the caller",
    "auditportal.audit.service.record": "the audit trail: records whoever acted",
    "auditportal.audit.service.record_many": "the audit trail: records whoever acted",
    "auditportal.audit.service.record_reads": "the audit trail: records whoever read",
    "auditportal.audit.reads.note": "the audit trail: notes whoever read",
    "auditportal.auth.users.actor_user": "maps the caller to their user row",
    "auditportal.customers.classification.reclassify_in_transaction": CONSEQUENCE,
    "auditportal.customers.classification.reclassify": CONSEQUENCE,
    "auditportal.customers.credit.record_from_submission": CONSEQUENCE,
    "auditportal.submissions.register_hooks.after_submission": CONSEQUENCE,
    "auditportal.imports.upsert.write": "a step of the import job, run by the system",
    "auditportal.forms.references.reference_issues": "a step of submit (which checks); "
    "reads only through the caller's row scopes",
    "auditportal.forms.references.visible_targets": "reads only through the caller's row "
    "scopes (an empty scope sees nothing)",
    "auditportal.forms.references.visible_records": "reads only through the caller's row "
    "scopes (an empty scope sees nothing)",
    "auditportal.submissions.intake.start_triggered": CONSEQUENCE,
    "auditportal.workflows.instances.start": CONSEQUENCE,
    "auditportal.workflows.instances.advance": "a step of a submit for a case, which "
    "checked the case (cases.case_for_submission); the engine checks each step's roles",
    "auditportal.workflows.instances.actor_for": "pure: how the engine sees the caller",
    "auditportal.forms.service.readable_answers": "pure: masks what the caller already read",
    "auditportal.forms.service.readable_findings": "pure: masks what the caller already read",
    "auditportal.submissions.form_rules.apply_on_submit": CONSEQUENCE,
    "auditportal.rule_context.rule_context": "what a rule reads for a step its caller checked",
    "auditportal.rule_context.actor_part": "the caller as rules see them (id, role, team)",
    "auditportal.workflows.instances.guard_context": "what a guard reads for a checked step",
    "auditportal.workflows.effects.write_register": CONSEQUENCE,
}


def _principal_functions() -> Iterator[tuple[str, Callable[..., Any]]]:
    for info in pkgutil.walk_packages(auditportal.__path__, "auditportal."):
        name = info.name
        if name.startswith(("auditportal.api", "auditportal.migrations")) or name in (
            "auditportal.__main__",
            "auditportal.auth.policy",  # the policy itself: predicates over a principal
        ):
            continue
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != name:
                continue
            if "principal" in inspect.signature(value).parameters:
                yield f"{name}.{attribute}", value


def test_every_service_taking_a_principal_is_listed() -> None:
    found = dict(_principal_functions())
    unlisted = set(found) - set(GUARDED) - set(EXEMPT)
    assert unlisted == set(), "list these in GUARDED (with their permission) or EXEMPT"
    assert set(GUARDED) & set(EXEMPT) == set()
    assert set(GUARDED) | set(EXEMPT) <= set(found), "entries for functions that are gone"


def _lacking(permission: Permission) -> list[Principal]:
    """Callers without ``permission``: nobody, and an admin whose token lacks its scope."""
    callers = [ANONYMOUS]
    scope = PERMISSION_SCOPES[permission]
    if scope is not None:
        callers.append(
            Principal(
                subject="user:walker",
                role=Role.ADMIN,
                user_id=uuid4(),
                scopes=ALL_SCOPES - {scope},
            )
        )
    elif permission is Permission.OWN_PASSWORD:
        callers.append(
            Principal(subject="user:tool", role=Role.SERVICE, user_id=uuid4(), scopes=ALL_SCOPES)
        )
    return callers


async def test_a_caller_without_the_permission_is_refused_first(api: Api) -> None:
    del api  # a real database, so that a missing guard fails on data, not on configuration
    before = await AuditEvent.all().count()
    not_refused = []
    for qualified, permission in sorted(GUARDED.items()):
        module_name, _, function_name = qualified.rpartition(".")
        function = getattr(importlib.import_module(module_name), function_name)
        parameters = inspect.signature(function).parameters
        for caller in _lacking(permission):
            arguments = {
                name: (caller if name == "principal" else None)
                for name, parameter in parameters.items()
                if parameter.kind is not inspect.Parameter.VAR_KEYWORD
            }
            try:
                result = function(**arguments)
                if inspect.isawaitable(result):
                    await result
            except NotAllowed:
                continue
            except Exception as error:
                not_refused.append((qualified, caller.subject, repr(error)))
            else:
                not_refused.append((qualified, caller.subject, "returned"))
    assert not_refused == []
    assert await AuditEvent.all().count() == before

"""Who may call what: every Query and Mutation field of the LIVE schema, for every role.

``EXPECTED`` holds, per root field, the roles allowed to call it; every other role must be
denied (a FORBIDDEN/UNAUTHENTICATED error, or a NotAllowed result). A field of the schema
without an entry here fails the test, so a new field cannot ship without its row. Row-level
rules (whose rows a permitted caller sees) are checked after the matrix.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from auditportal.api.policy import PolicyExtension
from auditportal.api.relay import to_global_id
from auditportal.api.schema import build_schema
from auditportal.audit.models import AuditEvent
from auditportal.auth import grants
from auditportal.auth.models import ConsultantGrant
from auditportal.auth.policy import PERMISSION_SCOPES, Permission, default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.tokens import issue_access_token
from auditportal.auth.users import active_user, create_user
from auditportal.exports import service as exports
from auditportal.exports.models import ExportFormat
from tests.conftest import SETTINGS, Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit
from tests.workflow_factories import review_flow

ANON = "anonymous"
ADMIN = "admin"
MANAGER = "manager"
AUDITOR = "auditor"
CUSTOMER_A = "customer of A"
CUSTOMER_B = "customer of B"
CONSULTANT_A = "consultant granted A"
CONSULTANT_EXPIRED = "consultant, expired grant"
SERVICE_WITH = "service with the scope"
SERVICE_WITHOUT = "service without the scope"
ROLES = (
    ANON,
    ADMIN,
    MANAGER,
    AUDITOR,
    CUSTOMER_A,
    CUSTOMER_B,
    CONSULTANT_A,
    CONSULTANT_EXPIRED,
    SERVICE_WITH,
    SERVICE_WITHOUT,
)

EVERYONE_SIGNED_IN = frozenset(ROLES) - {ANON}
READERS = EVERYONE_SIGNED_IN - {SERVICE_WITHOUT}
PEOPLE = frozenset(
    {ADMIN, MANAGER, AUDITOR, CUSTOMER_A, CUSTOMER_B, CONSULTANT_A, CONSULTANT_EXPIRED}
)
ADMINS = frozenset({ADMIN})
ADMINS_AND_MANAGERS = frozenset({ADMIN, MANAGER})
SUBMITTERS = frozenset({ADMIN, MANAGER, AUDITOR, CUSTOMER_A, CUSTOMER_B, SERVICE_WITH})
WORKFLOW_READERS = frozenset({ADMIN, MANAGER, AUDITOR, CUSTOMER_A, CUSTOMER_B, SERVICE_WITH})
WORKFLOW_ACTORS = frozenset({ADMIN, MANAGER, AUDITOR, CUSTOMER_A, CUSTOMER_B})
REVISERS = frozenset({ADMIN, MANAGER, AUDITOR, CUSTOMER_A, CUSTOMER_B})
PLAN_READERS = frozenset({ADMIN, MANAGER, AUDITOR})
# The internal customer register: staff, consultants (rows limited to their grants), tools.
REGISTER_READERS = frozenset(
    {ADMIN, MANAGER, AUDITOR, CONSULTANT_A, CONSULTANT_EXPIRED, SERVICE_WITH}
)
PROFILE_WRITERS = frozenset({ADMIN, MANAGER, SERVICE_WITH})
CASEWORKERS = frozenset({ADMIN, MANAGER, AUDITOR})

# The table: root field -> the roles allowed to call it (all others are denied).
EXPECTED: dict[str, frozenset[str]] = {
    # Query
    "node": EVERYONE_SIGNED_IN,
    "me": EVERYONE_SIGNED_IN,
    "myWork": EVERYONE_SIGNED_IN,
    "myWorkCounts": EVERYONE_SIGNED_IN,
    "notifications": EVERYONE_SIGNED_IN,
    "unreadNotificationCount": EVERYONE_SIGNED_IN,
    "markNotificationsRead": EVERYONE_SIGNED_IN,
    "forms": READERS,
    "form": READERS,
    "formVersion": READERS,
    "submissions": READERS,
    "submission": READERS,
    "customers": READERS,
    "users": ADMINS_AND_MANAGERS,
    "user": ADMINS_AND_MANAGERS,
    "oauthClients": ADMINS,
    "consultantGrants": ADMINS,
    "auditEvents": ADMINS_AND_MANAGERS,
    "workflowDefinitions": WORKFLOW_READERS,
    "workflowDefinition": WORKFLOW_READERS,
    "lintWorkflowDefinition": ADMINS,
    "simulateWorkflow": ADMINS,
    "workflowInstances": WORKFLOW_READERS,
    "workflowInstance": WORKFLOW_READERS,
    "inspectionPlans": PLAN_READERS,
    "inspectionPlan": PLAN_READERS,
    "scheduledInspections": PLAN_READERS,
    "previewInspectionPlan": PLAN_READERS,
    "jobRuns": ADMINS_AND_MANAGERS,
    "jobRun": ADMINS_AND_MANAGERS,
    "customer": READERS,
    "riskHeatMap": REGISTER_READERS,
    "kpis": REGISTER_READERS,
    "kpiRows": REGISTER_READERS,
    "classificationRules": REGISTER_READERS,
    "classificationRuleHistory": REGISTER_READERS,
    "previewClassificationRules": ADMINS_AND_MANAGERS,
    "customerImport": ADMINS_AND_MANAGERS,
    "customerImports": ADMINS_AND_MANAGERS,
    "export": EVERYONE_SIGNED_IN,
    "exports": EVERYONE_SIGNED_IN,
    "requestExport": EVERYONE_SIGNED_IN,
    "crmConnections": ADMINS,
    "myDraft": SUBMITTERS,
    "myDrafts": SUBMITTERS,
    "calendarDays": PLAN_READERS,
    "targetedCommunicationPlans": CASEWORKERS,
    "calendarYears": PLAN_READERS,
    "workingCalendarWarning": PLAN_READERS,
    # Mutation
    "createFormDraft": ADMINS,
    "updateFormDraft": ADMINS,
    "publishForm": ADMINS,
    "retireFormVersion": ADMINS,
    "submitForm": SUBMITTERS,
    "reviseSubmission": REVISERS,
    "createUser": ADMINS,
    "updateUser": ADMINS,
    "resetUserPassword": ADMINS,
    "changeMyPassword": PEOPLE,
    "changePassword": PEOPLE,
    "registerOAuthClient": ADMINS,
    "deactivateOAuthClient": ADMINS,
    "grantConsultantAccess": ADMINS,
    "revokeConsultantGrant": ADMINS,
    "saveWorkflowDraft": ADMINS,
    "publishWorkflow": ADMINS,
    "retireWorkflowVersion": ADMINS,
    "fireTransition": WORKFLOW_ACTORS,
    "recheckFormSubmissions": ADMINS,
    "createInspectionPlan": ADMINS,
    "updateInspectionPlan": ADMINS,
    "deactivateInspectionPlan": ADMINS,
    "scheduleInspectionsNow": ADMINS,
    "setCalendarDays": ADMINS,
    "removeCalendarDays": ADMINS,
    "createCustomer": PROFILE_WRITERS,
    "updateCustomer": PROFILE_WRITERS,
    "setCustomerTags": PROFILE_WRITERS,
    "setAccountAuditor": PROFILE_WRITERS,
    "overrideCustomerTier": ADMINS_AND_MANAGERS,
    "clearTierOverride": ADMINS_AND_MANAGERS,
    "saveClassificationRules": ADMINS_AND_MANAGERS,
    "recordCredit": ADMINS_AND_MANAGERS,
    "createRisk": CASEWORKERS,
    "updateRisk": CASEWORKERS,
    "closeRisk": CASEWORKERS,
    "logCommunication": CASEWORKERS,
    "completeFollowUp": CASEWORKERS,
    "saveCommunicationPlan": CASEWORKERS,
    "deactivateCommunicationPlan": CASEWORKERS,
    "uploadCustomerFile": ADMINS_AND_MANAGERS,
    "setImportMapping": ADMINS_AND_MANAGERS,
    "startImportDryRun": ADMINS_AND_MANAGERS,
    "commitImport": ADMINS_AND_MANAGERS,
    "saveCrmConnection": ADMINS,
    "syncCrmConnectionNow": ADMINS,
    "saveDraft": SUBMITTERS,
    "discardDraft": SUBMITTERS,
    "uploadAttachment": SUBMITTERS,
    # Reports: any signed-in caller; what they may ask for is the subject's row scope.
    "report": EVERYONE_SIGNED_IN,
    "reports": EVERYONE_SIGNED_IN,
    "requestReport": EVERYONE_SIGNED_IN,
    "uploadReportTemplate": ADMINS,
    # Verification by sampling: plans and draws by admins and managers; the re-check by
    # staff (the assigned verifier only, by row: a NotFound for everyone else).
    "verificationPlans": ADMINS_AND_MANAGERS,
    "verificationDraws": ADMINS_AND_MANAGERS,
    "verificationDrawItems": ADMINS_AND_MANAGERS,
    "verificationAccuracy": ADMINS_AND_MANAGERS,
    "verificationVerifiers": ADMINS_AND_MANAGERS,
    "reassignVerification": ADMINS_AND_MANAGERS,
    "myVerifications": CASEWORKERS,
    "verification": CASEWORKERS,
    "saveVerificationPlan": ADMINS_AND_MANAGERS,
    "deleteVerificationPlan": ADMINS_AND_MANAGERS,
    "drawVerificationSample": ADMINS_AND_MANAGERS,
    "recordVerification": CASEWORKERS,
    "openVerificationCorrection": CASEWORKERS,
}

_unique = itertools.count()
_MISSING = "00000000-0000-4000-8000-000000000000"


@dataclass
class World:
    api: Api
    people: dict[str, Person]
    service_user_id: Any
    customer_a: Any
    customer_b: Any
    form_id: str
    form_key: str
    version_id: str
    submission_a: str
    submission_b: str
    definition: dict[str, Any]
    auditor_id: Any
    grant_target_id: Any


Operation = tuple[str, Callable[[World], dict[str, Any]]]


def _gid(type_name: str, raw: Any = _MISSING) -> str:
    return str(to_global_id(type_name, raw))


def _mutation(field: str, input_type: str, selection: str = "") -> str:
    return (
        f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ __typename {selection} }} }}"
    )


# A plan whose workflow does not exist: a permitted caller gets ValidationFailed.
_PLAN = {
    "name": {"zhCN": "矩阵", "en": "Matrix"},
    "formKey": "matrix-form",
    "workflowKey": "no-such-workflow",
    "recurrences": [{"tier": "KEY", "rule": "FREQ=MONTHLY"}],
    "startsOn": "2026-01-01",
}

# One call per field with minimal valid arguments.
OPERATIONS: dict[str, Operation] = {
    "node": ("query($id: ID!) { node(id: $id) { id } }", lambda w: {"id": w.form_id}),
    "me": ("{ me { role } }", lambda w: {}),
    "myWork": ("{ myWork { totalCount } }", lambda w: {}),
    "myWorkCounts": ("{ myWorkCounts { total } }", lambda w: {}),
    "notifications": ("{ notifications { totalCount } }", lambda w: {}),
    "unreadNotificationCount": ("{ unreadNotificationCount }", lambda w: {}),
    "markNotificationsRead": (
        _mutation("markNotificationsRead", "MarkNotificationsReadInput"),
        lambda w: {"input": {"all": True}},
    ),
    "forms": ("{ forms { totalCount } }", lambda w: {}),
    "form": ("query($key: String) { form(key: $key) { id } }", lambda w: {"key": w.form_key}),
    "formVersion": (
        "query($id: ID!) { formVersion(id: $id) { id } }",
        lambda w: {"id": w.version_id},
    ),
    "submissions": ("{ submissions { totalCount } }", lambda w: {}),
    "submission": (
        "query($id: ID!) { submission(id: $id) { id } }",
        lambda w: {"id": w.submission_a},
    ),
    "customers": ("{ customers { totalCount } }", lambda w: {}),
    "users": ("{ users { totalCount } }", lambda w: {}),
    "user": (
        "query($id: ID!) { user(id: $id) { id } }",
        lambda w: {"id": _gid("User", w.auditor_id)},
    ),
    "oauthClients": ("{ oauthClients { totalCount } }", lambda w: {}),
    "consultantGrants": ("{ consultantGrants { totalCount } }", lambda w: {}),
    "auditEvents": ("{ auditEvents(first: 1) { totalCount } }", lambda w: {}),
    "createFormDraft": (
        _mutation("createFormDraft", "CreateFormDraftInput"),
        lambda w: {"input": {"definition": checklist(key=f"matrix-{next(_unique)}")}},
    ),
    "updateFormDraft": (
        _mutation("updateFormDraft", "UpdateFormDraftInput"),
        lambda w: {"input": {"formId": w.form_id, "definition": w.definition}},
    ),
    "publishForm": (
        _mutation("publishForm", "PublishFormInput"),
        lambda w: {"input": {"formId": w.form_id}},
    ),
    "retireFormVersion": (
        _mutation("retireFormVersion", "RetireFormVersionInput"),
        lambda w: {"input": {"formVersionId": _gid("FormVersion")}},
    ),
    "submitForm": (
        _mutation("submitForm", "SubmitFormInput"),
        lambda w: {"input": {"formVersionId": w.version_id, "answers": good_answers()}},
    ),
    "reviseSubmission": (
        _mutation("reviseSubmission", "ReviseSubmissionInput"),
        lambda w: {"input": {"submissionId": _gid("Submission"), "answers": good_answers()}},
    ),
    "createUser": (
        _mutation("createUser", "CreateUserInput"),
        lambda w: {"input": {"username": f"matrix-{next(_unique)}", "role": "AUDITOR"}},
    ),
    "updateUser": (
        _mutation("updateUser", "UpdateUserInput"),
        lambda w: {"input": {"userId": _gid("User", w.auditor_id), "displayName": "Renamed 改名"}},
    ),
    "resetUserPassword": (
        _mutation("resetUserPassword", "ResetUserPasswordInput"),
        lambda w: {"input": {"userId": _gid("User", w.auditor_id)}},
    ),
    "changePassword": (
        _mutation("changePassword", "ChangeMyPasswordInput"),
        lambda w: {
            "input": {"currentPassword": "not-the-password", "newPassword": "a-new-password-1"}
        },
    ),
    "changeMyPassword": (
        _mutation("changeMyPassword", "ChangeMyPasswordInput"),
        lambda w: {
            "input": {"currentPassword": "not-the-password", "newPassword": "a-new-password-1"}
        },
    ),
    "registerOAuthClient": (
        _mutation("registerOAuthClient", "RegisterOAuthClientInput"),
        lambda w: {
            "input": {
                "clientId": f"matrix-tool-{next(_unique)}",
                "name": "Matrix tool",
                "grantTypes": ["client_credentials"],
                "allowedScopes": ["forms:read"],
            }
        },
    ),
    "deactivateOAuthClient": (
        _mutation("deactivateOAuthClient", "DeactivateOAuthClientInput"),
        lambda w: {"input": {"clientId": _gid("OAuthClient")}},
    ),
    "grantConsultantAccess": (
        _mutation("grantConsultantAccess", "GrantConsultantAccessInput"),
        lambda w: {
            "input": {
                "consultantId": _gid("User", w.grant_target_id),
                "customerIds": [_gid("Customer", w.customer_b.id)],
                "expiresAt": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
                "reason": "matrix",
            }
        },
    ),
    "revokeConsultantGrant": (
        _mutation("revokeConsultantGrant", "RevokeConsultantGrantInput"),
        lambda w: {"input": {"grantId": _gid("ConsultantGrant")}},
    ),
    "workflowDefinitions": ("{ workflowDefinitions { key } }", lambda w: {}),
    "workflowDefinition": (
        "query($key: String!) { workflowDefinition(key: $key) { key } }",
        lambda w: {"key": "no-such-workflow"},
    ),
    "lintWorkflowDefinition": (
        "query($d: JSON!) { lintWorkflowDefinition(definition: $d) { severity } }",
        lambda w: {"d": {}},
    ),
    "simulateWorkflow": (
        "query($d: JSON!) { simulateWorkflow(definition: $d, steps: []) { __typename } }",
        lambda w: {"d": {}},
    ),
    "workflowInstances": ("{ workflowInstances { totalCount } }", lambda w: {}),
    "workflowInstance": (
        "query($id: ID!) { workflowInstance(id: $id) { id } }",
        lambda w: {"id": _gid("WorkflowInstance")},
    ),
    "saveWorkflowDraft": (
        _mutation("saveWorkflowDraft", "SaveWorkflowDraftInput"),
        lambda w: {"input": {"definition": review_flow(key=f"matrix-flow-{next(_unique)}")}},
    ),
    "publishWorkflow": (
        _mutation("publishWorkflow", "PublishWorkflowInput"),
        lambda w: {"input": {"workflowId": _gid("WorkflowDefinition")}},
    ),
    "retireWorkflowVersion": (
        _mutation("retireWorkflowVersion", "RetireWorkflowVersionInput"),
        lambda w: {"input": {"workflowVersionId": _gid("WorkflowVersion")}},
    ),
    "fireTransition": (
        _mutation("fireTransition", "FireTransitionInput"),
        lambda w: {"input": {"instanceId": _gid("WorkflowInstance"), "event": "approve"}},
    ),
    "recheckFormSubmissions": (
        _mutation("recheckFormSubmissions", "RecheckFormSubmissionsInput"),
        lambda w: {"input": {"formId": _gid("Form")}},
    ),
    "inspectionPlans": ("{ inspectionPlans { id } }", lambda w: {}),
    "inspectionPlan": (
        "query($id: ID!) { inspectionPlan(id: $id) { id } }",
        lambda w: {"id": _gid("InspectionPlan")},
    ),
    "scheduledInspections": ("{ scheduledInspections { totalCount } }", lambda w: {}),
    "previewInspectionPlan": (
        "query($input: InspectionPlanPreviewInput!) { previewInspectionPlan(input: $input) "
        "{ __typename } }",
        lambda w: {
            "input": {
                "recurrences": [{"tier": "KEY", "rule": "FREQ=MONTHLY"}],
                "startsOn": "2026-01-01",
            }
        },
    ),
    "jobRuns": ("{ jobRuns { totalCount } }", lambda w: {}),
    "calendarDays": (
        '{ calendarDays(first: "2027-01-01", last: "2027-12-31") { day } }',
        lambda w: {},
    ),
    "calendarYears": ("{ calendarYears { year } }", lambda w: {}),
    "targetedCommunicationPlans": ("{ targetedCommunicationPlans { id } }", lambda w: {}),
    "workingCalendarWarning": ("{ workingCalendarWarning }", lambda w: {}),
    "setCalendarDays": (
        _mutation("setCalendarDays", "SetCalendarDaysInput"),
        lambda w: {"input": {"days": [{"day": "2027-01-01", "working": False}]}},
    ),
    "removeCalendarDays": (
        _mutation("removeCalendarDays", "RemoveCalendarDaysInput"),
        lambda w: {"input": {"days": ["2027-01-01"]}},
    ),
    "jobRun": ("query($id: ID!) { jobRun(id: $id) { id } }", lambda w: {"id": _gid("JobRun")}),
    "createInspectionPlan": (
        _mutation("createInspectionPlan", "CreateInspectionPlanInput"),
        lambda w: {"input": {"plan": _PLAN}},
    ),
    "updateInspectionPlan": (
        _mutation("updateInspectionPlan", "UpdateInspectionPlanInput"),
        lambda w: {"input": {"planId": _gid("InspectionPlan"), "plan": _PLAN}},
    ),
    "deactivateInspectionPlan": (
        _mutation("deactivateInspectionPlan", "DeactivateInspectionPlanInput"),
        lambda w: {"input": {"planId": _gid("InspectionPlan")}},
    ),
    "scheduleInspectionsNow": (
        _mutation("scheduleInspectionsNow", "ScheduleInspectionsNowInput"),
        lambda w: {"input": {"planId": _gid("InspectionPlan")}},
    ),
    "customer": (
        "query($code: String) { customer(code: $code) { code } }",
        lambda w: {"code": "A"},
    ),
    "riskHeatMap": ("{ riskHeatMap { count } }", lambda w: {}),
    "kpis": ("{ kpis { inspectionCompletion { denominator } } }", lambda w: {}),
    "kpiRows": ("{ kpiRows(kpi: OPEN_RISKS) { totalCount } }", lambda w: {}),
    "classificationRules": ("{ classificationRules { number } }", lambda w: {}),
    "classificationRuleHistory": ("{ classificationRuleHistory { number } }", lambda w: {}),
    "previewClassificationRules": (
        "query($d: JSON!) { previewClassificationRules(document: $d) { __typename } }",
        lambda w: {"d": {"complaintsWindowDays": 30, "findingsWindowDays": 365, "rules": {}}},
    ),
    "createCustomer": (
        _mutation("createCustomer", "CreateCustomerInput"),
        lambda w: {"input": {"code": f"matrix-{next(_unique)}", "name": "Matrix 矩阵"}},
    ),
    "updateCustomer": (
        _mutation("updateCustomer", "UpdateCustomerInput"),
        lambda w: {"input": {"customerId": _gid("Customer"), "lockVersion": 1, "name": "N"}},
    ),
    "setCustomerTags": (
        _mutation("setCustomerTags", "SetCustomerTagsInput"),
        lambda w: {"input": {"customerId": _gid("Customer"), "lockVersion": 1, "tags": ["x"]}},
    ),
    "setAccountAuditor": (
        _mutation("setAccountAuditor", "SetAccountAuditorInput"),
        lambda w: {
            "input": {
                "customerId": _gid("Customer", w.customer_b.id),
                "auditorId": _gid("User", w.auditor_id),
            }
        },
    ),
    "overrideCustomerTier": (
        _mutation("overrideCustomerTier", "OverrideCustomerTierInput"),
        lambda w: {
            "input": {
                "customerId": _gid("Customer"),
                "tier": "KEY",
                "reason": "matrix",
                "expiresAt": (datetime.now(UTC) + timedelta(days=7)).isoformat(),
            }
        },
    ),
    "clearTierOverride": (
        _mutation("clearTierOverride", "ClearTierOverrideInput"),
        lambda w: {"input": {"customerId": _gid("Customer")}},
    ),
    "saveClassificationRules": (
        _mutation("saveClassificationRules", "SaveClassificationRulesInput"),
        lambda w: {
            "input": {
                "document": {
                    "complaintsWindowDays": 30,
                    "findingsWindowDays": 365,
                    "rules": {"key": {">": [{"var": "transactionVolume"}, 1]}},
                }
            }
        },
    ),
    "recordCredit": (
        _mutation("recordCredit", "RecordCreditInput"),
        lambda w: {"input": {"customerId": _gid("Customer"), "grade": "AA"}},
    ),
    "createRisk": (
        _mutation("createRisk", "CreateRiskInput"),
        lambda w: {
            "input": {
                "customerId": _gid("Customer"),
                "category": "PAYMENT",
                "title": "matrix",
                "likelihood": 1,
                "impact": 1,
            }
        },
    ),
    "updateRisk": (
        _mutation("updateRisk", "UpdateRiskInput"),
        lambda w: {"input": {"riskId": _gid("Risk"), "lockVersion": 1, "impact": 2}},
    ),
    "closeRisk": (
        _mutation("closeRisk", "CloseRiskInput"),
        lambda w: {"input": {"riskId": _gid("Risk"), "lockVersion": 1}},
    ),
    "logCommunication": (
        _mutation("logCommunication", "LogCommunicationInput"),
        lambda w: {
            "input": {
                "customerId": _gid("Customer"),
                "channel": "EMAIL",
                "occurredAt": "2026-01-05T10:00:00+00:00",
                "summary": "matrix",
            }
        },
    ),
    "completeFollowUp": (
        _mutation("completeFollowUp", "CompleteFollowUpInput"),
        lambda w: {"input": {"followUpId": _gid("FollowUp")}},
    ),
    "saveCommunicationPlan": (
        _mutation("saveCommunicationPlan", "SaveCommunicationPlanInput"),
        lambda w: {
            "input": {
                "customerId": _gid("Customer"),
                "title": "matrix",
                "channel": "MEETING",
                "rrule": "FREQ=MONTHLY",
                "startsOn": "2026-01-01",
                "ownerId": _gid("User", w.auditor_id),
            }
        },
    ),
    "deactivateCommunicationPlan": (
        _mutation("deactivateCommunicationPlan", "DeactivateCommunicationPlanInput"),
        lambda w: {"input": {"planId": _gid("CommunicationPlan")}},
    ),
    "customerImport": (
        "query($id: ID!) { customerImport(id: $id) { id } }",
        lambda w: {"id": _gid("CustomerImport")},
    ),
    "customerImports": ("{ customerImports { totalCount } }", lambda w: {}),
    "export": ("query($id: ID!) { export(id: $id) { id } }", lambda w: {"id": _gid("Export")}),
    "exports": ("{ exports { totalCount } }", lambda w: {}),
    "requestExport": (
        _mutation("requestExport", "RequestExportInput"),
        lambda w: {"input": {"kind": "CUSTOMERS", "format": "CSV"}},
    ),
    "myDraft": (
        "query($v: ID!) { myDraft(formVersionId: $v) { id } }",
        lambda w: {"v": w.version_id},
    ),
    "myDrafts": ("{ myDrafts { totalCount } }", lambda w: {}),
    "crmConnections": ("{ crmConnections { name } }", lambda w: {}),
    # A JSON request without a multipart file part: a typed error for those allowed.
    "uploadCustomerFile": (
        _mutation("uploadCustomerFile", "UploadCustomerFileInput"),
        lambda w: {"input": {"file": "not-a-file"}},
    ),
    "setImportMapping": (
        _mutation("setImportMapping", "SetImportMappingInput"),
        lambda w: {"input": {"importId": _gid("CustomerImport"), "mapping": []}},
    ),
    "startImportDryRun": (
        _mutation("startImportDryRun", "ImportIdInput"),
        lambda w: {"input": {"importId": _gid("CustomerImport")}},
    ),
    "commitImport": (
        _mutation("commitImport", "ImportIdInput"),
        lambda w: {"input": {"importId": _gid("CustomerImport")}},
    ),
    "saveCrmConnection": (
        _mutation("saveCrmConnection", "SaveCrmConnectionInput"),
        lambda w: {"input": {"kind": "zoho", "name": "matrix", "config": {}, "fieldMapping": []}},
    ),
    "syncCrmConnectionNow": (
        _mutation("syncCrmConnectionNow", "CrmConnectionIdInput"),
        lambda w: {"input": {"connectionId": _gid("CrmConnection")}},
    ),
    "saveDraft": (
        _mutation("saveDraft", "SaveDraftInput"),
        lambda w: {"input": {"formVersionId": w.version_id, "answers": {"n": next(_unique)}}},
    ),
    "discardDraft": (
        _mutation("discardDraft", "DiscardDraftInput"),
        lambda w: {"input": {"id": _gid("FormDraft")}},
    ),
    # A JSON request without a multipart file part: a typed error for those allowed.
    "uploadAttachment": (
        _mutation("uploadAttachment", "UploadAttachmentInput"),
        lambda w: {
            "input": {"file": "not-a-file", "formVersionId": w.version_id, "fieldPath": "/x"}
        },
    ),
    "report": (
        "query($id: ID!) { report(id: $id) { id } }",
        lambda w: {"id": "00000000-0000-0000-0000-000000000000"},
    ),
    "reports": ("{ reports { id } }", lambda w: {}),
    # No subject: a typed ValidationFailed for every signed-in caller.
    "requestReport": (
        _mutation("requestReport", "RequestReportInput"),
        lambda w: {"input": {"kind": "INSPECTION_REPORT"}},
    ),
    # A template that does not render: a typed ValidationFailed for admins.
    "uploadReportTemplate": (
        _mutation("uploadReportTemplate", "UploadReportTemplateInput"),
        lambda w: {"input": {"kind": "PERIOD_SUMMARY", "name": "m", "source": "{{ nope }}"}},
    ),
    "verificationPlans": ("{ verificationPlans { id } }", lambda w: {}),
    "verificationDraws": (
        "query($id: ID!) { verificationDraws(planId: $id) { id } }",
        lambda w: {"id": _MISSING},
    ),
    "verificationDrawItems": (
        "query($id: ID!) { verificationDrawItems(drawId: $id) { id } }",
        lambda w: {"id": _MISSING},
    ),
    "verificationAccuracy": ("{ verificationAccuracy(by: TIER) { key } }", lambda w: {}),
    "myVerifications": ("{ myVerifications { id } }", lambda w: {}),
    "verification": (
        "query($id: ID!) { verification(id: $id) { id } }",
        lambda w: {"id": _MISSING},
    ),
    "saveVerificationPlan": (
        _mutation("saveVerificationPlan", "SaveVerificationPlanInput"),
        lambda w: {"input": {"name": "", "formIds": []}},
    ),
    "deleteVerificationPlan": (
        _mutation("deleteVerificationPlan", "DeleteVerificationPlanInput"),
        lambda w: {"input": {"id": _MISSING}},
    ),
    "drawVerificationSample": (
        _mutation("drawVerificationSample", "DrawVerificationSampleInput"),
        lambda w: {"input": {"planId": _MISSING, "period": "2026-11"}},
    ),
    "recordVerification": (
        _mutation("recordVerification", "RecordVerificationInput"),
        lambda w: {"input": {"id": _MISSING}},
    ),
    "openVerificationCorrection": (
        _mutation("openVerificationCorrection", "OpenVerificationCorrectionInput"),
        lambda w: {"input": {"id": _MISSING}},
    ),
    "verificationVerifiers": ("{ verificationVerifiers { id } }", lambda w: {}),
    "reassignVerification": (
        _mutation("reassignVerification", "ReassignVerificationInput"),
        lambda w: {"input": {"id": _MISSING, "verifierId": _MISSING}},
    ),
}


def live_fields() -> dict[str, Permission]:
    """Every root field of the live schema with the permission it declares."""
    schema = build_schema(SETTINGS)
    fields: dict[str, Permission] = {}
    for root in ("Query", "Mutation"):
        definition = schema.get_type_by_name(root)
        assert definition is not None
        for field in definition.fields:  # type: ignore[union-attr]
            name = schema.config.name_converter.get_graphql_name(field)
            policies = [ext for ext in field.extensions if isinstance(ext, PolicyExtension)]
            assert len(policies) == 1, f"{root}.{name} must declare exactly one permission"
            fields[name] = policies[0].permission
    return fields


async def _world(api: Api) -> World:
    system = system_principal("tests")
    customer_a = await api.customer("A")
    customer_b = await api.customer("B")
    people = {
        ADMIN: await api.user("admin"),
        MANAGER: await api.user("manager"),
        AUDITOR: await api.user("auditor"),
        CUSTOMER_A: await api.user("customer", customer=customer_a),
        CUSTOMER_B: await api.user("customer", customer=customer_b),
        CONSULTANT_A: await api.user("consultant"),
        CONSULTANT_EXPIRED: await api.user("consultant"),
    }
    target = await api.user("consultant")
    await grants.grant_access(
        system,
        consultant_id=people[CONSULTANT_A].id,
        customer_ids=[customer_a.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
        reason="audit support",
    )
    expired = await grants.grant_access(
        system,
        consultant_id=people[CONSULTANT_EXPIRED].id,
        customer_ids=[customer_a.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    await ConsultantGrant.filter(id=expired.id).update(
        expires_at=datetime.now(UTC) - timedelta(minutes=1)
    )
    service = await create_user(system, username="matrix-service", role=Role.SERVICE)
    definition = checklist(key="matrix-form", audience=["staff", "customer"])
    form_id, version_id = await publish(people[ADMIN], definition)
    sub_a = await submit(people[CUSTOMER_A], formVersionId=version_id, answers=good_answers())
    sub_b = await submit(people[CUSTOMER_B], formVersionId=version_id, answers=good_answers())
    return World(
        api=api,
        people=people,
        service_user_id=service.id,
        customer_a=customer_a,
        customer_b=customer_b,
        form_id=form_id,
        form_key="matrix-form",
        version_id=version_id,
        submission_a=sub_a["submission"]["id"],
        submission_b=sub_b["submission"]["id"],
        definition=definition,
        auditor_id=people[AUDITOR].id,
        grant_target_id=target.id,
    )


def _token(world: World, role: str, permission: Permission) -> str | None:
    if role == ANON:
        return None
    if role in (SERVICE_WITH, SERVICE_WITHOUT):
        scope = PERMISSION_SCOPES[permission]
        scopes = set(default_scopes(Role.SERVICE))
        if scope is not None:
            if role == SERVICE_WITH:
                scopes.add(scope)
            else:
                scopes.discard(scope)
        return issue_access_token(SETTINGS, world.service_user_id, frozenset(scopes), "tests")
    return world.people[role].token


def _denied(result: dict[str, Any], field: str) -> bool:
    errors = result.get("errors") or []
    codes = {(error.get("extensions") or {}).get("code") for error in errors}
    if codes & {"FORBIDDEN", "UNAUTHENTICATED"}:
        return True
    assert not errors, f"{field}: unexpected errors {errors}"
    value = (result.get("data") or {}).get(field)
    return isinstance(value, dict) and value.get("__typename") == "NotAllowed"


def test_every_live_field_has_a_row_and_an_operation() -> None:
    fields = set(live_fields())
    assert fields - set(EXPECTED) == set(), "fields without an expected-outcome row"
    assert set(EXPECTED) - fields == set(), "rows for fields not in the schema"
    assert set(OPERATIONS) == set(EXPECTED)
    for field, allowed in EXPECTED.items():
        assert allowed <= set(ROLES), field


async def test_authorization_matrix(api: Api) -> None:
    world = await _world(api)
    fields = live_fields()
    mismatches = []
    for field, permission in sorted(fields.items()):
        assert field in EXPECTED, f"{field} has no row in the authorization matrix"
        document, variables = OPERATIONS[field]
        for role in ROLES:
            result = await api.gql(
                document, variables(world), token=_token(world, role, permission)
            )
            allowed = not _denied(result, field)
            if allowed != (role in EXPECTED[field]):
                mismatches.append((field, role, "allowed" if allowed else "denied", result))
    assert mismatches == []


async def test_row_level_rules(api: Api) -> None:
    world = await _world(api)
    people = world.people
    by_id = "query($id: ID!) { submission(id: $id) { id answers } }"
    node = "query($id: ID!) { node(id: $id) { id } }"

    # A customer of B never sees A's submission, by id, as a node or in a list.
    b = people[CUSTOMER_B]
    assert (await b.data(by_id, {"id": world.submission_a}))["submission"] is None
    assert (await b.data(node, {"id": world.submission_a}))["node"] is None
    listed = await b.data("{ submissions { nodes { id } } }")
    assert [n["id"] for n in listed["submissions"]["nodes"]] == [world.submission_b]
    customers = await b.data("{ customers { nodes { code } } }")
    assert [n["code"] for n in customers["customers"]["nodes"]] == ["B"]

    # The consultant granted A sees A's submissions only, sensitive values masked, and each
    # record read is one consultant.read event.
    consultant = people[CONSULTANT_A]
    seen = await consultant.data("{ submissions { nodes { id answers } } }")
    nodes = seen["submissions"]["nodes"]
    assert [n["id"] for n in nodes] == [world.submission_a]
    assert nodes[0]["answers"]["bankAccount"] == "******"
    assert (await consultant.data(by_id, {"id": world.submission_b}))["submission"] is None
    one = (await consultant.data(by_id, {"id": world.submission_a}))["submission"]
    assert one["answers"]["bankAccount"] == "******"
    customers = await consultant.data("{ customers { nodes { code } } }")
    assert [n["code"] for n in customers["customers"]["nodes"]] == ["A"]
    reads = await AuditEvent.filter(
        action="consultant.read", actor=f"user:{(await _username(consultant))}"
    ).values_list("object_type", flat=True)
    # Two submission reads (list, by id) and one customer read.
    assert sorted(reads) == ["Customer", "Submission", "Submission"]
    denied = await consultant.gql(
        "mutation($input: SubmitFormInput!) { submitForm(input: $input) { __typename } }",
        {"input": {"formVersionId": world.version_id, "answers": good_answers()}},
    )
    assert denied["data"]["submitForm"]["__typename"] == "NotAllowed"

    # An expired grant opens nothing, and reading nothing records nothing.
    expired = people[CONSULTANT_EXPIRED]
    nothing = await expired.data(
        "{ submissions { totalCount } forms { totalCount } customers { totalCount } }"
    )
    assert nothing == {
        "submissions": {"totalCount": 0},
        "forms": {"totalCount": 0},
        "customers": {"totalCount": 0},
    }
    assert (await expired.data(by_id, {"id": world.submission_a}))["submission"] is None
    assert (await expired.data(node, {"id": world.form_id}))["node"] is None
    assert not await AuditEvent.filter(
        action="consultant.read", actor=f"user:{(await _username(expired))}"
    ).exists()


async def _username(person: Person) -> str:
    return str((await person.data("{ me { user { username } } }"))["me"]["user"]["username"])


# --- node(id:): every type implementing Node, under every caller kind ----------------------

SEES_CUSTOMER_A = frozenset({ADMIN, MANAGER, AUDITOR, CUSTOMER_A, CONSULTANT_A, SERVICE_WITH})
FORM_READERS = READERS - {CONSULTANT_EXPIRED}

# Node type -> the callers for whom node(id:) returns the world's object of that type.
NODE_EXPECTED: dict[str, frozenset[str]] = {
    "Form": FORM_READERS,
    "FormVersion": FORM_READERS,
    "Submission": SEES_CUSTOMER_A,  # customer A's submission to a form offered to customers
    "Customer": SEES_CUSTOMER_A,
    "User": frozenset({ADMIN, MANAGER, AUDITOR}),  # the auditor: user readers and themself
    "OAuthClient": ADMINS,
    "ConsultantGrant": ADMINS,
    "WorkflowDefinition": WORKFLOW_READERS,
    "WorkflowVersion": WORKFLOW_READERS,
    "WorkflowInstance": frozenset({ADMIN, MANAGER, AUDITOR, CUSTOMER_A, SERVICE_WITH}),
    "InspectionPlan": PLAN_READERS,
    "ScheduledInspection": PLAN_READERS,
    "JobRun": ADMINS_AND_MANAGERS,
    "CustomerImport": ADMINS_AND_MANAGERS,
    "CrmConnection": ADMINS,
    "FormDraft": frozenset({CUSTOMER_A}),  # customer A's user's own draft: theirs alone
    "Export": frozenset({AUDITOR}),  # the auditor's own export: theirs alone
}


def node_type_names() -> set[str]:
    """Every object type of the live schema that implements Node."""
    from graphql import GraphQLObjectType

    schema = build_schema(SETTINGS)
    return {
        name
        for name, graphql_type in schema._schema.type_map.items()
        if isinstance(graphql_type, GraphQLObjectType)
        and any(interface.name == "Node" for interface in graphql_type.interfaces)
    }


def test_every_node_type_has_a_row_and_a_loader() -> None:
    from auditportal.api.node import node_types

    names = node_type_names()
    assert names == set(NODE_EXPECTED), "Node types and NODE_EXPECTED differ"
    assert names <= set(node_types()), "Node types node(id:) cannot load"


async def _one_of_each_node(world: World) -> dict[str, str]:
    """A global id of one object of every Node type, customer A's where it matters."""
    from auditportal.auth.client_admin import ClientRequest, register
    from auditportal.imports import connections
    from auditportal.imports import service as imports
    from auditportal.inspections.models import ScheduledInspection
    from auditportal.jobs import dispatch
    from auditportal.submissions import drafts
    from auditportal.workflows import definitions, instances
    from auditportal.workflows.models import WorkflowInstance as InstanceModel
    from tests import inspection_factories

    system = system_principal("tests")
    saved = await definitions.save_draft(system, review_flow(key="node-flow"), settings=SETTINGS)
    published = await definitions.publish(system, saved.id)
    submission = await _submission(world.submission_a)
    instance: InstanceModel = await instances.start(
        system,
        published.version,
        subject_type="submission",
        subject_id=str(submission.id),
        start_key=f"node:{submission.id}",
        submission=submission,
        settings=SETTINGS,
    )
    await inspection_factories.load_builtins()
    plan = await inspection_factories.plan()
    inspection = await ScheduledInspection.create(
        plan=plan,
        customer_id=world.customer_a.id,
        period="2026-01",
        tier="normal",
        due_on=inspection_factories.today(),
        opens_on=inspection_factories.today(),
    )
    run = await dispatch.enqueue("noop-for-node-test", {})
    content = b"code,name\nN-1,Node customer\n"

    async def read(_size: int, chunks: list[bytes] = [content]) -> bytes:  # noqa: B006
        return chunks.pop() if chunks else b""

    upload = await imports.upload(system, file_name="node.csv", read=read, settings=SETTINGS)
    crm = await connections.save_connection(
        system,
        connection_id=None,
        kind="zoho",
        name="Node CRM",
        config={"accountsUrl": "http://127.0.0.1:9", "clientId": "node"},
        field_mapping={},
        secrets={"clientSecret": "s", "refreshToken": "r"},
        settings=SETTINGS,
    )
    client = await register(
        system,
        ClientRequest(
            client_id="node-tool",
            name="Node tool",
            grant_types=["client_credentials"],
            redirect_uris=[],
            allowed_scopes=["forms:read"],
            confidential=True,
        ),
    )
    grant = await ConsultantGrant.filter(consultant_id=world.people[CONSULTANT_A].id).first()
    assert grant is not None
    owner = Principal(
        subject="user:customer-a",
        role=Role.CUSTOMER,
        user_id=world.people[CUSTOMER_A].id,
        customer_id=world.customer_a.id,
        scopes=default_scopes(Role.CUSTOMER),
    )
    draft = await drafts.save_draft(
        owner,
        version_id=from_gid(world.version_id),
        answers={"visitDate": "2026-12-01"},
        settings=SETTINGS,
    )
    auditor = await active_user(world.auditor_id)
    assert auditor is not None
    export = await exports.request_export(
        Principal(
            subject=f"user:{auditor.username}",
            role=Role.AUDITOR,
            user_id=auditor.id,
            scopes=default_scopes(Role.AUDITOR),
        ),
        "customers",
        {},
        ExportFormat.CSV,
        "en",
        SETTINGS,
    )
    return {
        "Form": world.form_id,
        "FormVersion": world.version_id,
        "Submission": world.submission_a,
        "Customer": _gid("Customer", world.customer_a.id),
        "User": _gid("User", world.auditor_id),
        "OAuthClient": _gid("OAuthClient", client.client.id),
        "ConsultantGrant": _gid("ConsultantGrant", grant.id),
        "WorkflowDefinition": _gid("WorkflowDefinition", saved.id),
        "WorkflowVersion": _gid("WorkflowVersion", published.version.id),
        "WorkflowInstance": _gid("WorkflowInstance", instance.id),
        "InspectionPlan": _gid("InspectionPlan", plan.id),
        "ScheduledInspection": _gid("ScheduledInspection", inspection.id),
        "JobRun": _gid("JobRun", run.id),
        "CustomerImport": _gid("CustomerImport", upload.id),
        "CrmConnection": _gid("CrmConnection", crm.id),
        "FormDraft": _gid("FormDraft", draft.id),
        "Export": _gid("Export", export.id),
    }


def from_gid(global_id: str) -> Any:
    from auditportal.api.relay import parse_global_id

    return parse_global_id(global_id)[1]


async def _submission(global_id: str) -> Any:
    from auditportal.forms.models import Submission

    return await Submission.get(id=from_gid(global_id))


async def test_node_resolves_every_type_under_the_rules_of_its_list(api: Api) -> None:
    from auditportal.api.node import node_types

    world = await _world(api)
    ids = await _one_of_each_node(world)
    assert set(ids) == set(NODE_EXPECTED)
    document = "query($id: ID!) { node(id: $id) { __typename id } }"
    mismatches = []
    for type_name, global_id in sorted(ids.items()):
        permission = node_types()[type_name].permission
        for role in ROLES:
            result = await api.gql(
                document, {"id": global_id}, token=_token(world, role, permission)
            )
            if role == ANON:
                codes = {e["extensions"]["code"] for e in result.get("errors", [])}
                seen = codes != {"UNAUTHENTICATED"}
            else:
                assert "errors" not in result, (type_name, role, result)
                node = result["data"]["node"]
                seen = node is not None
                if seen:
                    assert node == {"__typename": type_name, "id": global_id}
            if seen != (role in NODE_EXPECTED[type_name]):
                mismatches.append((type_name, role, "seen" if seen else "hidden"))
    assert mismatches == []


def test_the_published_schema_tells_each_root_fields_permission() -> None:
    from auditportal.api.policy import permission_note

    schema = build_schema(SETTINGS)
    permissions = live_fields()
    for root in ("Query", "Mutation"):
        graphql_type = schema._schema.type_map[root]
        for name, field in graphql_type.fields.items():  # type: ignore[attr-defined]
            assert permission_note(permissions[name]) in (field.description or ""), name
    # Building the schema again does not repeat the note.
    again = build_schema(SETTINGS)._schema.type_map["Query"].fields["submissions"]  # type: ignore[attr-defined]
    assert again.description.count("Requires:") == 1

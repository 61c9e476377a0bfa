"""Customer users reach only what forms offered to them show: a staff-only assessment of
their own company (credit assessment, inspection checklist) is neither corrected nor read
by them, and a version's own audience decides, not the form's newest one."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from auditportal.api.relay import to_global_id
from auditportal.auth.principal import system_principal
from auditportal.customers.models import Customer
from auditportal.forms.loader import load_form_directory
from auditportal.forms.models import Submission
from tests import gql
from tests.conftest import REPO_ROOT, SETTINGS, Api, Person
from tests.factories import checklist, good_answers
from tests.helpers import publish, submit
from tests.test_customer_classification import new_customer

BOTH = ["staff", "customer"]
CREDIT = """
query($code: String!) { customer(code: $code) { tier riskScore creditFile { grade creditLimit } } }
"""


def _example(name: str) -> dict[str, Any]:
    return json.loads((REPO_ROOT / "forms" / "examples" / f"{name}.json").read_text())  # type: ignore[no-any-return]


async def _staff_assessment(api: Api) -> tuple[Person, Person, Customer, str]:
    """An auditor's credit assessment (staff only) grading customer C-1 CCC / 1,000."""
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms", SETTINGS)
    admin = await api.user("admin")
    auditor = await api.user("auditor")
    await new_customer(admin, "C-1")
    customer = await Customer.get(code="C-1")
    form = await auditor.data('query { form(key: "customer-credit-assessment") { id } }')
    assessed = await submit(
        auditor,
        formId=form["form"]["id"],
        customerId=to_global_id("Customer", customer.id),
        answers={
            **_example("customer-credit-assessment"),
            "proposedGrade": "CCC",
            "proposedCreditLimit": 1000,
        },
    )
    assert assessed["__typename"] == "SubmissionAccepted", assessed
    return (
        admin,
        await api.user("customer", customer=customer),
        customer,
        assessed["submission"]["id"],
    )


async def test_customer_users_cannot_correct_a_staff_only_assessment_of_their_company(
    api: Api,
) -> None:
    admin, customer_user, customer, assessment_id = await _staff_assessment(api)
    before = (await admin.data(CREDIT, {"code": "C-1"}))["customer"]
    assert before["creditFile"]["grade"] == "CCC" and before["tier"] == "HIGH_RISK"

    better = {
        **_example("customer-credit-assessment"),
        "proposedGrade": "AAA",
        "proposedCreditLimit": 50000000,
    }
    refused = await customer_user.data(
        gql.REVISE, {"input": {"submissionId": assessment_id, "answers": better}}
    )
    assert refused["reviseSubmission"]["__typename"] in ("NotAllowed", "NotFound"), refused

    # Nothing was written: no revision, the original stands, the register is unchanged.
    assert await Submission.filter(customer_id=customer.id).count() == 1
    original = await Submission.get(customer_id=customer.id)
    assert original.superseded_at is None and original.revision == 1
    after = (await admin.data(CREDIT, {"code": "C-1"}))["customer"]
    assert after == before
    assert Decimal(after["creditFile"]["creditLimit"]) == Decimal(1000)


async def test_a_versions_own_audience_decides_what_customers_submit_and_correct(
    api: Api,
) -> None:
    admin = await api.user("admin")
    acme = await api.customer("ACME")
    customer_user = await api.user("customer", customer=acme)
    auditor = await api.user("auditor")
    form_id, staff_version = await publish(admin, checklist(key="site-visit"))
    staff_only = await submit(
        auditor,
        formVersionId=staff_version,
        customerId=to_global_id("Customer", acme.id),
        answers=good_answers(),
    )
    # The next version is offered to customers too; the first one stays staff-only.
    updated = await admin.data(
        gql.UPDATE_DRAFT,
        {"formId": form_id, "definition": checklist(key="site-visit", audience=BOTH)},
    )
    assert updated["updateFormDraft"]["__typename"] == "FormDraftSaved", updated
    published = await admin.data(gql.PUBLISH, {"formId": form_id})
    open_version = published["publishForm"]["version"]["id"]

    old = await submit(customer_user, formVersionId=staff_version, answers=good_answers())
    assert old["__typename"] == "NotAllowed", old
    new = await submit(customer_user, formVersionId=open_version, answers=good_answers())
    assert new["__typename"] == "SubmissionAccepted", new

    corrected = await customer_user.data(
        gql.REVISE,
        {"input": {"submissionId": new["submission"]["id"], "answers": good_answers()}},
    )
    assert corrected["reviseSubmission"]["__typename"] == "SubmissionAccepted", corrected
    refused = await customer_user.data(
        gql.REVISE,
        {"input": {"submissionId": staff_only["submission"]["id"], "answers": good_answers()}},
    )
    assert refused["reviseSubmission"]["__typename"] in ("NotAllowed", "NotFound"), refused
    assert (await Submission.get(id=_raw(staff_only["submission"]["id"]))).superseded_at is None


def _raw(global_id: str) -> Any:
    from auditportal.api.relay import from_global_id

    return from_global_id(global_id, "Submission")


CASE = """
query($id: ID!) {
  workflowInstance(id: $id) { id submission { id } reports { id } }
}
"""


async def test_customer_users_never_read_staff_only_assessments_of_their_company(
    api: Api,
) -> None:
    from auditportal.reports.models import Report
    from auditportal.workflows.outbox import deliver_pending
    from tests.test_reports import _approved_case

    # A staff-only inspection of R-001 with a finding, approved, its report rendered.
    case = await _approved_case(api)
    await deliver_pending(SETTINGS)
    report = await Report.get(language="en")
    staff_only = await Submission.get(customer_id=case["customer"].id)
    admin = await api.user("admin")
    _, survey_version = await publish(admin, checklist(key="survey", audience=BOTH))
    customer_user = await api.user("customer", customer=case["customer"])
    own = await submit(customer_user, formVersionId=survey_version, answers=good_answers())
    assert own["__typename"] == "SubmissionAccepted", own
    hidden_id = to_global_id("Submission", staff_only.id)

    listed = await customer_user.data(
        "{ submissions(filter: {includeSuperseded: true}) { totalCount nodes { id } } "
        "withFindings: submissions(filter: {hasFindings: true}) { totalCount } }"
    )
    assert listed["submissions"]["nodes"] == [{"id": own["submission"]["id"]}]
    assert listed["submissions"]["totalCount"] == 1
    assert listed["withFindings"]["totalCount"] == 0
    by_id = "query($id: ID!) { submission(id: $id) { id } node(id: $id) { id } }"
    assert await customer_user.data(by_id, {"id": hidden_id}) == {"submission": None, "node": None}
    version = to_global_id("FormVersion", staff_only.form_version_id)
    assert (
        await customer_user.data("query($id: ID!) { formVersion(id: $id) { id } }", {"id": version})
    )["formVersion"] is None

    # The case is the customer's, but neither its staff-only submission nor its report is.
    instance_id = to_global_id("WorkflowInstance", case["instance"].id)
    seen = (await customer_user.data(CASE, {"id": instance_id}))["workflowInstance"]
    assert seen == {"id": instance_id, "submission": None, "reports": []}
    headers = {"Authorization": f"Bearer {customer_user.token}"}
    assert (await api.client.get(f"/reports/{report.id}", headers=headers)).status_code == 404
    corrected = await customer_user.data(
        gql.REVISE, {"input": {"submissionId": hidden_id, "answers": good_answers()}}
    )
    assert corrected["reviseSubmission"]["__typename"] == "NotFound"

    # Staff see all of it.
    manager = case["manager"]
    staff_view = (await manager.data(CASE, {"id": instance_id}))["workflowInstance"]
    assert staff_view["submission"] == {"id": hidden_id} and len(staff_view["reports"]) == 2
    everything = await manager.data("{ submissions { totalCount } }")
    assert everything["submissions"]["totalCount"] == 2


async def test_customer_users_do_not_see_the_credit_assessment_of_their_company(
    api: Api,
) -> None:
    _admin, customer_user, _customer, assessment_id = await _staff_assessment(api)
    listed = await customer_user.data("{ submissions { totalCount } }")
    assert listed["submissions"]["totalCount"] == 0
    found = await customer_user.data(
        "query($id: ID!) { submission(id: $id) { answers } node(id: $id) { id } }",
        {"id": assessment_id},
    )
    assert found == {"submission": None, "node": None}

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
from tests.conftest import REPO_ROOT, Api, Person
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
    await load_form_directory(system_principal("tests"), REPO_ROOT / "forms")
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

"""What a stored submission changes in the customer register, in the submission's
transaction: a credit record (credit-assessment forms), the risk score (findings), the tier
(credit grade, findings and complaints are facts of the classification rules)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from auditportal.auth.principal import Principal, system_principal
from auditportal.customers import classification, credit, risks
from auditportal.customers.models import Customer
from auditportal.forms.models import Form, FormCategory

_CLASSIFYING = (FormCategory.CREDIT_ASSESSMENT, FormCategory.COMPLAINT)


async def after_submission(
    principal: Principal,
    submission: Any,
    answers: Any,
    *,
    correction: bool = False,
    category: FormCategory | None = None,
    credit_by_workflow: bool = False,
) -> bool:
    """Update the register for a new submission or a correction; True when the customer's
    tier changed (the caller requests a re-plan after its commit).

    A correction always counts: the revision it supersedes may have had findings that no
    longer stand, and a corrected credit assessment is the customer's newest credit record.
    ``credit_by_workflow``: a workflow this form triggers names the step that writes the
    credit record (``writeRegister``), so submitting alone does not (practice 19: a
    rejected assessment never sets a grade).
    """
    if submission.customer_id is None:
        return False
    if category is None:  # the caller had not read the form yet
        found: Any = (
            await Form.filter(id=submission.form_id).first().values_list("category", flat=True)
        )
        category = found
    if category not in _CLASSIFYING and not submission.finding_count and not correction:
        return False
    if category == FormCategory.CREDIT_ASSESSMENT and not credit_by_workflow:
        await credit.record_from_submission(principal, submission, answers)
    if submission.finding_count or correction:
        await risks.refresh_risk_score(submission.customer_id)
    customer = await Customer.filter(id=submission.customer_id).select_for_update().first()
    if customer is None:
        return False
    # The rules changed the tier, not the submitter: the trail names the classifier.
    return await classification.reclassify_in_transaction(
        system_principal("classification"), customer
    )


async def request_replan(customer_id: UUID | None) -> None:
    if customer_id is not None:
        await classification.request_replans([customer_id])

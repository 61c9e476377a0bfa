"""The credit file: credit records with history; the current grade and limit on the customer.

A submission of a form of category ``credit_assessment`` for a customer writes a credit
record in the submission's own transaction (``auditportal.submissions.intake`` calls
``record_from_submission``). The built-in credit-assessment form states the grade in
``proposedGrade`` (AAA … C) and the limit in ``proposedCreditLimit``. A form without a grade
answer gets one from its score percentage by these bands: 90+ AAA, 80+ AA, 70+ A, 60+ BBB,
50+ BB, 40+ B, 30+ CCC, 20+ CC, below C (``grade_basis`` says which was used). The current
grade and limit are those of the newest record by assessment time.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.customers import classification
from auditportal.customers.classification import GRADES
from auditportal.customers.models import Customer
from auditportal.customers.register_models import CreditRecord
from auditportal.errors import FieldIssue, NotFound, ValidationFailed

SCORE_BANDS: tuple[tuple[float, str], ...] = (
    (90, "AAA"),
    (80, "AA"),
    (70, "A"),
    (60, "BBB"),
    (50, "BB"),
    (40, "B"),
    (30, "CCC"),
    (20, "CC"),
)
GRADE_ANSWER = "proposedGrade"
LIMIT_ANSWER = "proposedCreditLimit"
CURRENCY_ANSWER = "currency"
DATE_ANSWER = "assessmentDate"
NOTE_ANSWER = "assessorComment"


def grade_for_score(percent: float | None) -> str:
    for floor, grade in SCORE_BANDS:
        if percent is not None and percent >= floor:
            return grade
    return "C"


async def _refresh_current(customer_id: UUID) -> CreditRecord | None:
    newest = (
        await CreditRecord.filter(customer_id=customer_id)
        .order_by("-assessed_at", "-created_at")
        .first()
    )
    await Customer.filter(id=customer_id).update(
        credit_grade=newest.grade if newest else None,
        credit_limit=newest.credit_limit if newest else None,
    )
    return newest


async def _store(principal: Principal, **values: Any) -> CreditRecord:
    record = await CreditRecord.create(**values)
    await _refresh_current(record.customer_id)
    await audit.record(
        principal,
        "customer.credit_record",
        "Customer",
        record.customer_id,
        {
            "grade": record.grade,
            "limit": str(record.credit_limit) if record.credit_limit is not None else None,
            "submission": str(record.source_submission_id) if record.source_submission_id else None,
        },
    )
    return record


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


async def record_from_submission(
    principal: Principal, submission: Any, answers: Any
) -> CreditRecord | None:
    """The credit record of a credit-assessment submission; call in its transaction."""
    if submission.customer_id is None or not isinstance(answers, dict):
        return None
    if await CreditRecord.exists(source_submission_id=submission.id):
        return None
    proposed = answers.get(GRADE_ANSWER)
    basis = "form" if proposed in GRADES else "score"
    grade = proposed if proposed in GRADES else grade_for_score(submission.score_percent)
    assessed_at = submission.submitted_at
    day = answers.get(DATE_ANSWER)
    if isinstance(day, str):
        with contextlib.suppress(ValueError):
            assessed_at = datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC)
    currency = answers.get(CURRENCY_ANSWER)
    return await _store(
        principal,
        customer_id=submission.customer_id,
        grade=grade,
        credit_limit=_decimal(answers.get(LIMIT_ANSWER)),
        currency=currency if isinstance(currency, str) and len(currency) == 3 else "CNY",
        assessed_at=assessed_at,
        assessed_by_id=submission.submitted_by_id,
        source_submission_id=submission.id,
        grade_basis=basis,
        note=answers.get(NOTE_ANSWER) if isinstance(answers.get(NOTE_ANSWER), str) else None,
    )


async def record_credit(
    principal: Principal,
    customer_id: UUID,
    *,
    grade: str,
    credit_limit: Decimal | None,
    currency: str = "CNY",
    assessed_at: datetime | None = None,
    note: str | None = None,
) -> CreditRecord:
    """A manual credit entry; reclassifies the customer (callers request re-plans)."""
    require(principal, Permission.CUSTOMERS_CLASSIFY)
    issues: list[FieldIssue] = []
    if grade not in GRADES:
        issues.append(FieldIssue(("grade",), "credit.bad_grade", {"grades": ", ".join(GRADES)}))
    if credit_limit is not None and credit_limit < 0:
        issues.append(FieldIssue(("creditLimit",), "customer.negative"))
    if len(currency) != 3 or not currency.isalpha():
        issues.append(FieldIssue(("currency",), "credit.bad_currency"))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    async with in_transaction():
        customer = await Customer.filter(id=customer_id).select_for_update().first()
        if customer is None:
            raise NotFound("customer.not_found")
        record = await _store(
            principal,
            customer_id=customer_id,
            grade=grade,
            credit_limit=credit_limit,
            currency=currency.upper(),
            assessed_at=assessed_at or datetime.now(UTC),
            assessed_by_id=principal.user_id,
            grade_basis="manual",
            note=note,
        )
        await customer.refresh_from_db()
        changed = await classification.reclassify_in_transaction(principal, customer)
    if changed:
        await classification.request_replans([customer_id])
    return record

"""Training coverage of auditors: auditors trained in the period / active auditors.

What counts as an auditor's training record. Training forms (category
``training_record``) target people through the submission's customer: a record *about a
customer* (``customer_id`` set) is training given *to that customer's staff*, and its
submitter is the trainer, not a trainee, so it never counts for the auditor. The built-in
training form is offered to staff as well as customers (audience ``staff``), and staff may
submit it about no customer at all: such a record (``customer_id`` NULL) is the staff
member's own training, recorded by the person trained. So an auditor is trained in the
period when they submitted a current (not superseded) training record about no customer
in the period. Active auditors are the users with the auditor role whose account is
active.

Filters: the period and the form apply to the training records; the auditor filter narrows
both sides to that auditor; tier and region are about customers and do not apply. Auditors
are staff, not customer-owned rows: only a caller who sees every customer (staff) sees
these figures; a narrower scope (a consultant's grant) sees none (0 / 0).
"""

from __future__ import annotations

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from auditportal.auth.models import User
from auditportal.auth.policy import RowScope
from auditportal.auth.principal import Role
from auditportal.forms.models import FormCategory, Submission
from auditportal.kpis import sets
from auditportal.kpis.queries import KpiFilter, Ratio
from auditportal.kpis.sql import Statement, as_int, subquery


def active_auditors(scope: RowScope, chosen: KpiFilter) -> QuerySet[User]:
    """The denominator's users (none for a caller who does not see everything)."""
    if not scope.everything:
        return User.filter(id__in=[])
    query = User.filter(role=Role.AUDITOR, is_active=True)
    if chosen.auditor_id is not None:
        query = query.filter(id=chosen.auditor_id)
    return query


def own_training_records(scope: RowScope, chosen: KpiFilter) -> QuerySet[Submission]:
    """Current training records about no customer, in the period, by an active auditor."""
    query = Submission.filter(
        form__category=FormCategory.TRAINING_RECORD,
        customer_id__isnull=True,
        superseded_at__isnull=True,
        submitted_by_id__in=Subquery(active_auditors(scope, chosen).values("id")),
    ).filter(sets.in_period("submitted_at", chosen))
    if chosen.form_id is not None:
        query = query.filter(form_id=chosen.form_id)
    return query


async def auditor_training_coverage(scope: RowScope, chosen: KpiFilter) -> Ratio:
    if not scope.everything:
        return Ratio(0, 0)
    st = Statement()
    st.sql("SELECT COUNT(DISTINCT t.submitted_by_id) AS n FROM ").sub(
        subquery(own_training_records(scope, chosen).values("submitted_by_id"))
    ).sql(" AS t")
    trained = as_int((await st.one()).get("n"))
    return Ratio(trained, int(await active_auditors(scope, chosen).count()))

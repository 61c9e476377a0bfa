"""The row sets behind the KPIs added for issue 14: scope and filter as Tortoise querysets.

Every set starts from the caller's ``RowScope`` (``auth.scoping``) and adds the filter's
criteria; the aggregates in ``aggregates`` wrap their SQL. How each filter criterion applies:

- period: inspections by due day; submissions by submission time; complaints by the time
  they were received; corrective actions by the time they closed; credit migrations by
  assessment time; risks by the month raised / closed;
- tier, region: the customer's (an inspection: the tier it was planned for);
- auditor: who did the work (inspection assignee, submitter of an inspection or training
  record, case assignee) or, for what is about the customer rather than the auditor's work
  (survey answers, credit, risks, the customers in scope of training), the account auditor;
- form: submissions of that form; inspections of plans using it; cases started by one of
  its submissions. KPIs not about a form (credit, risks) ignore it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope
from auditportal.auth.scoping import ScopeFields, scoped
from auditportal.customers.models import AccountAuditor, Customer
from auditportal.customers.register_models import CreditRecord, Risk
from auditportal.forms.models import FormCategory, Submission
from auditportal.kpis.queries import KpiFilter, _day_start, customers, submissions
from auditportal.workflows.models import WorkflowInstance

CUSTOMER_OWNED = ScopeFields(customer="customer_id")
COMPLAINT_WORKFLOW = "complaint-handling"
CORRECTIVE_ACTION_WORKFLOW = "corrective-action"


def _after_end(chosen: KpiFilter) -> datetime | None:
    if chosen.end is None:
        return None
    return _day_start(date.fromordinal(chosen.end.toordinal() + 1))


def period_bounds(chosen: KpiFilter) -> tuple[datetime | None, datetime | None]:
    """The filter's days (inclusive) as [start, end) instants; None where unbounded."""
    start = None if chosen.start is None else _day_start(chosen.start)
    return start, _after_end(chosen)


def in_period(field: str, chosen: KpiFilter) -> Q:
    """A timestamp column within the filter's days (inclusive)."""
    bounds: dict[str, Any] = {}
    start, end = period_bounds(chosen)
    if start is not None:
        bounds[f"{field}__gte"] = start
    if end is not None:
        bounds[f"{field}__lt"] = end
    return Q(**bounds)


def customer_criteria(chosen: KpiFilter, *, account_auditor: bool) -> Q:
    """Rows whose customer has the filter's tier and region (and account auditor)."""
    query: QuerySet[Customer] | None = None
    if chosen.tier is not None or chosen.region is not None:
        query = Customer.all()
        if chosen.tier is not None:
            query = query.filter(tier=chosen.tier)
        if chosen.region is not None:
            query = query.filter(region=chosen.region)
    condition = Q()
    if query is not None:
        condition &= Q(customer_id__in=Subquery(query.values("id")))
    if account_auditor and chosen.auditor_id is not None:
        audited = AccountAuditor.filter(auditor_id=chosen.auditor_id).values("customer_id")
        condition &= Q(customer_id__in=Subquery(audited))
    return condition


def form_submissions(
    scope: RowScope, chosen: KpiFilter, category: FormCategory, *, by_account_auditor: bool
) -> QuerySet[Submission]:
    """Current submissions of one form category about a customer, in the period."""
    if by_account_auditor and chosen.auditor_id is not None:
        base = submissions(scope, _without_auditor(chosen)).filter(
            customer_criteria(chosen, account_auditor=True)
        )
    else:
        base = submissions(scope, chosen)
    return base.filter(form__category=category)


def _without_auditor(chosen: KpiFilter) -> KpiFilter:
    return KpiFilter(
        start=chosen.start,
        end=chosen.end,
        tier=chosen.tier,
        region=chosen.region,
        auditor_id=None,
        form_id=chosen.form_id,
    )


def cases(
    scope: RowScope, chosen: KpiFilter, workflow_key: str, *, period_on: str
) -> QuerySet[WorkflowInstance]:
    """Workflow instances of one built-in workflow, in the period on ``period_on``."""
    query = scoped(WorkflowInstance.all(), scope, CUSTOMER_OWNED).filter(
        definition__key=workflow_key,
        customer_id__isnull=False,
    )
    query = query.filter(customer_criteria(chosen, account_auditor=False))
    query = query.filter(in_period(period_on, chosen))
    if chosen.auditor_id is not None:
        query = query.filter(assignee_id=chosen.auditor_id)
    if chosen.form_id is not None:
        query = query.filter(submission__form_id=chosen.form_id)
    return query


def customers_in_scope(scope: RowScope, chosen: KpiFilter) -> QuerySet[Customer]:
    query = customers(scope, chosen)
    if chosen.auditor_id is not None:
        audited = AccountAuditor.filter(auditor_id=chosen.auditor_id).values("customer_id")
        query = query.filter(id__in=Subquery(audited))
    return query


def credit_records(scope: RowScope, chosen: KpiFilter) -> QuerySet[CreditRecord]:
    """Every credit record of the customers in scope (any time: migrations need the
    record before the period's)."""
    return scoped(CreditRecord.all(), scope, CUSTOMER_OWNED).filter(
        customer_criteria(chosen, account_auditor=True)
    )


def risks(scope: RowScope, chosen: KpiFilter) -> QuerySet[Risk]:
    return scoped(Risk.all(), scope, CUSTOMER_OWNED).filter(
        customer_criteria(chosen, account_auditor=True)
    )

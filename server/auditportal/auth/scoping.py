"""A ``RowScope`` as SQL: one helper that turns a caller's scope into a Tortoise ``Q``.

Each query module declares once, next to its model, where the model keeps what a scope
filters on (``ScopeFields``: lookup paths for the customer, the submitter, the form and the
form version's audience) and applies the caller's scope with ``scoped(query, scope,
fields)``. Nothing is fetched and then filtered: the scope is part of the query.

The rules, the same for every model:

- ``everything``: no condition.
- otherwise a row must belong to one of ``customer_ids`` or have been written by
  ``submitter_id`` (of the dimensions the model has); a model with neither dimension,
  or a scope naming neither, shows nothing;
- ``form_ids`` (a consultant's grant naming forms): the row must be about one of those
  forms; rows about no form are not opened by such a grant;
- ``customer_audience_only`` (customer users): the row must not be about a form version
  that is for staff only; rows about no form at all show no form's answers and pass.

A model whose rows are never about a form (``form=None``: customers, risks) ignores the two
form conditions: the scope functions of ``auth.policy`` decide which scope each kind of
data is read with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from auditportal.auth.policy import RowScope

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ScopeFields:
    """Tortoise lookup paths of what a ``RowScope`` filters a model's rows on."""

    customer: str | None = "customer_id"
    submitter: str | None = None
    # The form the row is about ("form_id", "instance__submission__form_id"), and the
    # boolean saying whether that row's form version is offered to customers.
    form: str | None = None
    audience: str | None = None
    # Whether a row may be about no form at all (its form path is null).
    form_optional: bool = False

    def __post_init__(self) -> None:
        if (self.form is None) != (self.audience is None):
            raise ValueError("a model about forms names both its form and its audience path")


NOTHING = Q(id__in=[])


def _where(path: str, value: Any) -> Q:
    lookup: dict[str, Any] = {path: value}
    return Q(**lookup)


def scope_filter(scope: RowScope, fields: ScopeFields) -> Q:
    """The condition a row of a model with ``fields`` meets when ``scope`` shows it."""
    if scope.everything:
        return Q()
    owners: list[Q] = []
    if fields.customer is not None and scope.customer_ids:
        owners.append(_where(f"{fields.customer}__in", sorted(scope.customer_ids, key=str)))
    if fields.submitter is not None and scope.submitter_id is not None:
        owners.append(_where(fields.submitter, scope.submitter_id))
    if not owners:
        return NOTHING
    condition = Q(*owners, join_type=Q.OR) if len(owners) > 1 else owners[0]
    if fields.form is not None and fields.audience is not None:
        if scope.form_ids:
            condition &= _where(f"{fields.form}__in", sorted(scope.form_ids, key=str))
        if scope.customer_audience_only:
            offered = _where(fields.audience, True)
            if fields.form_optional:
                offered |= _where(f"{fields.form}__isnull", True)
            condition &= offered
    return condition


def scoped(query: QuerySet[M], scope: RowScope, fields: ScopeFields) -> QuerySet[M]:
    """``query`` narrowed to the rows ``scope`` shows."""
    if scope.everything:
        return query
    return query.filter(scope_filter(scope, fields))

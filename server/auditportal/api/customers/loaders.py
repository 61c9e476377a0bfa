"""DataLoaders of the customer register, one set per request (``Context.customer_loaders``).

Every relation of N customers costs one query. For consultants, each internal record read
(tier changes, credit records, risks, communications, plans, tasks) goes to the audit trail
through the request's ``ReadAudit``, like the other loaders.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader

from auditportal.api.loaders import ReadAudit
from auditportal.customers import queries
from auditportal.customers.register_models import (
    Communication,
    CommunicationPlan,
    CommunicationTask,
    CreditRecord,
    FollowUp,
    Risk,
    TierChange,
    TierOverride,
)

V = TypeVar("V")


class _ManyLoader(DataLoader[UUID, list[V]], Generic[V]):
    def __init__(
        self,
        fetch: Callable[[Iterable[UUID]], Awaitable[dict[UUID, list[V]]]],
        reads: ReadAudit | None = None,
        object_type: str = "",
    ) -> None:
        async def load_many(keys: Sequence[UUID]) -> list[list[V]]:
            found = await fetch(set(keys))
            if reads is not None:
                await reads.record(
                    object_type, [item for items in found.values() for item in items]
                )
            return [found.get(key, []) for key in keys]

        super().__init__(load_fn=load_many)


class _OneLoader(DataLoader[UUID, V | None], Generic[V]):
    """One value per customer; ``object_type``: noted as a read of the customer's record."""

    def __init__(
        self,
        fetch: Callable[[Iterable[UUID]], Awaitable[dict[UUID, V]]],
        reads: ReadAudit | None = None,
        object_type: str = "",
    ) -> None:
        async def load_many(keys: Sequence[UUID]) -> list[V | None]:
            found = await fetch(set(keys))
            if reads is not None:
                await reads.record(object_type, [_Read(key) for key in found])
            return [found.get(key) for key in keys]

        super().__init__(load_fn=load_many)


class _Read:
    """A read of a customer's record that has no id of its own (its tags, its auditor)."""

    def __init__(self, customer_id: UUID) -> None:
        self.id = customer_id


class _TagsLoader(DataLoader[UUID, list[str]]):
    def __init__(self, reads: ReadAudit) -> None:
        async def load_many(keys: Sequence[UUID]) -> list[list[str]]:
            found = await queries.tags_by_customer(set(keys))
            await reads.record("CustomerTags", [_Read(key) for key in found])
            return [found.get(key, []) for key in keys]

        super().__init__(load_fn=load_many)


class CustomerLoaders:
    def __init__(self, reads: ReadAudit) -> None:
        self.tags = _TagsLoader(reads)
        self.auditor_id: _OneLoader[UUID] = _OneLoader(
            queries.auditors_by_customer, reads, "AccountAuditor"
        )
        self.override: _OneLoader[TierOverride] = _OneLoader(
            queries.overrides_by_customer, reads, "TierOverride"
        )
        self.tier_history: _ManyLoader[TierChange] = _ManyLoader(
            queries.tier_history, reads, "TierChange"
        )
        self.credit: _ManyLoader[CreditRecord] = _ManyLoader(
            queries.credit_records, reads, "CreditRecord"
        )
        self.risks: _ManyLoader[Risk] = _ManyLoader(queries.risks, reads, "Risk")
        self.communications: _ManyLoader[Communication] = _ManyLoader(
            queries.communications, reads, "Communication"
        )
        self.follow_ups: _ManyLoader[FollowUp] = _ManyLoader(queries.follow_ups, reads, "FollowUp")
        self.plans: _ManyLoader[CommunicationPlan] = _ManyLoader(
            queries.plans, reads, "CommunicationPlan"
        )
        self.tasks: _ManyLoader[CommunicationTask] = _ManyLoader(
            queries.tasks, reads, "CommunicationTask"
        )


def loaders_of(context: Any) -> CustomerLoaders:
    return context.customer_loaders  # type: ignore[no-any-return]

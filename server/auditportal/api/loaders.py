"""DataLoaders, one set per request: N objects' relations cost one query per relation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Generic, TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader

from auditportal.auth import users
from auditportal.auth.models import User
from auditportal.auth.policy import submission_scope
from auditportal.auth.principal import Principal
from auditportal.customers import service as customers
from auditportal.customers.models import Customer
from auditportal.forms import queries as form_queries
from auditportal.forms.models import Form, FormVersion, Submission

V = TypeVar("V")


class _ByIdLoader(DataLoader[UUID, V | None], Generic[V]):
    def __init__(self, fetch: Callable[[Iterable[UUID]], Awaitable[dict[UUID, V]]]) -> None:
        async def load_many(keys: Sequence[UUID]) -> list[V | None]:
            found = await fetch(set(keys))
            return [found.get(key) for key in keys]

        super().__init__(load_fn=load_many)


class Loaders:
    def __init__(self, principal: Principal) -> None:
        scope = submission_scope(principal)
        self.form: _ByIdLoader[Form] = _ByIdLoader(form_queries.forms_by_ids)
        self.form_version: _ByIdLoader[FormVersion] = _ByIdLoader(form_queries.versions_by_ids)
        self.latest_version: _ByIdLoader[FormVersion] = _ByIdLoader(
            form_queries.latest_versions_by_form_ids
        )
        self.user: _ByIdLoader[User] = _ByIdLoader(users.users_by_ids)
        self.customer: _ByIdLoader[Customer] = _ByIdLoader(customers.customers_by_ids)
        self.submission: _ByIdLoader[Submission] = _ByIdLoader(
            lambda ids: form_queries.submissions_by_ids(scope, ids)
        )
        self.revised_by: _ByIdLoader[Submission] = _ByIdLoader(
            lambda ids: form_queries.revisions_of(scope, ids)
        )

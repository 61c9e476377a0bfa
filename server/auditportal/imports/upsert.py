"""The idempotent upsert by code that file imports and CRM syncs share.

A batch of ``CustomerValues`` is compared with the customers of the same codes (one query
for the customers, one for their tags): each becomes a create, a change (with the fields
that differ) or nothing. ``write`` applies a planned batch in the caller's transaction:
one bulk insert, one bulk update, one bulk insert of new tags and the audit events.
Running the same batch again plans nothing, which is what makes reruns safe.

Audit: one event per created or changed customer (``record_many``: one lock, one read of
the chain's tail and one bulk insert per batch), naming the fields that changed. The
benchmark measures it against one summary event per batch; per customer costs little on
top of the writes themselves and keeps "who changed this customer, when" answerable from
the customer's own trail, which a per-batch event cannot.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from auditportal.audit import service as audit
from auditportal.auth.principal import Principal
from auditportal.customers.models import Customer, CustomerSource, CustomerTag
from auditportal.imports.mapping import CustomerValues
from auditportal.search.index import AttributeSearch

# Customer columns an import may write, by the name counts and audit events use.
FIELD_NAMES = {
    "name": "name",
    "industry": "industry",
    "region": "region",
    "transaction_volume": "transactionVolume",
    "credit_grade": "creditGrade",
    "credit_limit": "creditLimit",
    "contacts": "contacts",
    "attributes": "attributes",
    "external_modified_at": "externalModifiedAt",
}


@dataclass
class PlannedBatch:
    creates: list[Customer] = field(default_factory=list)
    updates: list[tuple[Customer, list[str]]] = field(default_factory=list)
    new_tags: list[tuple[UUID, str]] = field(default_factory=list)
    tag_changes: set[UUID] = field(default_factory=set)
    unchanged: int = 0
    changed_fields: Counter[str] = field(default_factory=Counter)

    @property
    def created(self) -> int:
        return len(self.creates)

    @property
    def changed(self) -> int:
        return len({c.id for c, _ in self.updates} | self.tag_changes)

    def touched_ids(self) -> list[UUID]:
        ids = [c.id for c in self.creates] + [c.id for c, _ in self.updates]
        return list(dict.fromkeys([*ids, *self.tag_changes]))


def _merged_contacts(
    existing: list[dict[str, Any]], contact: dict[str, str]
) -> list[dict[str, Any]]:
    """The file's contact becomes (or updates) the primary contact; others stay."""
    contacts = [dict(c) for c in existing or []]
    for entry in contacts:
        if entry.get("primary"):
            entry.update(contact)
            return contacts
    base = {"name": "", "title": "", "email": "", "phone": "", "primary": True}
    return [{**base, **contact}, *contacts]


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old.astimezone(UTC).replace(microsecond=0) == new.astimezone(UTC).replace(
            microsecond=0
        )
    return bool(old == new)


async def plan(
    batch: Sequence[CustomerValues], *, source: CustomerSource, actor_id: UUID | None
) -> PlannedBatch:
    codes = [values.code for values in batch]
    existing = {c.code: c for c in await Customer.filter(code__in=codes)}
    tags_by_customer: dict[UUID, set[str]] = {}
    if existing and any(values.tags for values in batch):
        ids = [c.id for c in existing.values()]
        for customer_id, tag in await CustomerTag.filter(customer_id__in=ids).values_list(
            "customer_id", "tag"
        ):
            tags_by_customer.setdefault(UUID(str(customer_id)), set()).add(str(tag))
    planned = PlannedBatch()
    now = datetime.now(UTC)
    for values in batch:
        customer = existing.get(values.code)
        wanted: dict[str, Any] = dict(values.fields)
        if values.external_modified_at is not None:
            wanted["external_modified_at"] = values.external_modified_at
        if customer is None:
            customer = Customer(
                id=uuid.uuid4(),
                code=values.code,
                source=source,
                created_by_id=actor_id,
                updated_by_id=actor_id,
                contacts=_merged_contacts([], values.contact) if values.contact else [],
                attributes=dict(values.attributes or {}),
                **wanted,
            )
            customer.created_at = customer.updated_at = now
            planned.creates.append(customer)
            planned.new_tags.extend((customer.id, tag) for tag in values.tags or [])
            continue
        if values.contact:
            wanted["contacts"] = _merged_contacts(customer.contacts, values.contact)
        if values.attributes:
            wanted["attributes"] = {**(customer.attributes or {}), **values.attributes}
        changed = [name for name, new in wanted.items() if not _same(getattr(customer, name), new)]
        missing_tags = sorted(set(values.tags or []) - tags_by_customer.get(customer.id, set()))
        if missing_tags:
            planned.new_tags.extend((customer.id, tag) for tag in missing_tags)
            planned.tag_changes.add(customer.id)
            planned.changed_fields["tags"] += 1
        if changed:
            for name in changed:
                setattr(customer, name, wanted[name])
                planned.changed_fields[FIELD_NAMES[name]] += 1
            customer.updated_by_id = actor_id
            customer.updated_at = now
            customer.lock_version += 1
            planned.updates.append((customer, changed))
        elif not missing_tags:
            planned.unchanged += 1
    return planned


async def write(
    principal: Principal,
    planned: PlannedBatch,
    *,
    per_customer_audit: bool = True,
    origin: str,
    attributes: AttributeSearch | None = None,
) -> None:
    """Apply a planned batch; call inside a transaction (with the checkpoint that marks it).

    With ``attributes``, the declared search values of created customers and of changed
    attributes are replaced in the same transaction."""
    if planned.creates:
        await Customer.bulk_create(planned.creates)
    if planned.updates:
        columns = sorted({name for _, changed in planned.updates for name in changed})
        await Customer.bulk_update(
            [customer for customer, _ in planned.updates],
            fields=[*columns, "updated_by_id", "updated_at", "lock_version"],
        )
    if attributes is not None:
        await attributes.index(
            [(c.id, c.attributes) for c in planned.creates]
            + [(c.id, c.attributes) for c, changed in planned.updates if "attributes" in changed]
        )
    if planned.new_tags:
        await CustomerTag.bulk_create(
            [CustomerTag(customer_id=customer_id, tag=tag) for customer_id, tag in planned.new_tags]
        )
    if per_customer_audit:
        tags_added: dict[UUID, int] = Counter(customer_id for customer_id, _ in planned.new_tags)
        events = [
            audit.EventSpec(
                "customer.import_create", "Customer", c.id, {"code": c.code, "origin": origin}
            )
            for c in planned.creates
        ]
        updated = {c.id: (c, changed) for c, changed in planned.updates}
        for customer_id in planned.touched_ids():
            if customer_id in updated:
                customer, changed = updated[customer_id]
                fields = [FIELD_NAMES[name] for name in changed]
            elif customer_id in planned.tag_changes:
                customer, fields = None, []
            else:
                continue
            if tags_added.get(customer_id):
                fields.append("tags")
            summary = {"fields": fields, "origin": origin}
            if customer is not None:
                summary["code"] = customer.code
            events.append(
                audit.EventSpec("customer.import_update", "Customer", customer_id, summary)
            )
        await audit.record_many(principal, events)
    elif planned.created or planned.changed:
        await audit.record(
            principal,
            "customer.import_batch",
            "CustomerImport",
            origin,
            {"created": planned.created, "changed": planned.changed},
        )

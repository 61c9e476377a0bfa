"""Writes of customer profiles: code, name, industry, region, contacts, tags, attributes,
account auditor.

Every edit is a compare-and-set on ``lock_version``: the caller says which version it
edited, a stale one is a ``Conflict`` and nothing is written. Custom attributes are
validated by the newest published version of the form named by the setting
``customer_attributes_form`` (an admin designs it like any other form), with the same
errors and paths as answers to a form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.models import User
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal, Role
from auditportal.customers.models import AccountAuditor, Customer, CustomerSource, CustomerTag
from auditportal.errors import Conflict, FieldIssue, NotFound, ValidationFailed
from auditportal.forms import queries as form_queries
from auditportal.forms.service import compiled_version
from auditportal.search.index import attribute_search
from auditportal.settings import Settings

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{4,29}$")
MAX_TAGS = 50
MAX_CONTACTS = 50


@dataclass
class ProfileChanges:
    """What an edit sets; ``None`` leaves a field as it is (``clear_*`` empties it)."""

    code: str | None = None
    name: str | None = None
    industry: str | None = None
    region: str | None = None
    contacts: list[dict[str, Any]] | None = None
    attributes: dict[str, Any] | None = None
    tags: list[str] | None = None
    transaction_volume: Decimal | None = None
    source: CustomerSource | None = None
    cleared: set[str] = field(default_factory=set)


def _text(value: str, at: str, issues: list[FieldIssue], *, limit: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        issues.append(FieldIssue((at,), "customer.required"))
    elif len(cleaned) > limit:
        issues.append(FieldIssue((at,), "customer.too_long", {"limit": limit}))
    return cleaned


def check_contacts(contacts: Any) -> tuple[list[dict[str, Any]], list[FieldIssue]]:
    """Contacts as stored ({name, title, email, phone, primary}) and the problems found."""
    issues: list[FieldIssue] = []
    if not isinstance(contacts, list):
        return [], [FieldIssue(("contacts",), "customer.contacts_not_list")]
    if len(contacts) > MAX_CONTACTS:
        issues.append(FieldIssue(("contacts",), "customer.too_many", {"limit": MAX_CONTACTS}))
    cleaned: list[dict[str, Any]] = []
    for index, contact in enumerate(contacts):
        at = ("contacts", index)
        if not isinstance(contact, dict):
            issues.append(FieldIssue(at, "customer.contact_not_object"))
            continue
        unknown = sorted(set(contact) - {"name", "title", "email", "phone", "primary"})
        for name in unknown:
            issues.append(FieldIssue((*at, name), "customer.contact_unknown_field"))
        name = str(contact.get("name") or "").strip()
        if not name:
            issues.append(FieldIssue((*at, "name"), "customer.required"))
        email = (contact.get("email") or "").strip() or None
        if email is not None and not _EMAIL.match(email):
            issues.append(FieldIssue((*at, "email"), "customer.contact_bad_email"))
        phone = (contact.get("phone") or "").strip() or None
        if phone is not None and not _PHONE.match(phone):
            issues.append(FieldIssue((*at, "phone"), "customer.contact_bad_phone"))
        primary = contact.get("primary", False)
        if not isinstance(primary, bool):
            issues.append(FieldIssue((*at, "primary"), "customer.contact_bad_primary"))
            primary = False
        cleaned.append(
            {
                "name": name,
                "title": (contact.get("title") or "").strip() or None,
                "email": email,
                "phone": phone,
                "primary": primary,
            }
        )
    if sum(1 for contact in cleaned if contact["primary"]) > 1:
        issues.append(FieldIssue(("contacts",), "customer.contact_two_primaries"))
    return cleaned, issues


def check_tags(tags: list[str]) -> tuple[list[str], list[FieldIssue]]:
    issues: list[FieldIssue] = []
    cleaned: list[str] = []
    for index, tag in enumerate(tags):
        value = tag.strip()
        if not value:
            issues.append(FieldIssue(("tags", index), "customer.required"))
        elif len(value) > 64:
            issues.append(FieldIssue(("tags", index), "customer.too_long", {"limit": 64}))
        elif value not in cleaned:
            cleaned.append(value)
    if len(cleaned) > MAX_TAGS:
        issues.append(FieldIssue(("tags",), "customer.too_many", {"limit": MAX_TAGS}))
    return sorted(cleaned), issues


async def check_attributes(attributes: Any, settings: Settings) -> list[FieldIssue]:
    """Problems of custom attributes against the newest published attributes form."""
    key = settings.customer_attributes_form
    form = await form_queries.form_by_key(key)
    version = (
        await form_queries.latest_version(form.id, open_only=True) if form is not None else None
    )
    if version is None:
        if attributes:
            return [FieldIssue(("attributes",), "customer.attributes_form_missing", {"key": key})]
        return []
    issues = compiled_version(version).check(attributes)
    return [FieldIssue(("attributes", *issue.path), issue.code, issue.params) for issue in issues]


async def _checked(
    changes: ProfileChanges, *, creating: bool, settings: Settings
) -> dict[str, Any]:
    """The column values of an edit, or a ValidationFailed listing every problem."""
    issues: list[FieldIssue] = []
    values: dict[str, Any] = {}
    if changes.code is not None or creating:
        values["code"] = _text(changes.code or "", "code", issues, limit=64)
    if changes.name is not None or creating:
        values["name"] = _text(changes.name or "", "name", issues, limit=300)
    for column in ("industry", "region"):
        value = getattr(changes, column)
        if column in changes.cleared:
            values[column] = None
        elif value is not None:
            values[column] = _text(value, column, issues, limit=100) or None
    if changes.contacts is not None:
        values["contacts"], found = check_contacts(changes.contacts)
        issues += found
    if changes.attributes is not None or creating:
        attributes = changes.attributes if changes.attributes is not None else {}
        if not isinstance(attributes, dict):
            issues.append(FieldIssue(("attributes",), "customer.attributes_not_object"))
        else:
            issues += await check_attributes(attributes, settings)
            values["attributes"] = attributes
    if changes.transaction_volume is not None:
        if changes.transaction_volume < 0:
            issues.append(FieldIssue(("transactionVolume",), "customer.negative"))
        values["transaction_volume"] = changes.transaction_volume
    if changes.source is not None:
        values["source"] = changes.source
    if changes.tags is not None:
        values["tags"], found = check_tags(changes.tags)
        issues += found
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    return values


async def _index_attributes(customer_id: UUID, attributes: Any, settings: Settings) -> None:
    """The attributes' declared search values, in the caller's transaction."""
    searched = await attribute_search(settings.customer_attributes_form)
    if searched is not None:
        await searched.index([(customer_id, attributes or {})])


async def _code_free(code: str, customer_id: UUID | None) -> None:
    taken = Customer.filter(code=code)
    if customer_id is not None:
        taken = taken.exclude(id=customer_id)
    if await taken.exists():
        issue = FieldIssue(("code",), "customer.code_taken", {"code": code})
        raise ValidationFailed("error.invalid_input", [issue], count=1)


def _summary(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if name != "attributes"} | (
        {"attributes": sorted(values["attributes"])} if "attributes" in values else {}
    )


async def _eligible_auditor(auditor_id: UUID, at: str) -> None:
    user = await User.get_or_none(id=auditor_id)
    if user is None or not user.is_active or user.role not in (Role.AUDITOR, Role.MANAGER):
        issue = FieldIssue((at,), "customer.auditor_not_eligible")
        raise ValidationFailed("error.invalid_input", [issue], count=1)


async def create_customer(
    principal: Principal,
    changes: ProfileChanges,
    *,
    account_auditor_id: UUID | None = None,
    settings: Settings,
) -> Customer:
    require(principal, Permission.CUSTOMERS_WRITE)
    values = await _checked(changes, creating=True, settings=settings)
    await _code_free(values["code"], None)
    if account_auditor_id is not None:
        await _eligible_auditor(account_auditor_id, "accountAuditorId")
    tags = values.pop("tags", [])
    try:
        async with in_transaction():
            customer = await Customer.create(
                **values, created_by_id=principal.user_id, updated_by_id=principal.user_id
            )
            await CustomerTag.bulk_create([CustomerTag(customer=customer, tag=t) for t in tags])
            await _index_attributes(customer.id, values.get("attributes"), settings)
            if account_auditor_id is not None:
                await AccountAuditor.create(customer=customer, auditor_id=account_auditor_id)
                values["account_auditor"] = str(account_auditor_id)
            await audit.record(
                principal,
                "customer.create",
                "Customer",
                customer.id,
                {"changed": sorted([*values, *(["tags"] if tags else [])]), **_summary(values)}
                | ({"tags": tags} if tags else {}),
            )
    except IntegrityError:
        await _code_free(values["code"], None)
        raise
    return customer


async def _tags_of(customer_id: UUID) -> list[str]:
    tags = await CustomerTag.filter(customer_id=customer_id).values_list("tag", flat=True)
    return sorted(str(tag) for tag in tags)


async def update_customer(
    principal: Principal,
    customer_id: UUID,
    lock_version: int,
    changes: ProfileChanges,
    *,
    settings: Settings,
) -> Customer:
    """Apply an edit made to ``lock_version``; Conflict if the customer changed since."""
    require(principal, Permission.CUSTOMERS_WRITE)
    current = await Customer.get_or_none(id=customer_id)
    if current is None:
        raise NotFound("customer.not_found")
    values = await _checked(changes, creating=False, settings=settings)
    if "code" in values:
        await _code_free(values["code"], customer_id)
    tags = values.pop("tags", None)
    changed = {name: value for name, value in values.items() if getattr(current, name) != value}
    old_tags = await _tags_of(customer_id)
    tags_changed = tags is not None and tags != old_tags
    async with in_transaction():
        written = await Customer.filter(id=customer_id, lock_version=lock_version).update(
            **changed, lock_version=lock_version + 1, updated_by_id=principal.user_id
        )
        if written != 1:
            raise Conflict("customer.stale", version=lock_version)
        if "attributes" in changed:
            await _index_attributes(customer_id, changed["attributes"], settings)
        if tags_changed:
            await CustomerTag.filter(customer_id=customer_id).delete()
            await CustomerTag.bulk_create(
                [CustomerTag(customer_id=customer_id, tag=t) for t in tags or []]
            )
        summary: dict[str, Any] = {
            "changed": sorted([*changed, *(["tags"] if tags_changed else [])]),
            "from": _summary({name: getattr(current, name) for name in changed}),
            "to": _summary(changed),
        }
        if tags_changed:
            summary["from"]["tags"], summary["to"]["tags"] = old_tags, tags
        await audit.record(principal, "customer.update", "Customer", customer_id, summary)
    return await Customer.get(id=customer_id)


async def set_tags(
    principal: Principal, customer_id: UUID, lock_version: int, tags: list[str], settings: Settings
) -> Customer:
    require(principal, Permission.CUSTOMERS_WRITE)
    changes = ProfileChanges(tags=tags)
    return await update_customer(principal, customer_id, lock_version, changes, settings=settings)


async def set_account_auditor(
    principal: Principal, customer_id: UUID, auditor_id: UUID | None
) -> Customer:
    """Make ``auditor_id`` (an active auditor or manager) the customer's account auditor."""
    require(principal, Permission.CUSTOMERS_WRITE)
    customer = await Customer.get_or_none(id=customer_id)
    if customer is None:
        raise NotFound("customer.not_found")
    if auditor_id is not None:
        await _eligible_auditor(auditor_id, "auditorId")
    previous = await AccountAuditor.get_or_none(customer_id=customer_id)
    async with in_transaction():
        if previous is not None and previous.auditor_id != auditor_id:
            await previous.delete()
        if auditor_id is not None and (previous is None or previous.auditor_id != auditor_id):
            await AccountAuditor.create(customer_id=customer_id, auditor_id=auditor_id)
        await Customer.filter(id=customer_id).update(updated_by_id=principal.user_id)
        await audit.record(
            principal,
            "customer.account_auditor",
            "Customer",
            customer_id,
            {
                "changed": ["accountAuditor"],
                "from": str(previous.auditor_id) if previous else None,
                "to": str(auditor_id) if auditor_id else None,
            },
        )
    return await Customer.get(id=customer_id)


__all__ = [
    "ProfileChanges",
    "check_attributes",
    "check_contacts",
    "create_customer",
    "require",
    "set_account_auditor",
    "set_tags",
    "update_customer",
]

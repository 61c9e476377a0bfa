"""CRM connections: saving them (secrets sealed), requesting syncs, building connectors."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlparse
from uuid import UUID, uuid4

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from auditportal.audit import service as audit
from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import Conflict, FieldIssue, NotFound, ValidationFailed
from auditportal.imports import mapping as mappings
from auditportal.imports import secrets
from auditportal.imports.connectors import fxiaoke, zoho
from auditportal.imports.connectors.base import Connector
from auditportal.imports.models import CrmConnection, CrmKind
from auditportal.jobs import dispatch, names
from auditportal.jobs.models import JobRun
from auditportal.keystore import field_keys
from auditportal.settings import Settings

KINDS: dict[CrmKind, Any] = {CrmKind.ZOHO: zoho, CrmKind.FXIAOKE: fxiaoke}
_URL_KEYS = ("accountsUrl", "baseUrl")


def secret_names(kind: CrmKind) -> tuple[str, ...]:
    return tuple(KINDS[kind].REQUIRED_SECRETS)


def _check(
    kind: CrmKind,
    config: Mapping[str, Any],
    field_mapping: Mapping[str, str],
    secret_values: Mapping[str, str],
    stored: Mapping[str, Any],
) -> list[FieldIssue]:
    module = KINDS[kind]
    issues: list[FieldIssue] = []
    for key in module.REQUIRED_CONFIG:
        if not str(config.get(key) or "").strip():
            issues.append(FieldIssue(("config", key), "crm.config.missing", {"field": key}))
    for key in _URL_KEYS:
        if key in config and urlparse(str(config[key])).scheme not in ("http", "https"):
            issues.append(FieldIssue(("config", key), "crm.config.bad_url", {"field": key}))
    for key in module.REQUIRED_SECRETS:
        if not secret_values.get(key) and key not in stored:
            issues.append(FieldIssue(("secrets", key), "crm.secret.missing", {"field": key}))
    for issue in mappings.check_mapping(field_mapping, None, path="fieldMapping"):
        issues.append(issue)
    return issues


async def save_connection(
    principal: Principal,
    *,
    connection_id: UUID | None,
    kind: str,
    name: str,
    config: dict[str, Any],
    field_mapping: dict[str, str],
    secrets: Mapping[str, str],
    active: bool = True,
    settings: Settings,
) -> CrmConnection:
    require(principal, Permission.CRM_MANAGE)
    try:
        crm_kind = CrmKind(kind)
    except ValueError:
        raise ValidationFailed(
            "error.invalid_input",
            [FieldIssue(("kind",), "crm.config.missing", {"field": "kind"})],
            count=1,
        ) from None
    existing = await CrmConnection.get_or_none(id=connection_id) if connection_id else None
    if connection_id and existing is None:
        raise NotFound("error.not_found")
    mapping = field_mapping or dict(KINDS[crm_kind].DEFAULT_MAPPING)
    stored_items: dict[str, str] = (
        dict((existing.secrets or {}).get("items", {})) if existing else {}
    )
    if existing and existing.kind is not crm_kind:
        stored_items = {}
    allowed = set(secret_names(crm_kind))
    provided = {k: v for k, v in secrets.items() if k in allowed and v}
    issues = _check(crm_kind, config, mapping, provided, stored_items)
    issues += [
        FieldIssue(("secrets", k), "crm.secret.missing", {"field": k})
        for k in secrets
        if k not in allowed
    ]
    if not name.strip():
        issues.append(FieldIssue(("name",), "crm.config.missing", {"field": "name"}))
    if issues:
        raise ValidationFailed("error.invalid_input", issues, count=len(issues))
    record = existing or CrmConnection(id=uuid4())
    for key, value in provided.items():
        stored_items[key] = seal_secret(value, record.id, key, settings)
    record.kind = crm_kind
    record.name = name.strip()
    record.config = dict(config)
    record.field_mapping = mapping
    record.secrets = {"v": 1, "items": stored_items}
    record.active = active
    try:
        async with in_transaction():
            await record.save()
            await audit.record(
                principal,
                "crm_connection.save",
                "CrmConnection",
                record.id,
                # Names of the secrets replaced, never their values.
                {"kind": crm_kind.value, "name": record.name, "secretsReplaced": sorted(provided)},
            )
    except IntegrityError:
        raise Conflict("crm.connection.name_taken", name=name) from None
    return record


def seal_secret(value: str, connection_id: UUID, name: str, settings: Settings) -> str:
    return secrets.seal(value, connection_id, name, field_keys(settings))


async def list_connections(principal: Principal) -> list[CrmConnection]:
    require(principal, Permission.CRM_MANAGE)
    return list(await CrmConnection.all().order_by("name"))


async def crm_connection(principal: Principal, connection_id: UUID) -> CrmConnection | None:
    require(principal, Permission.CRM_MANAGE)
    return await CrmConnection.get_or_none(id=connection_id)


async def request_sync(principal: Principal, connection_id: UUID) -> tuple[CrmConnection, JobRun]:
    require(principal, Permission.CRM_MANAGE)
    connection = await CrmConnection.get_or_none(id=connection_id)
    if connection is None:
        raise NotFound("error.not_found")
    async with in_transaction():
        await audit.record(principal, "crm_connection.sync", "CrmConnection", connection.id)
    run = await dispatch.enqueue(
        names.SYNC_CRM, {"connectionId": str(connection.id)}, requested_by=principal.user_id
    )
    connection.last_job_id = run.id
    await connection.save(update_fields=["last_job_id"])
    return connection, run


def build_connector(connection: CrmConnection, settings: Settings) -> Connector:
    items = (connection.secrets or {}).get("items", {})
    keys = field_keys(settings)
    opened = {
        name: secrets.unseal(token, connection.id, name, keys) for name, token in items.items()
    }
    module = KINDS[connection.kind]
    factory = module.ZohoConnector if connection.kind is CrmKind.ZOHO else module.FxiaokeConnector
    connector: Connector = factory(
        connection.config,
        opened,
        connection.field_mapping,
        timeout=settings.crm_request_timeout_seconds,
    )
    return connector

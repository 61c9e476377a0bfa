"""Tortoise ORM configuration, shared by the server, the CLI, the workers and the tests."""

from __future__ import annotations

from typing import Any

from tortoise import fields
from tortoise.models import Model

from auditportal.settings import Settings

MODEL_MODULES = [
    "auditportal.auth.models",
    "auditportal.customers.models",
    "auditportal.customers.register_models",
    "auditportal.forms.models",
    "auditportal.audit.models",
    "auditportal.workflows.models",
    "auditportal.reports.models",
    "auditportal.jobs.models",
    "auditportal.inspections.models",
    "auditportal.imports.models",
]


def tortoise_config(settings: Settings) -> dict[str, Any]:
    if not settings.database_url:
        settings.ensure_data_dir()
    return {
        "connections": {"default": settings.resolved_database_url},
        "apps": {
            "auditportal": {
                "models": MODEL_MODULES,
                "default_connection": "default",
                "migrations": "auditportal.migrations",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _config_for_tortoise_cli() -> dict[str, Any]:
    from auditportal.settings import get_settings

    return tortoise_config(get_settings())


# `tortoise -c auditportal.db.TORTOISE_ORM makemigrations` reads this.
TORTOISE_ORM = _config_for_tortoise_cli()


class DocumentField(fields.JSONField):  # type: ignore[type-arg]
    """A JSON document whose object key order matters (the order of a form's questions).

    PostgreSQL's ``jsonb``, Tortoise's default, reorders object keys; ``json`` keeps the
    text as written, like SQLite does, so both backends return documents as authored.
    """

    class _db_postgres:
        SQL_TYPE = "JSON"


class TimestampedModel(Model):
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True

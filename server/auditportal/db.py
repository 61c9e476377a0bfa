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
    "auditportal.submissions.models",
    "auditportal.evidence.models",
    "auditportal.search.models",
    "auditportal.holidays.models",
    "auditportal.exports.models",
    "auditportal.verification.models",
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


def __getattr__(name: str) -> Any:
    # `tortoise -c auditportal.db.TORTOISE_ORM makemigrations` reads this attribute. It is
    # built when asked for, from the environment: importing a model (which imports this
    # module) must not read settings or create the data folder.
    if name == "TORTOISE_ORM":
        return tortoise_config(Settings())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

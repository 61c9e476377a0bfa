"""Whether the database schema is current: applying migrations and listing pending ones."""

from __future__ import annotations

import pkgutil

from tortoise import Tortoise, connections
from tortoise.migrations.api import migrate as apply_migrations
from tortoise.migrations.executor import MigrationExecutor

from auditportal import migrations as migrations_package
from auditportal.db import MODEL_MODULES, tortoise_config
from auditportal.settings import Settings

APP_LABEL = "auditportal"


async def migrate(settings: Settings) -> None:
    """Apply every pending migration (the CLI's ``auditportal migrate``)."""
    try:
        await apply_migrations(config=tortoise_config(settings))
    finally:
        await Tortoise.close_connections()


def known_migrations() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(migrations_package.__path__))


async def pending_migrations() -> list[str]:
    """Names of migrations not yet applied, on the already-initialised ORM's connection."""
    apps = {APP_LABEL: {"models": MODEL_MODULES, "migrations": "auditportal.migrations"}}
    executor = MigrationExecutor(connections.get("default"), apps)
    try:
        steps = await executor.plan()
    except Exception:
        return known_migrations()
    return [step.migration.name for step in steps if not step.backward]

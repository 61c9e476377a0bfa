"""Loading form definitions from files ("forms as code"), idempotently.

Each file becomes a form whose draft is the file's content, then is published; a file that
did not change since the last load publishes nothing new.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from auditportal.auth.policy import Permission, require
from auditportal.auth.principal import Principal
from auditportal.errors import ValidationFailed
from auditportal.forms import queries, service
from auditportal.settings import Settings


@dataclass(frozen=True)
class LoadOutcome:
    path: Path
    key: str
    version: int
    created: bool


class DefinitionFileError(Exception):
    def __init__(self, path: Path, error: ValidationFailed | ValueError) -> None:
        super().__init__(f"{path}: {error}")
        self.path = path
        self.error = error


async def load_form_file(principal: Principal, path: Path, settings: Settings) -> LoadOutcome:
    require(principal, Permission.FORMS_DESIGN)
    try:
        definition = json.loads(await asyncio.to_thread(path.read_text, encoding="utf-8"))
        key = definition["key"] if isinstance(definition, dict) else None
        if not isinstance(key, str):
            raise ValueError("the file has no form key")
        form = await queries.form_by_key(key)
        if form is None:
            form = await service.create_draft(principal, definition, settings=settings)
        else:
            form = await service.update_draft(
                principal, form.id, definition, None, settings=settings
            )
        published = await service.publish(principal, form.id, settings=settings)
    except ValidationFailed as error:
        raise DefinitionFileError(path, error) from error
    except (ValueError, KeyError) as error:
        raise DefinitionFileError(path, ValueError(str(error))) from error
    return LoadOutcome(path, key, published.version.number, published.created)


async def load_form_directory(
    principal: Principal, directory: Path, settings: Settings
) -> list[LoadOutcome]:
    require(principal, Permission.FORMS_DESIGN)
    paths = await asyncio.to_thread(lambda: sorted(directory.glob("*.json")))
    return [await load_form_file(principal, path, settings) for path in paths]

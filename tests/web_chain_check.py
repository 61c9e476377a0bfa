"""The chain spec's server-side check: the stored definitions against the meta-schemas.

Run as ``python -m tests.web_chain_check <form key> <workflow key>`` (or ``plan <name>`` for
a plan's id) with the e2e server's
AUDITPORTAL_* environment (web/e2e/chain.spec.ts does). Reads the newest published version of
the form and of the workflow from the database, validates each with ``jsonschema`` against
``schema/form-definition.schema.json`` and ``schema/workflow-definition.schema.json``, and
prints one JSON line: per definition its version number, the errors (JSON pointer and
message; empty when valid) and the stored document, so the spec can also check it in the
browser's validator.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from tortoise import Tortoise

from auditportal.db import tortoise_config
from auditportal.forms.models import Form, FormVersion
from auditportal.inspections.models import InspectionPlan, ScheduledInspection
from auditportal.settings import Settings
from auditportal.workflows.models import WorkflowDefinition, WorkflowVersion


def errors_of(document: Any, meta_schema: Path) -> list[dict[str, str]]:
    validator = Draft202012Validator(json.loads(meta_schema.read_text(encoding="utf-8")))
    return [
        {"pointer": "/" + "/".join(str(p) for p in error.absolute_path), "message": error.message}
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path)))
    ]


async def check(settings: Settings, form_key: str, workflow_key: str) -> dict[str, Any]:
    form = await Form.get(key=form_key)
    form_version = await FormVersion.filter(form_id=form.id).order_by("-number").first()
    workflow = await WorkflowDefinition.get(key=workflow_key)
    workflow_version = (
        await WorkflowVersion.filter(definition_id=workflow.id).order_by("-number").first()
    )
    out: dict[str, Any] = {}
    for name, version, document, meta in (
        ("form", form_version, form_version and form_version.definition, "form-definition"),
        (
            "workflow",
            workflow_version,
            workflow_version and workflow_version.content,
            "workflow-definition",
        ),
    ):
        if version is None:
            out[name] = {"version": None, "errors": [{"pointer": "", "message": "not published"}]}
            continue
        out[name] = {
            "id": str(version.id),
            "version": version.number,
            "errors": errors_of(document, settings.schema_dir / f"{meta}.schema.json"),
            "definition": document,
        }
    return out


async def plan_id(name: str) -> dict[str, Any]:
    """The id of the plan with this Chinese name (for ``auditportal schedule --plan``)."""
    for plan in await InspectionPlan.all():
        if (plan.name or {}).get("zh-CN") == name:
            rows = await ScheduledInspection.filter(plan_id=plan.id).values(
                "customer_id", "due_on", "opens_on", "status", "instance_id", "assignee_id"
            )
            return {"id": str(plan.id), "rows": [{k: str(v) for k, v in r.items()} for r in rows]}
    return {"id": None}


async def _main(args: list[str]) -> None:
    settings = Settings()
    await Tortoise.init(config=tortoise_config(settings))
    try:
        if args[0] == "plan":
            out = await plan_id(args[1])
        else:
            out = await check(settings, args[0], args[1])
        print(json.dumps(out, ensure_ascii=False))
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1:]))

"""Seed for web/e2e/verification.spec.ts: one submission the manager can verify.

Run by that spec (``python -m tests.web_seed_verification``) against the suite's server data
folder, so that no other spec sees it before it runs: a customer of its own (normal tier), a
small published checklist, and the auditor's answers to it this month. The only auditor
submitted it, so the four-eyes draw gives it to the manager.
"""

from __future__ import annotations

import asyncio
import json

from tortoise import Tortoise

from auditportal.audit.service import use_chain_key
from auditportal.auth.models import User
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.customers.models import Customer, CustomerTier
from auditportal.db import tortoise_config
from auditportal.forms import service as forms
from auditportal.keystore import load_audit_chain_key
from auditportal.settings import Settings
from tests.factories import checklist, good_answers

SYSTEM = system_principal("e2e-seed")


async def seed(settings: Settings) -> dict[str, str]:
    customer = await Customer.create(
        code="E2E-V", name="华南抽检贸易有限公司", tier=CustomerTier.NORMAL, region="华南"
    )
    definition = checklist("e2e-verification-check")
    form = await forms.create_draft(SYSTEM, definition, settings=settings)
    await forms.publish(SYSTEM, form.id, settings=settings)
    auditor = await User.get(username="auditor")
    principal = Principal(
        subject=f"user:{auditor.id}",
        role=Role.AUDITOR,
        user_id=auditor.id,
        scopes=default_scopes(Role.AUDITOR),
    )
    await forms.submit(
        principal,
        answers=good_answers(),
        language="zh-CN",
        form_id=form.id,
        customer_id=customer.id,
        settings=settings,
    )
    return {"form": "现场检查", "customer": customer.name}


async def _main() -> None:
    settings = Settings()
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings))
    try:
        print(json.dumps(await seed(settings), ensure_ascii=False))
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(_main())

"""Seed for web/e2e/verification.spec.ts: one submission to verify.

Run by that spec (``python -m tests.web_seed_verification``) against the suite's server data
folder, so that no other spec sees it before it runs: a customer of its own (normal tier), a
small published checklist, and the auditor's answers to it this month.

``python -m tests.web_seed_verification verifier``, run after the draw: the username of the
person the four-eyes draw chose (whichever active auditor's turn it was: other specs add
auditors), with the suite's shared password, so that the spec can sign in as them.

``python -m tests.web_seed_verification pool``: the reassignment spec's own world: three
auditors of its own (two in team ``e2e-pool``, one outside it), a customer, a checklist
titled for this scope only, and one submission by the first team member this month. A plan
naming the team can then only hand it to the second member, who is never its submitter.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import UTC, datetime

from tortoise import Tortoise

from auditportal.audit.service import use_chain_key
from auditportal.auth.models import User
from auditportal.auth.passwords import hash_password
from auditportal.auth.policy import default_scopes
from auditportal.auth.principal import Principal, Role, system_principal
from auditportal.auth.users import create_user
from auditportal.customers.models import Customer, CustomerTier
from auditportal.db import tortoise_config
from auditportal.forms import service as forms
from auditportal.forms.models import Form
from auditportal.keystore import load_audit_chain_key
from auditportal.settings import Settings
from auditportal.verification.models import Verification
from tests.factories import checklist, good_answers
from tests.web_seed import PASSWORD

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


POOL_FORM = {"zh-CN": "抽检池检查表", "en": "Pool check"}
POOL_TEAM = "e2e-pool"


async def seed_pool(settings: Settings) -> dict[str, str]:
    password_hash = await asyncio.to_thread(hash_password, PASSWORD)
    people: dict[str, User] = {}
    for key, name, team in (
        ("a", "池一号", POOL_TEAM),
        ("b", "池二号", POOL_TEAM),
        ("c", "池外三号", None),
    ):
        user = await create_user(
            SYSTEM, username=f"vpool-{key}", role=Role.AUDITOR, display_name=name
        )
        user.team = team
        user.password_hash = password_hash
        user.password_changed_at = datetime.now(UTC)
        await user.save(update_fields=["team", "password_hash", "password_changed_at"])
        people[key] = user
    customer = await Customer.create(
        code="E2E-VP", name="华东抽检池有限公司", tier=CustomerTier.KEY, region="华东"
    )
    definition = checklist("e2e-verification-pool", title=POOL_FORM)
    form = await forms.create_draft(SYSTEM, definition, settings=settings)
    await forms.publish(SYSTEM, form.id, settings=settings)
    submitter = people["a"]
    principal = Principal(
        subject=f"user:{submitter.id}",
        role=Role.AUDITOR,
        user_id=submitter.id,
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
    return {
        "form": POOL_FORM["zh-CN"],
        "customer": customer.name,
        "team": POOL_TEAM,
        **{key: user.username for key, user in people.items()},
        **{f"{key}Name": user.display_name for key, user in people.items()},
    }


async def drawn_verifier() -> dict[str, str]:
    form = await Form.get(key="e2e-verification-check")
    item = await Verification.filter(form_id=form.id).order_by("-id").first()
    assert item is not None and item.verifier_id is not None, "nothing drawn yet"
    verifier = await User.get(id=item.verifier_id)
    verifier.password_hash = hash_password(PASSWORD)
    verifier.password_changed_at = datetime.now(UTC)
    await verifier.save(update_fields=["password_hash", "password_changed_at"])
    return {"username": verifier.username}


async def _main() -> None:
    settings = Settings()
    use_chain_key(load_audit_chain_key(settings))
    await Tortoise.init(config=tortoise_config(settings))
    try:
        mode = sys.argv[1:]
        found = (
            await drawn_verifier()
            if mode == ["verifier"]
            else await seed_pool(settings)
            if mode == ["pool"]
            else await seed(settings)
        )
        print(json.dumps(found, ensure_ascii=False))
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(_main())

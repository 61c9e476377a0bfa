"""The end-to-end chain's own scope (web/e2e/chain.spec.ts): key customers and two managers.

Called from ``tests.web_seed`` for the ``chain`` scope. Four eyes needs a second manager: the
one who sends the inspection for approval may not approve it, another manager may. The
scope's customers are key customers (the chain's new plan is "key customers, monthly").
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from auditportal.auth.principal import Principal, Role
from auditportal.auth.users import create_user
from auditportal.customers.models import Customer, CustomerTier

SCOPE = "chain"
# A's and B's names and regions, and the people's surname (tests.web_seed SCOPES).
NAMES = (("钱塘精工有限公司", "华东"), ("漠北矿业集团", "西北"), "孙")


async def seed_second_manager(system: Principal, password_hash: str) -> dict[str, Any]:
    """Another manager of the chain scope, signed in with the shared password."""
    user = await create_user(
        system, username=f"{SCOPE}-manager2", role=Role.MANAGER, display_name="钱经理"
    )
    user.password_hash = password_hash
    user.password_changed_at = datetime.now(UTC)
    await user.save(update_fields=["password_hash", "password_changed_at"])
    return {"login": user.username, "name": user.display_name, "id": str(user.id)}


async def make_key_customers(*customers: Customer) -> None:
    """Key customers by the classification rules too (volume over the key threshold), so a
    reclassification (the plans spec saves the rules) keeps them key."""
    for customer in customers:
        customer.transaction_volume = Decimal("25000000")
        customer.tier = CustomerTier.KEY
        await customer.save(update_fields=["transaction_volume", "tier"])

"""Authentication's principal cache (issue 11): no SQL in the steady state, and every change
that narrows or widens a token's power is seen on the very next request.

Each test first uses the token (so its principal is cached), then changes what it stands
for through the service that does so in production, then uses it again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from auditportal.auth.grants import grant_access, revoke_grant
from auditportal.auth.principal import PRINCIPALS, Role
from auditportal.auth.tokens import revoke_access_token, verify_access_token
from auditportal.auth.users import UserChanges, update_user
from tests.conftest import Api, Person
from tests.test_statement_counts import statements

ME = '{"query": "{ me { role } }"}'


async def _me(api: Api, person: Person) -> tuple[int, str | None]:
    response = await api.client.post(
        "/graphql",
        content=ME,
        headers={"Authorization": f"Bearer {person.token}", "content-type": "application/json"},
    )
    if response.status_code != 200:
        return response.status_code, None
    return 200, response.json()["data"]["me"]["role"]


async def test_a_known_token_costs_no_statement(api: Api) -> None:
    person = await api.user("auditor")
    with statements() as first:
        assert await _me(api, person) == (200, "AUDITOR")
    with statements() as again:
        assert await _me(api, person) == (200, "AUDITOR")
    # The first request read the revocation list and the user for authentication; the
    # second only what `me` itself reads (the user's row, by its loader).
    assert len(again) == len(first) - 2, (first, again)
    assert not [s for s in again if "revoked_access_tokens" in s], again


async def test_revoking_a_token_rejects_it_at_once(api: Api) -> None:
    person = await api.user("auditor")
    assert await _me(api, person) == (200, "AUDITOR")
    claims = verify_access_token(api.settings, person.token)
    await revoke_access_token(claims.token_id, claims.expires_at)
    assert (await _me(api, person))[0] == 401


async def test_a_role_change_applies_at_once(api: Api) -> None:
    person = await api.user("auditor")
    assert await _me(api, person) == (200, "AUDITOR")
    await update_user(api.system, person.id, UserChanges(role=Role.MANAGER))
    assert await _me(api, person) == (200, "MANAGER")


async def test_deactivation_rejects_the_token_at_once(api: Api) -> None:
    person = await api.user("auditor")
    assert await _me(api, person) == (200, "AUDITOR")
    await update_user(api.system, person.id, UserChanges(is_active=False))
    assert (await _me(api, person))[0] == 401


COUNT = '{"query": "{ customers { totalCount } }"}'


async def _visible(api: Api, person: Person) -> int:
    response = await api.client.post(
        "/graphql",
        content=COUNT,
        headers={"Authorization": f"Bearer {person.token}", "content-type": "application/json"},
    )
    return int(response.json()["data"]["customers"]["totalCount"])


async def test_a_consultants_grants_apply_at_once(api: Api) -> None:
    consultant = await api.user("consultant")
    acme = await api.customer("CACHE-ACME")
    await api.customer("CACHE-OTHER")
    assert await _visible(api, consultant) == 0
    grant = await grant_access(
        api.system,
        consultant_id=consultant.id,
        customer_ids=[acme.id],
        form_ids=[],
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    assert await _visible(api, consultant) == 1
    await revoke_grant(api.system, grant.id)
    assert await _visible(api, consultant) == 0


async def test_without_a_ttl_nothing_is_kept(api: Api) -> None:
    from auditportal.auth.models import User

    person = await api.user("auditor")
    previous = PRINCIPALS.ttl
    PRINCIPALS.ttl = 0
    try:
        assert await _me(api, person) == (200, "AUDITOR")
        # A write that bypasses the services: only a cache-free lookup can see it.
        await User.filter(id=person.id).update(is_active=False)
        assert (await _me(api, person))[0] == 401
    finally:
        PRINCIPALS.ttl = previous

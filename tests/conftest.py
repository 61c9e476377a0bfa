"""Test harness: a real database per test, cloned from a migrated template.

The backend comes from AUDITPORTAL_TEST_DATABASE (``sqlite``, the default, or ``postgres``);
`make test` runs the suite once per backend, never both in one process (see STACK-NOTES).
SQLite tests copy a migrated file; PostgreSQL tests ``CREATE DATABASE ... TEMPLATE`` a
migrated database. Either way every test starts from the real migrations.

Parallel runs (pytest-xdist, ``make test``): every worker is its own process, so each has its
own data folder (``mkdtemp``), its own SQLite template in it, and PostgreSQL database names
carrying its pid; nothing here is shared between workers but the servers themselves.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BACKEND = os.environ.get("AUDITPORTAL_TEST_DATABASE", "sqlite")
PG_ADMIN_DSN = os.environ.get(
    "AUDITPORTAL_TEST_PG_DSN", "postgres://auditportal:auditportal@127.0.0.1:5432/postgres"
)

_DATA_DIR = Path(tempfile.mkdtemp(prefix="auditportal-test-"))
# The environment every test's settings start from (and the CLI and server subprocesses
# inherit): fixed before anything reads it.
os.environ.update(
    {
        "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
        "AUDITPORTAL_DATA_DIR": str(_DATA_DIR / "data"),
        "AUDITPORTAL_DEBUG": "false",
        "AUDITPORTAL_PUBLIC_URL": "http://testserver",
        "AUDITPORTAL_DEFAULT_LANGUAGE": "en",
        # Tests run jobs themselves; test_embedded_jobs turns the in-server runner on.
        "AUDITPORTAL_EMBEDDED_JOBS": "false",
    }
)
os.environ.pop("AUDITPORTAL_DATABASE_URL", None)
os.environ.pop("AUDITPORTAL_REDIS_URL", None)

import asyncpg  # noqa: E402
import httpx  # noqa: E402
from asgi_lifespan import LifespanManager  # noqa: E402

from auditportal.app import create_app  # noqa: E402
from auditportal.auth.policy import default_scopes  # noqa: E402
from auditportal.auth.principal import Role, system_principal  # noqa: E402
from auditportal.auth.tokens import issue_access_token  # noqa: E402
from auditportal.auth.users import create_user  # noqa: E402
from auditportal.customers.service import ensure_customer  # noqa: E402
from auditportal.schema_state import migrate  # noqa: E402
from auditportal.settings import Settings  # noqa: E402

_counter = itertools.count()

# The settings of this test process; tests that need other values copy it (model_copy) and
# pass the copy to what they run, as the server, the worker and the CLI pass theirs.
SETTINGS = Settings()


def pytest_report_header() -> str:
    return f"auditportal database backend: {BACKEND}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND == "postgres":
        return
    skip = pytest.mark.skip(reason="PostgreSQL-only: runs in the PostgreSQL pass of make test")
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


def _pg_url(database: str) -> str:
    base, _, _ = PG_ADMIN_DSN.rpartition("/")
    return f"{base}/{database}"


class DatabaseFactory:
    """Makes fresh, migrated databases for tests."""

    def __init__(self) -> None:
        self.template: str | None = None
        self.created: list[str] = []

    async def prepare(self) -> None:
        settings = SETTINGS
        if BACKEND == "sqlite":
            template = _DATA_DIR / "template.sqlite3"
            await migrate(settings.model_copy(update={"database_url": f"sqlite://{template}"}))
            self.template = str(template)
        else:
            name = f"auditportal_tpl_{os.getpid()}"
            admin = await asyncpg.connect(PG_ADMIN_DSN)
            try:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                await admin.execute(f'CREATE DATABASE "{name}"')
            finally:
                await admin.close()
            await migrate(settings.model_copy(update={"database_url": _pg_url(name)}))
            self.template = name

    async def new_url(self) -> str:
        assert self.template is not None
        number = next(_counter)
        if BACKEND == "sqlite":
            path = _DATA_DIR / f"test-{number}.sqlite3"
            shutil.copyfile(self.template, path)
            return f"sqlite://{path}"
        name = f"auditportal_t{os.getpid()}_{number}"
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        finally:
            await admin.close()
        self.created.append(name)
        return _pg_url(name)

    async def empty_url(self) -> str:
        """A database with no tables at all (for unmigrated-start tests)."""
        number = next(_counter)
        if BACKEND == "sqlite":
            return f"sqlite://{_DATA_DIR / f'empty-{number}.sqlite3'}"
        name = f"auditportal_e{os.getpid()}_{number}"
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        self.created.append(name)
        return _pg_url(name)

    async def drop_all(self) -> None:
        if BACKEND != "postgres":
            return
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            for name in [*self.created, self.template]:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@pytest.fixture(scope="session")
async def databases() -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory()
    await factory.prepare()
    yield factory
    await factory.drop_all()


@pytest.fixture(scope="session", autouse=True)
def _cleanup_data_dir() -> Iterator[None]:
    yield
    shutil.rmtree(_DATA_DIR, ignore_errors=True)


class Api:
    """The real app over httpx, plus factories for the people and customers a test needs."""

    def __init__(self, client: httpx.AsyncClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.system = system_principal("tests")

    async def customer(self, code: str, name: str | None = None) -> Any:
        return await ensure_customer(self.system, code, name or f"Customer {code}")

    async def user(
        self,
        role: Role | str,
        *,
        customer: Any = None,
        scopes: frozenset[str] | None = None,
        username: str | None = None,
    ) -> Person:
        role = Role(role)
        user = await create_user(
            self.system,
            username=username or f"{role.value}-{next(_counter)}",
            role=role,
            customer_id=customer.id if customer is not None else None,
        )
        token = issue_access_token(
            self.settings, user.id, default_scopes(role) if scopes is None else scopes, "tests"
        )
        return Person(self, user.id, token, role)

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        language: str = "en",
    ) -> dict[str, Any]:
        headers = {"Accept-Language": language}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]


class Person:
    def __init__(self, api: Api, user_id: UUID, token: str, role: Role) -> None:
        self.api = api
        self.id = user_id
        self.token = token
        self.role = role

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, *, language: str = "en"
    ) -> dict[str, Any]:
        return await self.api.gql(query, variables, token=self.token, language=language)

    async def data(
        self, query: str, variables: dict[str, Any] | None = None, *, language: str = "en"
    ) -> dict[str, Any]:
        """The data of a query that must not fail."""
        result = await self.gql(query, variables, language=language)
        assert "errors" not in result, result
        return result["data"]  # type: ignore[no-any-return]


@pytest.fixture
async def fresh_database_url(databases: DatabaseFactory) -> str:
    """An empty database, no migration applied."""
    return await databases.empty_url()


@pytest.fixture
async def database_url(databases: DatabaseFactory) -> str:
    return await databases.new_url()


@pytest.fixture
async def api(database_url: str) -> AsyncIterator[Api]:
    settings = SETTINGS.model_copy(update={"database_url": database_url})
    app = create_app(settings)
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60) as manager:
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield Api(client, settings)

"""The command line and a real uvicorn server, as `make run` uses them."""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import BACKEND, REPO_ROOT, DatabaseFactory
from tests.oauth_support import CLI, cli, free_port, wait_ready

# Starts real processes (the CLI, a server, a worker): left out of `make test-quick`.
pytestmark = pytest.mark.slow

REDIS_URL = os.environ.get("AUDITPORTAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def portal_env(tmp_path: Path, databases: DatabaseFactory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITPORTAL_")}
    env.update(
        {
            "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
            "AUDITPORTAL_DATA_DIR": str(tmp_path / "data"),
            "AUDITPORTAL_LOG_LEVEL": "WARNING",
        }
    )
    if BACKEND == "postgres":
        env["AUDITPORTAL_DATABASE_URL"] = await databases.empty_url()
    return env


@pytest.fixture
def server(portal_env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    env = {**portal_env, "AUDITPORTAL_DEBUG": "true", "AUDITPORTAL_PORT": str(port)}
    for args in (("migrate",), ("load",), ("create-user", "admin", "--role", "admin")):
        done = cli(env, *args)
        assert done.returncode == 0, done.stderr
    process = subprocess.Popen(  # noqa: S603
        [*CLI, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(base, process):
            pytest.fail("server did not become ready")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_unmigrated_commands_say_what_to_run(portal_env: dict[str, str]) -> None:
    done = cli(portal_env, "load")
    assert done.returncode == 2
    assert "run `auditportal migrate` first" in done.stderr


def test_load_is_idempotent_and_audited(portal_env: dict[str, str]) -> None:
    assert cli(portal_env, "migrate").returncode == 0
    first = cli(portal_env, "load")
    second = cli(portal_env, "load")
    assert first.returncode == second.returncode == 0
    assert first.stdout.count("(published)") == 10  # 5 forms, 5 workflows
    assert second.stdout.count("(unchanged)") == 10
    verified = cli(portal_env, "audit", "verify")
    assert verified.returncode == 0
    # The web client installed by migrate, then 5 forms and 5 workflows created and published.
    assert "21 event(s) verified" in verified.stdout


def test_a_broken_definition_file_is_reported_and_not_loaded(
    portal_env: dict[str, str], tmp_path: Path
) -> None:
    assert cli(portal_env, "migrate").returncode == 0
    folder = tmp_path / "forms"
    folder.mkdir()
    definition = json.loads((REPO_ROOT / "forms" / "complaint-intake.json").read_text())
    definition["category"] = "gossip"
    (folder / "complaint-intake.json").write_text(json.dumps(definition))
    done = cli(portal_env, "load", "--forms-dir", str(folder))
    assert done.returncode == 1
    assert "/category: schema.enum" in done.stderr


def test_create_user_needs_a_customer_for_customer_users(portal_env: dict[str, str]) -> None:
    assert cli(portal_env, "migrate").returncode == 0
    ok = cli(portal_env, "create-user", "wang", "--role", "customer", "--customer", "ACME")
    assert ok.returncode == 0, ok.stderr
    again = cli(portal_env, "create-user", "wang", "--role", "auditor")
    assert again.returncode == 1
    assert "taken" in again.stderr
    with_password = cli(
        portal_env,
        "create-user",
        "li",
        "--role",
        "auditor",
        "--password-stdin",
        stdin="s3cret-pass\n",
    )
    assert with_password.returncode == 0


def test_a_submission_through_the_running_portal(server: str) -> None:
    token = httpx.post(f"{server}/dev/login", json={"username": "admin"}).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "zh-CN"}
    forms = httpx.post(
        f"{server}/graphql",
        json={
            "query": "{ forms(filter: {category: SURVEY}) { nodes { id key title latestVersion { number } } } }"
        },
        headers=headers,
    ).json()["data"]["forms"]["nodes"]
    assert forms == [
        {
            "id": forms[0]["id"],
            "key": "customer-satisfaction-survey",
            "title": forms[0]["title"],
            "latestVersion": {"number": 1},
        }
    ]
    assert "满意度" in forms[0]["title"]
    answers = json.loads(
        (REPO_ROOT / "forms" / "examples" / "customer-satisfaction-survey.json").read_text()
    )
    answers["nps"] = 3
    submitted = httpx.post(
        f"{server}/graphql",
        json={
            "query": """mutation($input: SubmitFormInput!) { submitForm(input: $input) {
                __typename ... on SubmissionAccepted { submission { id score { percent }
                findings { severity title } } } } }""",
            "variables": {"input": {"formId": forms[0]["id"], "answers": answers}},
        },
        headers=headers,
    ).json()["data"]["submitForm"]
    assert submitted["__typename"] == "SubmissionAccepted"
    assert [f["severity"] for f in submitted["submission"]["findings"]] == ["MEDIUM"]
    assert "贬损" in submitted["submission"]["findings"][0]["title"]
    listed = httpx.post(
        f"{server}/graphql",
        json={"query": "{ submissions(filter: {hasFindings: true}) { totalCount nodes { id } } }"},
        headers=headers,
    ).json()["data"]["submissions"]
    assert listed == {"totalCount": 1, "nodes": [{"id": submitted["submission"]["id"]}]}


async def test_a_real_worker_runs_a_queued_job_against_redis(portal_env: dict[str, str]) -> None:
    from arq import create_pool
    from arq.connections import RedisSettings

    assert cli(portal_env, "migrate").returncode == 0
    assert cli(portal_env, "load").returncode == 0
    queue = f"auditportal-test:{uuid.uuid4().hex}"
    env = {**portal_env, "AUDITPORTAL_REDIS_URL": REDIS_URL, "AUDITPORTAL_QUEUE_NAME": queue}
    redis = await create_pool(RedisSettings.from_dsn(REDIS_URL), default_queue_name=queue)
    try:
        job = await redis.enqueue_job("verify_audit_trail", _job_id=f"verify-{queue}")
        assert job is not None
        done = cli(env, "worker", "--burst")
        assert done.returncode == 0, done.stderr
        result = await job.result(timeout=30)
    finally:
        await redis.delete(queue)
        await redis.aclose()
    assert result == {"ok": True, "checked": 21, "firstBrokenId": None}


def test_worker_needs_redis(portal_env: dict[str, str]) -> None:
    done = cli(portal_env, "worker")
    assert done.returncode == 2
    assert "AUDITPORTAL_REDIS_URL" in done.stderr


def test_serve_port_flag_is_what_discovery_publishes(portal_env: dict[str, str]) -> None:
    port = free_port()
    # The setting says another port: the flag wins, for the socket and for the metadata.
    env = {**portal_env, "AUDITPORTAL_PORT": str(free_port())}
    assert cli(env, "migrate").returncode == 0
    process = subprocess.Popen(  # noqa: S603
        [*CLI, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(base, process):
            pytest.fail("server did not become ready")
        metadata = httpx.get(f"{base}/.well-known/openid-configuration").json()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert metadata["issuer"] == base
    endpoints = {k: v for k, v in metadata.items() if k == "jwks_uri" or k.endswith("_endpoint")}
    assert len(endpoints) >= 6
    assert all(url.startswith(f"{base}/") for url in endpoints.values()), endpoints

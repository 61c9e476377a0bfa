"""A real portal (uvicorn subprocess) for OAuth tests, and a browser-like form driver."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import httpx

from tests.conftest import BACKEND, REPO_ROOT, DatabaseFactory

# Requests to a real server process: a sign-in hashes a password, and with parallel test
# workers on a shared 2-core machine one can take longer than httpx's default 5 s.
SERVER_TIMEOUT = httpx.Timeout(60.0)

CLI = [sys.executable, "-m", "auditportal"]
PASSWORD = "correct-horse-battery"
WEB_CLIENT = "auditportal-web"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# A server start imports the whole portal; with parallel test workers on a shared 2-core
# machine that can take many seconds, so the wait is long and ends early when the process dies.
READY_SECONDS = 120.0


def wait_ready(base: str, process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> bool:
    """Poll ``/readyz`` until it answers 200; False if the server exits or never gets there."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    return False


def cli(
    env: dict[str, str], *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [*CLI, *args],
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


@dataclass
class Portal:
    base: str
    env: dict[str, str]
    secrets: dict[str, str] = field(default_factory=dict)

    @property
    def web_redirect(self) -> str:
        return f"{self.base}/callback"

    def cli(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return cli(self.env, *args, stdin=stdin)

    def create_user(self, username: str, role: str = "auditor", **extra: str) -> None:
        args = ["create-user", username, "--role", role, "--password-stdin"]
        for key, value in extra.items():
            args += [f"--{key.replace('_', '-')}", value]
        done = self.cli(*args, stdin=PASSWORD + "\n")
        assert done.returncode == 0, done.stderr

    def create_client(self, client_id: str, *args: str) -> str | None:
        done = self.cli("create-client", client_id, *args)
        assert done.returncode == 0, done.stderr
        match = re.search(r"^client_secret: (\S+)$", done.stdout, re.MULTILINE)
        if match:
            self.secrets[client_id] = match.group(1)
            return match.group(1)
        return None


async def portal_environment(
    data_dir: Path, databases: DatabaseFactory, **settings: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITPORTAL_")}
    env.update(
        {
            "AUDITPORTAL_ROOT_DIR": str(REPO_ROOT),
            "AUDITPORTAL_DATA_DIR": str(data_dir),
            "AUDITPORTAL_LOG_LEVEL": "WARNING",
            "AUDITPORTAL_DEFAULT_LANGUAGE": "en",
        }
    )
    env.update({f"AUDITPORTAL_{k.upper()}": v for k, v in settings.items()})
    if BACKEND == "postgres":
        env["AUDITPORTAL_DATABASE_URL"] = await databases.empty_url()
    return env


def run_portal(env: dict[str, str], port: int | None = None) -> Iterator[Portal]:
    """Migrate, then serve on a (free) port until the generator is closed."""
    port = port or free_port()
    env = {**env, "AUDITPORTAL_PORT": str(port)}
    done = cli(env, "migrate")
    assert done.returncode == 0, done.stderr
    process = subprocess.Popen(  # noqa: S603
        [*CLI, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_ready(base, process):
            process.terminate()
            output = process.communicate(timeout=10)[0]
            raise AssertionError(f"server did not become ready:\n{output}")
        yield Portal(base, env)
    finally:
        process.terminate()
        process.wait(timeout=10)


_INPUT = re.compile(r"<input\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def hidden_fields(html: str) -> list[tuple[str, str]]:
    """The hidden inputs of the page's form, in order."""
    fields: list[tuple[str, str]] = []
    for match in _INPUT.finditer(html):
        attrs = {k: unescape(v) for k, v in _ATTR.findall(match.group(1))}
        if attrs.get("type") == "hidden":
            fields.append((attrs["name"], attrs.get("value", "")))
    return fields


def error_text(html: str) -> str:
    match = re.search(r'<p class="error"[^>]*>(.*?)</p>', html, re.DOTALL)
    return unescape(match.group(1)) if match else ""


async def open_signin(browser: httpx.AsyncClient, url: str, **headers: str) -> httpx.Response:
    page = await browser.get(url, headers=headers)
    assert page.status_code == 200, page.text
    assert "<form" in page.text
    return page


async def submit_signin(
    browser: httpx.AsyncClient,
    page: httpx.Response,
    username: str,
    password: str = PASSWORD,
    **headers: str,
) -> httpx.Response:
    fields = [*hidden_fields(page.text), ("username", username), ("password", password)]
    return await browser.post(
        str(page.url.copy_with(query=None)), data=dict(fields), headers=headers
    )


async def sign_in(
    browser: httpx.AsyncClient, url: str, username: str, password: str = PASSWORD
) -> httpx.Response:
    """Open the authorization URL, fill in the sign-in form, return the answer."""
    page = await open_signin(browser, url)
    return await submit_signin(browser, page, username, password)


async def consent(
    browser: httpx.AsyncClient, page: httpx.Response, decision: str = "allow"
) -> httpx.Response:
    fields = [*hidden_fields(page.text), ("decision", decision)]
    return await browser.post(str(page.url.copy_with(query=None)), data=dict(fields))

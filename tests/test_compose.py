"""Static checks of the container setup: docker-compose.yml, Dockerfile, .dockerignore, nginx.

No Docker engine runs in CI, so `docker compose config` is replaced by validating the compose
file against the Compose Specification's JSON Schema (tests/data/compose-spec.json, vendored
from compose-spec/compose-spec, Apache-2.0) plus structural assertions about this deployment.
"""

from __future__ import annotations

import copy
import ipaddress
import itertools
import json
import re
import shlex
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from jsonschema import Draft7Validator
from jsonschema.validators import validator_for

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
SPEC_FILE = ROOT / "tests" / "data" / "compose-spec.json"

LONG_RUNNING = {"postgres", "redis", "api", "worker", "proxy"}
ONE_SHOT = {"migrate"}
APP_SERVICES = {"migrate", "api", "worker"}

# --------------------------------------------------------------------------------------------
# helpers


def load_compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def load_spec() -> dict[str, Any]:
    spec = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    assert isinstance(spec, dict)
    return spec


def spec_validator_class(schema: Mapping[str, Any]) -> type[Any]:
    """The validator class for the schema's own ``$schema``.

    The compose spec writes ``https://json-schema.org/draft-07/schema``, which jsonschema's
    lookup table keys as ``http://...schema#``; normalise the scheme before asking so that the
    lookup never silently falls back to the latest draft.
    """
    declared = str(schema.get("$schema", ""))
    candidates = [declared]
    if declared.startswith("https://json-schema.org/"):
        candidates.append("http://" + declared.removeprefix("https://"))
    for candidate in candidates:
        cls = validator_for({"$schema": candidate}, default=None)
        if cls is not None:
            return cls
    raise AssertionError(f"no jsonschema validator for $schema {declared!r}")


def compose_errors(document: Any) -> list[str]:
    spec = load_spec()
    cls = spec_validator_class(spec)
    cls.check_schema(spec)
    validator = cls(spec, format_checker=cls.FORMAT_CHECKER)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '<root>'}: {error.message}"
        for error in validator.iter_errors(document)
    ]


_INTERPOLATION = re.compile(
    r"\$\$"
    r"|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|\$(?P<bare>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<bad>\$)"
)


def interpolate(value: Any, env: Mapping[str, str]) -> Any:
    """Compose-style variable interpolation (``$$``, ``${V}``, ``${V:-d}``, ``${V-d}``, ...)."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        if match.group("bad"):
            raise ValueError(f"invalid interpolation in {value!r}")
        name = match.group("name") or match.group("bare")
        op, arg = match.group("op"), match.group("arg") or ""
        current = env.get(name)
        if op == ":-":
            return current if current else arg
        if op == "-":
            return arg if current is None else current
        if op in (":?", "?"):
            if current is None or (op == ":?" and not current):
                raise ValueError(f"required variable {name} is unset: {arg}")
            return current
        if op in (":+", "+"):
            return arg if current else ""
        return current or ""

    return _INTERPOLATION.sub(replace, value)


def services(compose: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    svc = compose.get("services")
    assert isinstance(svc, dict)
    return svc


def environment(service: Mapping[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) for item in env)
        return {p[0]: (p[1] if len(p) > 1 else "") for p in pairs}
    return {str(k): "" if v is None else str(v) for k, v in env.items()}


def depends_on(service: Mapping[str, Any]) -> dict[str, str]:
    """Dependency name -> condition (short syntax means service_started)."""
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def volume_mounts(service: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(source, target) of each mount, short or long syntax."""
    mounts = []
    for item in service.get("volumes") or []:
        if isinstance(item, str):
            parts = item.split(":")
            if len(parts) == 1:
                mounts.append(("", parts[0]))
            else:
                mounts.append((parts[0], parts[1]))
        else:
            mounts.append((str(item.get("source", "")), str(item["target"])))
    return mounts


def command_text(service: Mapping[str, Any]) -> str:
    cmd = service.get("command", "")
    return shlex.join(cmd) if isinstance(cmd, list) else str(cmd)


def walk_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from walk_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk_strings(v)


_SECRET_KEY = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|ENCRYPTION_KEY|_AUTH$")
_URL_PASSWORD = re.compile(r"[a-z][a-z0-9+.-]*://[^:/@\s]*:(?P<password>[^@\s]+)@", re.IGNORECASE)
_SECRET_FLAGS = {"--requirepass", "--password", "--pass", "-a"}


def secret_findings(compose: Mapping[str, Any]) -> list[str]:
    """Secrets written literally in the raw (uninterpolated) compose file."""
    findings = []
    for name, service in services(compose).items():
        for key, value in environment(service).items():
            if _SECRET_KEY.search(key.upper()) and value and "${" not in value:
                findings.append(f"{name}: environment {key} is hard-coded")
        for text in walk_strings(service):
            for match in _URL_PASSWORD.finditer(text):
                if "${" not in match.group("password"):
                    findings.append(f"{name}: URL with a literal password: {text}")
        cmd = service.get("command")
        args = cmd if isinstance(cmd, list) else shlex.split(cmd or "")
        for flag, value in itertools.pairwise(args):
            if flag in _SECRET_FLAGS and "${" not in value:
                findings.append(f"{name}: {flag} with a literal value")
    return findings


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    instructions: list[tuple[str, str]] = []
    buffer = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not buffer and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            buffer += line[:-1] + " "
            continue
        buffer += line
        keyword, _, rest = buffer.strip().partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        buffer = ""
    assert not buffer, "Dockerfile ends in a continuation line"
    return instructions


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (kw, _) in enumerate(instructions) if kw == "FROM")
    return instructions[last_from:]


def dockerfile_env(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for keyword, rest in stage:
        if keyword == "ENV":
            for token in shlex.split(rest):
                key, sep, value = token.partition("=")
                assert sep, f"ENV without '=': {rest}"
                env[key] = value
    return env


# --------------------------------------------------------------------------------------------
# the schema and the validator


def test_vendored_spec_is_draft07_and_resolves_to_its_validator() -> None:
    spec = load_spec()
    assert "draft-07" in spec["$schema"]
    cls = spec_validator_class(spec)
    assert cls is Draft7Validator
    cls.check_schema(spec)
    assert "services" in spec["properties"]


@pytest.mark.parametrize("stage", ["raw", "interpolated"])
def test_compose_file_is_valid_against_the_spec(stage: str) -> None:
    compose = load_compose()
    if stage == "interpolated":
        compose = interpolate(compose, {})
    errors = compose_errors(compose)
    assert errors == [], "\n".join(errors)


def _break_depends_on(c: dict[str, Any]) -> None:
    c["services"]["api"]["depends_on"]["migrate"]["condition"] = "service_finished"


def _break_restart(c: dict[str, Any]) -> None:
    c["services"]["migrate"]["restart"] = False  # what an unquoted `restart: no` loads as


def _break_service_key(c: dict[str, Any]) -> None:
    c["services"]["worker"]["replica"] = 2


def _break_replicas(c: dict[str, Any]) -> None:
    c["services"]["api"]["deploy"]["replicas"] = [2]


def _break_top_level(c: dict[str, Any]) -> None:
    c["service"] = c["services"]


@pytest.mark.parametrize(
    ("breakage", "where"),
    [
        (_break_depends_on, "services/api/depends_on"),
        (_break_restart, "services/migrate/restart"),
        (_break_service_key, "services/worker"),
        (_break_replicas, "services/api/deploy/replicas"),
        (_break_top_level, "<root>"),
    ],
)
def test_broken_compose_fails_validation(breakage: Any, where: str) -> None:
    broken = copy.deepcopy(load_compose())
    breakage(broken)
    errors = compose_errors(broken)
    assert errors, "the validator accepted a broken compose file"
    assert any(e.startswith(where) for e in errors), errors


# --------------------------------------------------------------------------------------------
# docker-compose.yml structure


def test_no_obsolete_version_key_and_expected_services() -> None:
    compose = load_compose()
    assert "version" not in compose
    assert set(services(compose)) == LONG_RUNNING | ONE_SHOT


def test_long_running_services_have_healthchecks() -> None:
    for name, service in services(load_compose()).items():
        restart = service.get("restart")
        if name in ONE_SHOT:
            assert restart == "no", f"{name} is one-shot: restart must be the string 'no'"
            continue
        assert restart in ("unless-stopped", "always", "on-failure"), name
        check = service.get("healthcheck")
        assert check, f"{name} has no healthcheck"
        assert not check.get("disable"), f"{name} disables its healthcheck"
        test = check.get("test")
        assert isinstance(test, list), f"{name}: use the CMD / CMD-SHELL list form"
        assert test[0] in ("CMD", "CMD-SHELL"), f"{name}: healthcheck test {test!r}"
        assert len(test) > 1, name


def test_dependencies_wait_on_checkable_conditions() -> None:
    svc = services(load_compose())
    for name, service in svc.items():
        for dep, condition in depends_on(service).items():
            assert dep in svc, f"{name} depends on unknown {dep}"
            if condition == "service_healthy":
                assert svc[dep].get("healthcheck"), f"{name} waits for {dep} healthy, no check"
                assert not svc[dep]["healthcheck"].get("disable"), dep
            if condition == "service_completed_successfully":
                assert dep in ONE_SHOT, f"{name} waits for long-running {dep} to complete"


@pytest.mark.parametrize("name", ["api", "worker"])
def test_api_and_worker_wait_for_migrations_and_backends(name: str) -> None:
    deps = depends_on(services(load_compose())[name])
    assert deps.get("migrate") == "service_completed_successfully"
    assert deps.get("redis") == "service_healthy"
    assert deps.get("postgres") == "service_healthy"


def test_migrate_migrates_then_loads_after_postgres() -> None:
    migrate = services(load_compose())["migrate"]
    text = command_text(migrate)
    assert re.search(r"auditportal migrate\s*&&\s*auditportal load", text), text
    assert depends_on(migrate).get("postgres") == "service_healthy"


def test_api_is_replicated_behind_the_proxy() -> None:
    compose = load_compose()
    svc = services(compose)
    api = svc["api"]
    assert int(api["deploy"]["replicas"]) >= 2
    assert "ports" not in api, "a host port on api clashes between replicas"
    assert "container_name" not in api
    assert "/readyz" in " ".join(api["healthcheck"]["test"])
    assert "auditportal serve" in command_text(api)

    proxy = svc["proxy"]
    ports = [interpolate(p, {}) for p in proxy["ports"]]
    assert any(str(p).endswith(":8000:8000") for p in ports), ports
    assert depends_on(proxy).get("api") == "service_healthy"
    mounts = dict((t, s) for s, t in volume_mounts(proxy))
    source = mounts.get("/etc/nginx/conf.d/default.conf", "")
    assert (ROOT / source).resolve() == NGINX_CONF.resolve()

    conf = NGINX_CONF.read_text(encoding="utf-8")
    assert re.search(r"^\s*listen\s+8000\s*;", conf, re.MULTILINE)
    assert re.search(r"^\s*server\s+api:8000\b[^;]*\bresolve\b", conf, re.MULTILINE)
    assert re.search(r"^\s*resolver\s+127\.0\.0\.11\b", conf, re.MULTILINE)
    assert "/proxy-healthz" in " ".join(proxy["healthcheck"]["test"])
    assert "location = /proxy-healthz" in conf


def test_worker_runs_the_worker_with_its_own_healthcheck() -> None:
    worker = services(load_compose())["worker"]
    assert command_text(worker) == "auditportal worker"
    assert int(worker["deploy"]["replicas"]) >= 1
    check = " ".join(worker["healthcheck"]["test"])
    assert "/healthz" not in check, "the worker serves no HTTP"
    assert "async_check_health" in check


def test_app_services_share_one_image_and_one_data_volume() -> None:
    compose = load_compose()
    svc = services(compose)
    images = {svc[name].get("image") for name in APP_SERVICES}
    assert len(images) == 1, images
    assert None not in images, "app services need one `image:` tag"
    app_image = images.pop()
    using_image = {n for n, s in svc.items() if s.get("image") == app_image or "build" in s}
    assert using_image == APP_SERVICES

    declared = set(compose.get("volumes") or {})
    sources = set()
    for name in APP_SERVICES:
        data_dir = environment(svc[name]).get("AUDITPORTAL_DATA_DIR")
        assert data_dir, f"{name} lacks AUDITPORTAL_DATA_DIR"
        matching = [src for src, target in volume_mounts(svc[name]) if target == data_dir]
        assert len(matching) == 1, f"{name} does not mount a volume at {data_dir}"
        assert matching[0] in declared, f"{name}: {matching[0]!r} is not a named volume"
        sources.add(matching[0])
    assert len(sources) == 1, f"app services use different data volumes: {sources}"

    stage_env = dockerfile_env(final_stage())
    assert stage_env.get("AUDITPORTAL_DATA_DIR") == environment(svc["api"])["AUDITPORTAL_DATA_DIR"]


def test_app_environment_is_production_shaped() -> None:
    svc = services(interpolate(load_compose(), {}))
    for name in APP_SERVICES:
        env = environment(svc[name])
        assert env.get("AUDITPORTAL_DEBUG", "").lower() in ("false", "0", "no"), name
        assert env["AUDITPORTAL_DATABASE_URL"].startswith("postgres://"), name
        assert env["AUDITPORTAL_REDIS_URL"].startswith("redis://"), name
        assert env.get("AUDITPORTAL_PUBLIC_URL", "").startswith("http"), name
        assert env.get("AUDITPORTAL_ROOT_DIR") == "/app", name


def test_no_hard_coded_secrets() -> None:
    assert secret_findings(load_compose()) == []


def test_secret_check_catches_literal_secrets() -> None:
    compose = copy.deepcopy(load_compose())
    svc = services(compose)
    svc["postgres"]["environment"]["POSTGRES_PASSWORD"] = "hunter2"
    svc["api"]["environment"]["AUDITPORTAL_DATABASE_URL"] = "postgres://a:hunter2@postgres/db"
    svc["redis"]["command"] = ["redis-server", "--requirepass", "hunter2"]
    assert len(secret_findings(compose)) == 3


def test_default_credentials_agree_between_services() -> None:
    # With nothing set, the interpolated defaults must let the app reach its backends.
    for env_overrides in ({}, {"POSTGRES_PASSWORD": "p1", "REDIS_PASSWORD": "r1"}):
        svc = services(interpolate(load_compose(), env_overrides))
        pg = environment(svc["postgres"])
        redis_cmd = svc["redis"]["command"]
        redis_password = redis_cmd[redis_cmd.index("--requirepass") + 1]
        assert environment(svc["redis"]).get("REDISCLI_AUTH") == redis_password
        for name in APP_SERVICES:
            env = environment(svc[name])
            db = urlsplit(env["AUDITPORTAL_DATABASE_URL"])
            assert (db.username, db.password) == (pg["POSTGRES_USER"], pg["POSTGRES_PASSWORD"])
            assert (db.hostname, db.port, db.path) == ("postgres", 5432, f"/{pg['POSTGRES_DB']}")
            rd = urlsplit(env["AUDITPORTAL_REDIS_URL"])
            assert (rd.hostname, rd.port, rd.password) == ("redis", 6379, redis_password)
        if env_overrides:
            assert pg["POSTGRES_PASSWORD"] == "p1"
            assert redis_password == "r1"


def test_interpolation_helper() -> None:
    env = {"SET": "x", "EMPTY": ""}
    assert interpolate("${SET:-d}/${EMPTY:-d}/${UNSET:-d}/${EMPTY-d}", env) == "x/d/d/"
    assert interpolate("$$HOME ${SET}", env) == "$HOME x"
    with pytest.raises(ValueError, match="required"):
        interpolate("${UNSET:?must be set}", env)


# --------------------------------------------------------------------------------------------
# Dockerfile and .dockerignore


def test_dockerfile_base_user_and_layout() -> None:
    instructions = dockerfile_instructions()
    args = {}
    for keyword, rest in instructions:
        if keyword == "ARG" and "=" in rest:
            key, _, value = rest.partition("=")
            args.setdefault(key, value)
    stage = final_stage()
    base = stage[0][1].split()[0]
    base = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), base)
    assert base == "python:3.11-slim-bookworm"

    users = [rest for kw, rest in stage if kw == "USER"]
    assert users, "the runtime stage runs as root"
    assert users[-1].split(":")[0] not in ("root", "0")

    workdirs = [rest for kw, rest in stage if kw == "WORKDIR"]
    assert workdirs[-1] == "/app"
    env = dockerfile_env(stage)
    assert env.get("AUDITPORTAL_ROOT_DIR") == "/app"
    copies = " ".join(rest for kw, rest in stage if kw == "COPY")
    assert "schema" in copies
    assert "forms" in copies

    build_steps = " ".join(rest for kw, rest in instructions if kw == "RUN")
    assert re.search(r"pip install (\S+ )*\.(\s|$)", build_steps), "the package is not installed"


def test_dockerfile_installs_weasyprint_libraries_only() -> None:
    runs = " ".join(rest for kw, rest in final_stage() if kw == "RUN")
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "libharfbuzz-subset0"):
        assert re.search(rf"(^|\s){re.escape(package)}(\s|$)", runs), package
    assert "fonts-noto-cjk" in runs or "fonts-wqy-microhei" in runs
    assert "poppler-utils" not in runs
    assert not re.search(r"(^|\s)curl(\s|$)", runs)
    assert "rm -rf /var/lib/apt/lists" in runs


def test_dockerfile_cmd_and_healthcheck() -> None:
    stage = final_stage()
    cmds = [rest for kw, rest in stage if kw == "CMD"]
    assert cmds, "no CMD"
    cmd = json.loads(cmds[-1])
    assert cmd[:2] == ["auditportal", "serve"], cmd
    assert ipaddress.ip_address(cmd[cmd.index("--host") + 1]).is_unspecified
    assert cmd[cmd.index("--port") + 1] == "8000"

    checks = [rest for kw, rest in stage if kw == "HEALTHCHECK"]
    assert len(checks) == 1
    options, _, command = checks[0].partition("CMD")
    assert "--interval=" in options
    probe = json.loads(command)
    assert probe[0] == "python", "slim has no curl: probe with Python"
    assert "/healthz" in probe[-1]
    compile(probe[-1], "<healthcheck>", "exec")  # the probe is valid Python

    assert ("EXPOSE", "8000") in stage


def test_compose_python_probes_compile() -> None:
    for name, service in services(load_compose()).items():
        test = (service.get("healthcheck") or {}).get("test") or []
        if len(test) >= 4 and test[1] == "python" and test[2] == "-c":
            compile(test[3], f"<{name} healthcheck>", "exec")


def test_dockerignore_keeps_the_context_small() -> None:
    patterns = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for required in (".git", ".venv", "var", "data", "node_modules", "**/__pycache__", ".env"):
        assert required in patterns, required
    for needed in ("server", "schema", "forms", "pyproject.toml", "README.md"):
        assert needed not in patterns, f"{needed} is needed by the build"


def test_evidence_storage_is_on_the_volume_every_app_service_shares() -> None:
    svc = services(load_compose())
    for name in APP_SERVICES:
        env = environment(svc[name])
        assert env.get("AUDITPORTAL_STORAGE_BACKEND") == "filesystem", name
        storage_dir = env["AUDITPORTAL_STORAGE_DIR"]
        data_dir = env["AUDITPORTAL_DATA_DIR"]
        assert storage_dir.startswith(data_dir.rstrip("/") + "/"), name
        assert any(target == data_dir for _, target in volume_mounts(svc[name])), name


def test_the_image_carries_the_web_build_the_api_serves() -> None:
    instructions = dockerfile_instructions()
    stages = [rest.split() for kw, rest in instructions if kw == "FROM"]
    web = next(
        i for i, (kw, rest) in enumerate(instructions) if kw == "FROM" and rest.split()[-1] == "web"
    )
    assert any(parts[-1] == "web" and parts[0].startswith("node:24") for parts in stages)
    web_stage = instructions[
        web : next(i for i in range(web + 1, len(instructions)) if instructions[i][0] == "FROM")
    ]
    runs = " ".join(rest for kw, rest in web_stage if kw == "RUN")
    assert "npm ci" in runs and "codegen:check" in runs and "vite build" in runs
    stage = final_stage()
    copies = [rest for kw, rest in stage if kw == "COPY"]
    assert any(c.startswith("--from=web ") and c.split()[-1] == "./web/dist" for c in copies), (
        copies
    )
    assert dockerfile_env(stage).get("AUDITPORTAL_WEB_DIST_DIR") == "/app/web/dist"


def test_proxy_sends_the_portal_and_the_api_to_the_replicas_compressed() -> None:
    conf = NGINX_CONF.read_text(encoding="utf-8")
    root = re.search(r"location / \{(.*?)\n    \}", conf, re.DOTALL)
    assert root, "no location / (the portal, /graphql, /oauth, /files, /reports)"
    assert "proxy_pass http://auditportal_api;" in root.group(1)
    assert re.search(r"^\s*gzip\s+on\s*;", conf, re.MULTILINE)
    assert re.search(r"^\s*gzip_proxied\s+any\s*;", conf, re.MULTILINE)
    types = re.search(r"^\s*gzip_types\s+([^;]+);", conf, re.MULTILINE)
    assert types and {"application/javascript", "text/css"} <= set(types.group(1).split())
    # Upgrade headers pass (GraphQL subscriptions over WebSocket).
    assert "proxy_set_header Upgrade $http_upgrade;" in root.group(1)

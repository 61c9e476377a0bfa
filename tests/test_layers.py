"""The layer rule covers every module: a new domain cannot be left out of the contract that
keeps domains from importing the API layer (checked by `make lint` with import-linter)."""

from __future__ import annotations

import pkgutil
import tomllib

import auditportal
from tests.conftest import REPO_ROOT

# The composition roots: they wire the API to the domains.
COMPOSITION = {
    "auditportal.api",
    "auditportal.app",
    "auditportal.asgi",
    "auditportal.cli",
    "auditportal.__main__",
    "auditportal.web",
}


def test_every_top_level_module_is_a_domain_or_a_composition_root() -> None:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    [contract] = config["tool"]["importlinter"]["contracts"]
    assert set(contract["forbidden_modules"]) >= {"auditportal.api", "strawberry"}
    domains = set(contract["source_modules"])
    modules = {f"auditportal.{info.name}" for info in pkgutil.iter_modules(auditportal.__path__)}
    assert modules - domains - COMPOSITION == set(), "add new modules to [tool.importlinter]"
    assert domains & COMPOSITION == set()
    assert domains <= modules, "the contract names modules that no longer exist"

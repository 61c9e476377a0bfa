"""`auditportal --help` stays fast: importing the CLI loads no ORM, GraphQL or PDF stack (issue 11).

Checked in a fresh interpreter by the modules it loaded, not by a time."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("tortoise", "strawberry", "weasyprint", "jsonschema", "starlette", "arq")


def test_importing_the_cli_loads_no_heavy_stack() -> None:
    probe = (
        "import json, sys; import auditportal.cli; "
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    loaded = set(json.loads(out))
    assert not loaded.intersection(HEAVY), sorted(loaded.intersection(HEAVY))


def test_help_builds_the_parser_without_the_heavy_stack() -> None:
    probe = (
        "import json, sys\n"
        "from auditportal.cli import build_parser\n"
        "build_parser().format_help()\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert not set(json.loads(out)).intersection(HEAVY)

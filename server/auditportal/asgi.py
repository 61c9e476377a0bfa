"""The ASGI application built from environment settings, for running under uvicorn directly.

`uvicorn --factory auditportal.asgi:application` builds it when uvicorn starts (each worker
process builds its own); `uvicorn auditportal.asgi:app` works too. Importing this module
builds nothing and reads no settings.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette

from auditportal.app import create_app
from auditportal.settings import Settings


def application() -> Starlette:
    return create_app(Settings())


def __getattr__(name: str) -> Any:
    if name == "app":
        return application()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

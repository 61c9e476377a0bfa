"""How ``node(id:)`` finds an object of one type: its permission and its loader.

Each API domain lists its ``Node`` types in a ``NODE_TYPES`` mapping; ``api.node`` merges
them. A loader reads through the same service (so the same permission, row scope and audit
of consultant reads) as the type's own root field and list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.relay import Node
from auditportal.auth.policy import Permission

NodeLoad = Callable[[Info[Context, Any], UUID], Awaitable[Node | None]]


@dataclass(frozen=True)
class NodeType:
    """``permission``: callers without it get null without the loader running."""

    permission: Permission
    load: NodeLoad

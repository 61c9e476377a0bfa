"""The customer register's Node types."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from strawberry.types import Info

from auditportal.api.context import Context
from auditportal.api.customers.types import CustomerNode
from auditportal.api.node_types import NodeType
from auditportal.auth.policy import Permission
from auditportal.customers import reads


async def _customer(info: Info[Context, Any], object_id: UUID) -> CustomerNode | None:
    found = await reads.customer(info.context.principal, customer_id=object_id)
    return CustomerNode(model=found) if found else None


NODE_TYPES = {"Customer": NodeType(Permission.CUSTOMERS_READ, _customer)}

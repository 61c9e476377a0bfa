"""Effects that belong to a step and need data beyond the case: the register, and tasks
whose owner and due date come from the answers.

``writeRegister`` (``{"type": "writeRegister", "record": "credit"}``): the subject
submission's credit assessment becomes the customer's credit record (grade, limit) and the
customer is reclassified, in the move's transaction; a tier change asks for a re-plan after
the commit. A form whose triggered workflow names this step no longer writes the register on
submit (``writes_register``): a rejected assessment then changes nothing.

``createTask``: one child case of a named workflow per item of an answer array (or one),
its assignee and due date read from the item (``owner``: a username or user id; ``due``: an
ISO date or date-time, end of that day in the deployment's time zone), its data the item.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from auditportal.auth.models import User
from auditportal.auth.principal import Principal, system_principal
from auditportal.customers import classification, credit
from auditportal.customers.models import Customer
from auditportal.rules import evaluate

REGISTER_RECORDS = ("credit",)


@dataclass
class AfterCommit:
    """What a move asks for once its transaction committed."""

    replan: set[UUID] = field(default_factory=set)

    async def run(self) -> None:
        if self.replan:
            await classification.request_replans(sorted(self.replan))


def actions_of(content: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every action of a definition: on state entries and on transitions."""
    for state in content.get("states", {}).values():
        yield from state.get("onEnter", [])
    for transition in content.get("transitions", []):
        yield from transition.get("actions", [])


def writes_register(content: dict[str, Any], record: str) -> bool:
    return any(
        action.get("type") == "writeRegister" and action.get("record") == record
        for action in actions_of(content)
    )


async def write_register(
    principal: Principal, action: dict[str, Any], submission: Any, after: AfterCommit
) -> None:
    """Call in the move's transaction."""
    if submission is None or submission.customer_id is None:
        return
    if action["record"] == "credit":
        await credit.record_from_submission(principal, submission, submission.answers)
        customer = await Customer.filter(id=submission.customer_id).select_for_update().first()
        if customer is not None and await classification.reclassify_in_transaction(
            system_principal("classification"), customer
        ):
            after.replan.add(customer.id)


@dataclass(frozen=True)
class TaskSpec:
    index: int
    item: Any
    owner_id: UUID | None
    due_at: datetime | None


def _read(item: Any, path: str | None, context: dict[str, Any]) -> Any:
    if not path:
        return None
    if path.startswith("item."):
        return evaluate({"var": path[5:]}, item).value if isinstance(item, dict) else None
    return evaluate({"var": path}, context).value


def _due(value: Any, timezone: ZoneInfo) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(23, 59, 59), timezone)
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone).astimezone(UTC)


async def _owner(value: Any) -> UUID | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        user = await User.get_or_none(id=UUID(value), is_active=True)
    except ValueError:
        user = await User.get_or_none(username=value, is_active=True)
    return user.id if user else None


async def task_specs(
    action: dict[str, Any], context: dict[str, Any], timezone: ZoneInfo
) -> list[TaskSpec]:
    """The tasks an action asks for: one per item of ``forEach`` (an answer array), or one."""
    source = action.get("forEach")
    items: list[Any] = [None]
    if source:
        found = evaluate({"var": source}, context).value
        items = list(found) if isinstance(found, list) else []
    return [
        TaskSpec(
            index,
            item,
            await _owner(_read(item, action.get("owner"), context)),
            _due(_read(item, action.get("due"), context), timezone),
        )
        for index, item in enumerate(items)
    ]


def due_from(path: str, submission: Any, instance: Any, timezone: ZoneInfo) -> datetime | None:
    """An SLA's due date read from the case (``sla.dueFrom``: answers.* or instance.*)."""
    context = {
        "answers": submission.answers if submission is not None else {},
        "instance": dict(instance.data or {}),
    }
    return _due(evaluate({"var": path}, context).value, timezone)

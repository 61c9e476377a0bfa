"""GraphQL of the workflow designer: lint a draft, simulate a case through it."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from auditportal.api.context import Context
from auditportal.api.errors import FieldError, ValidationFailed, field_error
from auditportal.api.workflows.types import refusal_message
from auditportal.workflows.design import Problem, Simulation, StepOutcome


@strawberry.type(description="One problem of a draft: an error the save refuses, or a warning.")
class WorkflowProblem:
    severity: str = strawberry.field(description="error or warning.")
    error: FieldError
    element: str | None = strawberry.field(
        description="The diagram element it belongs to: state:<name> or transition:<index>."
    )


def element_of(path: tuple[str | int, ...]) -> str | None:
    if len(path) >= 2 and path[0] == "states":
        return f"state:{path[1]}"
    if len(path) >= 2 and path[0] == "transitions":
        return f"transition:{path[1]}"
    return None


def problem(found: Problem, context: Context) -> WorkflowProblem:
    return WorkflowProblem(
        severity=found.severity,
        error=field_error(found.issue, context),
        element=element_of(found.issue.path),
    )


@strawberry.input(description="One step of a simulation: who tries which event.")
class SimulationStepInput:
    event: str
    role: str | None = strawberry.field(
        default=None, description="admin, manager, auditor or customer; null: the system."
    )
    person: str = strawberry.field(
        default="", description="A label; the same label is the same person (four eyes)."
    )
    submitter: bool = False
    assignee: bool = False
    account_auditor: bool = False
    input: JSON | None = None
    comment: str | None = None


@strawberry.type(description="What one simulated step did.")
class SimulatedStepResult:
    event: str
    from_state: str
    to_state: str
    allowed: bool
    reason: str | None
    message: str | None
    guard_message: str | None
    automatic: list[str] = strawberry.field(description="Events the system took after it.")


@strawberry.type(description="Where the simulated case ended, and each step.")
class WorkflowSimulation:
    initial_state: str
    state: str
    is_final: bool
    steps: list[SimulatedStepResult]


def simulated_step(outcome: StepOutcome, context: Context) -> SimulatedStepResult:
    message, guard = refusal_message(outcome.refusal, context) if outcome.refusal else (None, None)
    return SimulatedStepResult(
        event=outcome.event,
        from_state=outcome.from_state,
        to_state=outcome.to_state,
        allowed=outcome.refusal is None,
        reason=outcome.refusal.reason if outcome.refusal else None,
        message=message,
        guard_message=guard,
        automatic=list(outcome.automatic),
    )


def simulation(found: Simulation, context: Context) -> WorkflowSimulation:
    return WorkflowSimulation(
        initial_state=found.initial,
        state=found.state,
        is_final=found.final,
        steps=[simulated_step(step, context) for step in found.steps],
    )


def as_dict(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) else None


SimulateWorkflowResult = Annotated[
    WorkflowSimulation | ValidationFailed,
    strawberry.union("SimulateWorkflowResult"),
]

"""Inputs of the draft mutations."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON


@strawberry.input
class SaveDraftInput:
    form_version_id: strawberry.ID
    customer_id: strawberry.ID | None = strawberry.field(
        default=None, description="Customer users may leave it out: their own is used."
    )
    workflow_instance_id: strawberry.ID | None = strawberry.field(
        default=None, description="The case the answers are for (its customer is the target's)."
    )
    answers: JSON = strawberry.field(description="Answers so far; checked only on submit.")
    lock_version: int | None = strawberry.field(
        default=None,
        description="The lockVersion you loaded; leave it out only to create the draft.",
    )


@strawberry.input
class DiscardDraftInput:
    id: strawberry.ID

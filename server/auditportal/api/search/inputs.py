"""A condition on a declared search field, as filters of submissions and customers take it."""

from __future__ import annotations

import strawberry

from auditportal.search.index import Condition


@strawberry.input(
    description="A condition on a declared search field (a form's or the custom attributes "
    "form's `search` list); every part given must hold."
)
class SearchCondition:
    key: str = strawberry.field(description="The search field's name.")
    equals: str | None = strawberry.field(
        default=None, description="The value, as text (numbers as written: 3, 2.5; true/false)."
    )
    any_of: list[str] | None = strawberry.field(default=None, description="One of these values.")
    min: float | None = strawberry.field(default=None, description="A number at least this.")
    max: float | None = strawberry.field(default=None, description="A number at most this.")
    contains: str | None = strawberry.field(
        default=None, description="Text containing this, ignoring case."
    )

    def to_condition(self) -> Condition:
        return Condition(
            key=self.key,
            equals=self.equals,
            any_of=tuple(self.any_of) if self.any_of is not None else None,
            min=self.min,
            max=self.max,
            contains=self.contains,
        )


def conditions(given: list[SearchCondition] | None) -> tuple[Condition, ...]:
    return tuple(condition.to_condition() for condition in given or [])

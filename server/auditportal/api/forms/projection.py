"""What a submissions list reads, from what its rows select (issue 11): the JSON columns
(answers, findings, section scores) are read and decoded only when a selected field needs
them; a list that shows a title and a score never parses a submission's answers."""

from __future__ import annotations

from typing import Any

from auditportal.api.joins import Join, every_column
from auditportal.customers.models import Customer
from auditportal.forms.models import Form, FormVersion, Submission

# GraphQL field (with a sub-field where only that one needs it) -> the JSON column it reads.
_NEEDS: dict[str, tuple[str | None, str]] = {
    "answers": (None, "answers"),
    "references": (None, "answers"),
    "findings": (None, "findings"),
    "score": ("sections", "section_scores"),
}
DEFERRABLE = frozenset(column for _, column in _NEEDS.values())


def submission_columns(selected: dict[str, Any]) -> list[str] | None:
    """The columns to read for rows selecting ``selected`` (``loaders.selected_node_fields``);
    None (every column) when nothing can be left out."""
    wanted = set()
    for name, (sub, column) in _NEEDS.items():
        if name in selected and (sub is None or sub in selected[name]):
            wanted.add(column)
    if wanted == DEFERRABLE:
        return None
    return [
        name
        for name in Submission._meta.fields_db_projection
        if name not in DEFERRABLE or name in wanted
    ]


# What a submissions page joins when its rows select them: the columns the form, version and
# customer loaders read (a form without its draft, a version without its definition).
SUBMISSION_JOINS = (
    Join("form", "form", lambda loaders: loaders.form, every_column(Form, "draft")),
    Join(
        "formVersion",
        "form_version",
        lambda loaders: loaders.form_version,
        every_column(FormVersion, "definition"),
    ),
    Join("customer", "customer", lambda loaders: loaders.customer, every_column(Customer)),
)

"""The ``x-attachment`` keyword: which answers hold attachment ids, and what they accept.

A field marked ``"x-attachment": {"kind": "photo" | "file" | "signature", "accept": [...],
"maxFiles": n, "maxBytes": n}`` holds one attachment id (a string; ``maxFiles`` 1, the
default) or an array of them. Fields are found by the same paths as scoring and findings
(``forms.schema_walk``: property names, ``"*"`` for array items), so an upload names its
field by a JSON Pointer into the answers (``/site/photos`` or one of its items
``/site/photos/0``, ``/rooms/0/photo``) and the
check at submit finds the ids by that field's path.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from auditportal.errors import FieldIssue
from auditportal.evidence.models import AttachmentKind
from auditportal.evidence.sniff import SNIFFED_TYPES
from auditportal.forms.schema_walk import ANY_ITEM, FieldPath, SchemaField, walk_fields

KEYWORD = "x-attachment"
_IMAGE_KINDS = (AttachmentKind.PHOTO, AttachmentKind.SIGNATURE)


@dataclass(frozen=True)
class AttachmentSpec:
    path: FieldPath
    kind: AttachmentKind
    accept: tuple[str, ...]
    max_files: int
    max_bytes: int | None

    @property
    def key(self) -> str:
        return "/".join(self.path)

    @property
    def many(self) -> bool:
        return self.max_files > 1

    def accepts(self, content_type: str) -> bool:
        if not self.accept:
            return True
        family = content_type.split("/", 1)[0]
        return any(a == content_type or a == f"{family}/*" for a in self.accept)


def _spec(field: SchemaField) -> AttachmentSpec:
    mark = field.schema[KEYWORD]
    return AttachmentSpec(
        path=field.path,
        kind=AttachmentKind(mark["kind"]),
        accept=tuple(mark.get("accept") or ()),
        max_files=int(mark.get("maxFiles", 1)),
        max_bytes=mark.get("maxBytes"),
    )


def attachment_fields(schema: dict[str, Any]) -> list[AttachmentSpec]:
    return [_spec(f) for f in walk_fields(schema) if isinstance(f.schema.get(KEYWORD), dict)]


def field_for_pointer(schema: dict[str, Any], pointer: str) -> AttachmentSpec | None:
    """The attachment field an answer pointer names (array indexes stand for any item)."""
    text = pointer[1:] if pointer.startswith("/") else pointer
    if not text:
        return None
    parts = [p.replace("~1", "/").replace("~0", "~") for p in text.split("/")]
    for spec in attachment_fields(schema):
        if spec.many and len(parts) == len(spec.path) + 1 and parts[-1].isdigit():
            # One item of a multi-file field (/site/photos/0) names the field.
            parts = parts[:-1]
        if len(spec.path) == len(parts) and all(
            want == got or (want == ANY_ITEM and got.isdigit())
            for want, got in zip(spec.path, parts, strict=True)
        ):
            return spec
    return None


@dataclass(frozen=True)
class Reference:
    at: tuple[str | int, ...]  # where in the answers
    spec: AttachmentSpec
    value: Any
    attachment_id: UUID | None  # None: not an attachment id


def parse_reference(value: Any) -> UUID | None:
    """An attachment's global id (``Attachment.id``) or its plain UUID."""
    if not isinstance(value, str) or len(value) > 100:
        return None
    try:
        return UUID(value)
    except ValueError:
        pass
    try:
        padded = value + "=" * (-len(value) % 4)
        type_name, _, raw = base64.urlsafe_b64decode(padded.encode()).decode().partition(":")
        return UUID(raw) if type_name == "Attachment" else None
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def references(
    schema: dict[str, Any], answers: Any
) -> Iterator[tuple[AttachmentSpec, list[Reference], tuple[str | int, ...]]]:
    """Per attachment field present in the answers: its references and the answer's place."""
    from auditportal.forms.schema_walk import values_at

    for spec in attachment_fields(schema):
        for at, value in values_at(answers, spec.path):
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            refs = [
                Reference(
                    (*at, index) if isinstance(value, list) else at,
                    spec,
                    item,
                    parse_reference(item),
                )
                for index, item in enumerate(items)
            ]
            yield spec, refs, at


# --- save-time checks of a definition ------------------------------------------------------


def definition_issues(field: SchemaField) -> list[FieldIssue]:
    """What the meta-schema cannot say about one marked field."""
    mark = field.schema.get(KEYWORD)
    if not isinstance(mark, dict):
        return []
    at = (*field.schema_path, KEYWORD)
    schema = field.schema
    issues: list[FieldIssue] = []
    max_files = int(mark.get("maxFiles", 1))
    if max_files == 1:
        if schema.get("type") != "string":
            issues.append(FieldIssue((*field.schema_path, "type"), "definition.attachment_single"))
    else:
        items = schema.get("items")
        if schema.get("type") != "array" or not (
            isinstance(items, dict) and items.get("type") == "string"
        ):
            issues.append(FieldIssue((*field.schema_path, "type"), "definition.attachment_many"))
        elif isinstance(schema.get("maxItems"), int) and schema["maxItems"] > max_files:
            issues.append(
                FieldIssue(
                    (*field.schema_path, "maxItems"),
                    "definition.attachment_max_items",
                    {"limit": max_files},
                )
            )
    kind = mark.get("kind")
    for index, accepted in enumerate(mark.get("accept") or ()):
        family = accepted.split("/", 1)[0]
        if kind in _IMAGE_KINDS and family != "image":
            issues.append(
                FieldIssue(
                    (*at, "accept", index), "definition.attachment_not_image", {"type": accepted}
                )
            )
        elif accepted not in SNIFFED_TYPES and not (
            accepted.endswith("/*") and any(t.startswith(f"{family}/") for t in SNIFFED_TYPES)
        ):
            issues.append(
                FieldIssue(
                    (*at, "accept", index),
                    "definition.attachment_unknown_type",
                    {"type": accepted, "known": ", ".join(sorted(SNIFFED_TYPES))},
                )
            )
    return issues


def misplaced_issue(
    schema: Any, at: tuple[Any, ...], keywords: tuple[str, ...]
) -> FieldIssue | None:
    """x-attachment belongs on a named property (reached by properties/items only)."""
    if not isinstance(schema, dict) or KEYWORD not in schema:
        return None
    if (
        all(k in ("properties", "items") for k in keywords)
        and keywords
        and keywords[-1] == "properties"
    ):
        return None
    return FieldIssue((*at, KEYWORD), "definition.attachment_not_field")

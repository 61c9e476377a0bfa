"""Sensitive answers: encrypted before they reach the database, masked on the way out.

Each value becomes ``{"$enc": "v1.<key id>.<base64 nonce+ciphertext>"}`` sealed with
AES-256-GCM. The associated data binds it to its submission and its place in the answers
(or in the findings, which repeat answers), so a ciphertext copied into another row or
place fails to open. Where to seal is found by walking the schema with the answers
(``sensitive_locations``); submitted answers may not contain an envelope, so every
envelope in a stored document is one the server made, and opening needs no schema.
"""

from __future__ import annotations

import base64
import copy
import json
import secrets
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from referencing._core import Resolver
from referencing.jsonschema import DRAFT202012

from auditportal.forms.schema_walk import replace_at
from auditportal.keystore import FieldKeys
from auditportal.schema_language import patterns
from auditportal.schema_language.keywords import subschemas
from auditportal.schema_language.validator import local_registry

ENVELOPE = "$enc"
MASK = "******"


Location = tuple[str | int, ...]


# Whether a subschema's constraints hold for a value (the validator of the whole schema).
Applies = Callable[[Any, Any], bool]


def sensitive_locations(
    schema: Any,
    answers: Any,
    resolver: Resolver[Any] | None = None,
    applies: Applies | None = None,
) -> set[Location]:
    """The places in these answers that hold a sensitive value.

    A value is sensitive when any subschema that applies to it says ``x-sensitive: true``:
    reached through properties, patternProperties, additionalProperties, items,
    prefixItems, contains, $ref (also to resources embedded by $id), allOf/anyOf/oneOf,
    if/then/else or dependentSchemas. With ``applies``, a branch of anyOf/oneOf counts if
    the value satisfies it, ``then`` if ``if`` holds and ``else`` if not, as JSON Schema
    collects annotations; without it (or if no branch holds) every branch counts, so a
    value is never left in clear because a condition was read one way. (Definitions may
    not mark values under ``not``, ``propertyNames`` or ``contentSchema``: see
    ``auditportal.forms.definition``.)
    """
    found: set[Location] = set()
    if resolver is None:
        resolver = local_registry(schema).resolver()
    _Walk(resolver, applies, found).visit(schema, resolver, answers, ())
    return found


def has_sensitive_marks(schema: Any) -> bool:
    """Whether any subschema of the answers' schema marks a value sensitive."""
    return any(
        isinstance(sub.schema, dict) and sub.schema.get("x-sensitive") is True
        for sub in subschemas(schema)
    )


class _Walk:
    def __init__(self, root: Resolver[Any], applies: Applies | None, found: set[Location]):
        self.root = root
        self.applies = applies
        self.found = found
        self.seen: set[tuple[int, Location]] = set()

    def visit(self, schema: Any, resolver: Resolver[Any], value: Any, here: Location) -> None:
        if not isinstance(schema, dict) or is_envelope(value):
            return
        marker = (id(schema), here)
        if marker in self.seen:
            return  # a reference cycle that does not descend into the answers
        self.seen.add(marker)
        if isinstance(schema.get("$id"), str):
            resolver = resolver.in_subresource(DRAFT202012.create_resource(schema))
        if schema.get("x-sensitive") is True:
            self.found.add(here)
        for keyword in ("$ref", "$dynamicRef"):
            if isinstance(schema.get(keyword), str):
                resolved = resolver.lookup(schema[keyword])
                self.visit(resolved.contents, resolved.resolver, value, here)
        for sub in schema.get("allOf") or []:
            self.visit(sub, resolver, value, here)
        for keyword in ("anyOf", "oneOf"):
            for sub in self._holding(schema.get(keyword) or [], value):
                self.visit(sub, resolver, value, here)
        if "if" in schema:
            holds = self.applies is None or self.applies(schema["if"], value)
            if holds:
                self.visit(schema["if"], resolver, value, here)
                self.visit(schema.get("then"), resolver, value, here)
            if not holds or self.applies is None:
                self.visit(schema.get("else"), resolver, value, here)
        if isinstance(value, dict):
            for name, sub in (schema.get("dependentSchemas") or {}).items():
                if name in value:
                    self.visit(sub, resolver, value, here)
            self._properties(schema, resolver, value, here)
        elif isinstance(value, list):
            self._items(schema, resolver, value, here)

    def _holding(self, branches: list[Any], value: Any) -> list[Any]:
        if self.applies is None:
            return branches
        holding = [b for b in branches if self.applies(b, value)]
        return holding or branches

    def _properties(
        self, schema: dict[str, Any], resolver: Resolver[Any], value: dict[str, Any], here: Location
    ) -> None:
        properties = schema.get("properties") or {}
        pattern_properties = schema.get("patternProperties") or {}
        for name, item in value.items():
            at = (*here, name)
            covered = False
            if name in properties:
                covered = True
                self.visit(properties[name], resolver, item, at)
            for pattern, sub in pattern_properties.items():
                if patterns.search(pattern, name):
                    covered = True
                    self.visit(sub, resolver, item, at)
            if not covered:
                self.visit(schema.get("additionalProperties"), resolver, item, at)
            # What this schema leaves unevaluated may be evaluated elsewhere: seal if marked.
            self.visit(schema.get("unevaluatedProperties"), resolver, item, at)

    def _items(
        self, schema: dict[str, Any], resolver: Resolver[Any], value: list[Any], here: Location
    ) -> None:
        prefix = schema.get("prefixItems") or []
        for index, item in enumerate(value):
            at = (*here, index)
            if index < len(prefix):
                self.visit(prefix[index], resolver, item, at)
            else:
                self.visit(schema.get("items"), resolver, item, at)
            if "contains" in schema and (
                self.applies is None or self.applies(schema["contains"], item)
            ):
                self.visit(schema["contains"], resolver, item, at)
            self.visit(schema.get("unevaluatedItems"), resolver, item, at)


def _aad(record_id: str, path: tuple[str | int, ...]) -> bytes:
    return json.dumps([record_id, list(path)], separators=(",", ":")).encode()


def seal(answers: Any, locations: set[Location], keys: FieldKeys, record_id: str) -> Any:
    """A copy of the answers with the value at each sensitive location encrypted."""
    if not locations:
        return answers
    sealed = copy.deepcopy(answers)
    # Deepest first is not needed (sensitive values are leaves), but sorted keeps it stable.
    for location in sorted(locations, key=lambda loc: [str(p) for p in loc]):
        if not location:
            continue  # the root is an object of sections, never a sensitive leaf
        value = _value_at(sealed, location)
        if value is not _ABSENT and not is_envelope(value):
            replace_at(sealed, location, seal_value(value, keys, record_id, location))
    return sealed


_ABSENT = object()


def _value_at(document: Any, location: Location) -> Any:
    node = document
    for part in location:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part, _ABSENT)
        elif isinstance(node, list) and isinstance(part, int):
            node = node[part] if part < len(node) else _ABSENT
        else:
            return _ABSENT
        if node is _ABSENT:
            return _ABSENT
    return node


def reserved_envelopes(answers: Any, here: Location = ()) -> list[Location]:
    """Places where submitted answers look like our envelopes: refused, so that every
    envelope in a stored document is one the server sealed."""
    if is_envelope(answers) or (isinstance(answers, dict) and ENVELOPE in answers):
        return [here]
    found: list[Location] = []
    if isinstance(answers, dict):
        for name, value in answers.items():
            found.extend(reserved_envelopes(value, (*here, name)))
    elif isinstance(answers, list):
        for index, value in enumerate(answers):
            found.extend(reserved_envelopes(value, (*here, index)))
    return found


def seal_value(
    value: Any, keys: FieldKeys, record_id: str, location: tuple[str | int, ...]
) -> dict[str, str]:
    """One value as an envelope bound to its record and its place in that record."""
    nonce = secrets.token_bytes(12)
    plaintext = json.dumps(value).encode()
    blob = nonce + AESGCM(keys.keys[keys.active]).encrypt(
        nonce, plaintext, _aad(record_id, location)
    )
    return {ENVELOPE: f"v1.{keys.active}.{base64.urlsafe_b64encode(blob).decode()}"}


def is_envelope(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {ENVELOPE} and isinstance(value[ENVELOPE], str)


# Findings repeat the answer that raised them; a sensitive one is sealed in the finding too,
# bound to the finding's place (a place no answer path can take: answers are under their
# own document).
_FINDINGS = "#findings"


def seal_findings(
    findings: list[dict[str, Any]],
    sensitive: set[Location],
    keys: FieldKeys,
    record_id: str,
) -> list[dict[str, Any]]:
    """Findings with the answer of each finding on a sensitive value sealed."""
    sealed = []
    for index, finding in enumerate(findings):
        if tuple(finding["path"]) in sensitive and not is_envelope(finding.get("answer")):
            location = (_FINDINGS, index, "answer")
            answer = seal_value(finding["answer"], keys, record_id, location)
            finding = {**finding, "answer": answer}
        sealed.append(finding)
    return sealed


def unseal_findings(
    findings: list[dict[str, Any]], keys: FieldKeys, record_id: str, *, reveal: bool
) -> list[dict[str, Any]]:
    """Stored findings with sealed answers opened, or masked if not ``reveal``."""
    opened = []
    for index, finding in enumerate(findings):
        answer = finding.get("answer")
        if isinstance(answer, dict) and is_envelope(answer):
            location = (_FINDINGS, index, "answer")
            finding = {
                **finding,
                "answer": _open(answer[ENVELOPE], keys, record_id, location) if reveal else MASK,
            }
        opened.append(finding)
    return opened


def unseal(answers: Any, keys: FieldKeys, record_id: str, *, reveal: bool) -> Any:
    """A copy of stored answers with every envelope opened, or masked if not ``reveal``."""
    return _unseal(answers, keys, record_id, (), reveal)


def _unseal(node: Any, keys: FieldKeys, record_id: str, here: Location, reveal: bool) -> Any:
    if is_envelope(node):
        return _open(node[ENVELOPE], keys, record_id, here) if reveal else MASK
    if isinstance(node, dict):
        return {
            name: _unseal(v, keys, record_id, (*here, name), reveal) for name, v in node.items()
        }
    if isinstance(node, list):
        return [_unseal(v, keys, record_id, (*here, i), reveal) for i, v in enumerate(node)]
    return node


def _open(token: str, keys: FieldKeys, record_id: str, path: tuple[str | int, ...]) -> Any:
    _version, key_id, encoded = token.split(".", 2)
    blob = base64.urlsafe_b64decode(encoded)
    plaintext = AESGCM(keys.keys[key_id]).decrypt(blob[:12], blob[12:], _aad(record_id, path))
    return json.loads(plaintext)

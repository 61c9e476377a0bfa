"""Sensitive answers: encrypted before they reach the database, masked on the way out.

Each value becomes ``{"$enc": "v1.<key id>.<base64 nonce+ciphertext>"}`` sealed with
AES-256-GCM. The associated data binds it to its submission and field path, so a
ciphertext copied into another row or field fails to open.
"""

from __future__ import annotations

import base64
import copy
import json
import secrets
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from auditportal.forms.schema_walk import FieldPath, replace_at, values_at, walk_fields
from auditportal.keystore import FieldKeys

ENVELOPE = "$enc"
MASK = "******"


def sensitive_paths(schema: dict[str, Any]) -> tuple[FieldPath, ...]:
    return tuple(f.path for f in walk_fields(schema) if f.schema.get("x-sensitive") is True)


def _aad(record_id: str, path: tuple[str | int, ...]) -> bytes:
    return json.dumps([record_id, list(path)], separators=(",", ":")).encode()


def seal(answers: Any, paths: tuple[FieldPath, ...], keys: FieldKeys, record_id: str) -> Any:
    """A copy of the answers with every sensitive value encrypted."""
    if not paths:
        return answers
    sealed = copy.deepcopy(answers)
    for path in paths:
        for concrete, value in list(values_at(sealed, path)):
            replace_at(sealed, concrete, seal_value(value, keys, record_id, concrete))
    return sealed


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
    sensitive: Callable[[tuple[str | int, ...]], bool],
    keys: FieldKeys,
    record_id: str,
) -> list[dict[str, Any]]:
    """Findings with the answer of each finding on a sensitive value sealed."""
    sealed = []
    for index, finding in enumerate(findings):
        if sensitive(tuple(finding["path"])) and not is_envelope(finding.get("answer")):
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


def unseal(
    answers: Any,
    paths: tuple[FieldPath, ...],
    keys: FieldKeys,
    record_id: str,
    *,
    reveal: bool,
) -> Any:
    """A copy of stored answers with sensitive values decrypted, or masked if not ``reveal``."""
    if not paths:
        return answers
    opened = copy.deepcopy(answers)
    for path in paths:
        for concrete, value in list(values_at(opened, path)):
            if not (isinstance(value, dict) and ENVELOPE in value):
                continue
            replace_at(
                opened,
                concrete,
                _open(value[ENVELOPE], keys, record_id, concrete) if reveal else MASK,
            )
    return opened


def _open(token: str, keys: FieldKeys, record_id: str, path: tuple[str | int, ...]) -> Any:
    _version, key_id, encoded = token.split(".", 2)
    blob = base64.urlsafe_b64decode(encoded)
    plaintext = AESGCM(keys.keys[key_id]).decrypt(blob[:12], blob[12:], _aad(record_id, path))
    return json.loads(plaintext)

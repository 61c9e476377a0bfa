"""What an idempotency key promised, stored so that nobody can guess the answers from it.

A plain SHA-256 over the answers next to their sealed values lets anyone who reads the row
confirm guesses offline (an 18-digit ID number falls in about 1,400 tries). The hash is an
HMAC under a key derived from the field-encryption keys, so it is kept where they are and
rotates with them: any key still held verifies, the active one signs.

Rows written before the HMAC carry the plain SHA-256; a replay still matches them, and
``auditportal.forms.jobs`` rewrites them when it seals a form's submissions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auditportal.keystore import FieldKeys

_INFO = b"auditportal submission request hash v1"


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode()


def _hash_key(field_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(field_key)


def _keyed(payload: bytes, field_key: bytes) -> str:
    return hmac.new(_hash_key(field_key), payload, hashlib.sha256).hexdigest()


def request_hash(payload: dict[str, Any], keys: FieldKeys) -> str:
    return _keyed(_canonical(payload), keys.keys[keys.active])


def legacy_hash(payload: dict[str, Any]) -> str:
    """The unkeyed SHA-256 of rows written before the HMAC."""
    return hashlib.sha256(_canonical(payload)).hexdigest()


def matches(stored: str, payload: dict[str, Any], keys: FieldKeys) -> bool:
    canonical = _canonical(payload)
    candidates = [_keyed(canonical, key) for key in keys.keys.values()]
    candidates.append(hashlib.sha256(canonical).hexdigest())
    # Compare with every candidate, so the time taken says nothing about which one matched.
    results = [hmac.compare_digest(stored, candidate) for candidate in candidates]
    return any(results)


def is_legacy(stored: str, payload: dict[str, Any]) -> bool:
    return hmac.compare_digest(stored, legacy_hash(payload))

"""Keys generated into the data folder on first run, readable by the owner only.

Deployments that run several replicas give the same keys to all of them, either through a
shared data folder or through settings.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from auditportal.settings import Settings

FIELD_KEYS_FILE = "field-encryption-keys.json"
AUDIT_CHAIN_KEY_FILE = "audit-chain-key.json"


@dataclass(frozen=True)
class ChainKey:
    """The audit chain's HMAC key: whoever edits the database without it cannot recompute
    the hashes after a changed row, nor sign a checkpoint."""

    key_id: str
    secret: bytes


@dataclass(frozen=True)
class FieldKeys:
    """AES-256-GCM keys by key id; ``active`` encrypts, all of them decrypt."""

    active: str
    keys: dict[str, bytes]


# Keys as loaded, by where they came from (the setting's value or the key file's path):
# read once per process, not once per submission.
_LOADED: dict[str, FieldKeys] = {}


def _write_private(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


def field_keys(settings: Settings) -> FieldKeys:
    """The deployment's field keys, loaded (and generated on first run) once per process."""
    secret = settings.field_encryption_keys
    source = secret.get_secret_value() if secret is not None else str(settings.data_dir.resolve())
    keys = _LOADED.get(source)
    if keys is None:
        keys = _LOADED[source] = load_field_keys(settings)
    return keys


def load_field_keys(settings: Settings) -> FieldKeys:
    if settings.field_encryption_keys is not None:
        return _parse_key_setting(settings.field_encryption_keys.get_secret_value())
    path = settings.ensure_data_dir() / "keys" / FIELD_KEYS_FILE
    if not path.exists():
        key_id = f"k{secrets.token_hex(4)}"
        document = {
            "active": key_id,
            "keys": {key_id: base64.b64encode(secrets.token_bytes(32)).decode()},
        }
        # Another process may have created it first: then use theirs.
        with contextlib.suppress(FileExistsError):
            _write_private(path, json.dumps(document).encode())
        path.parent.chmod(0o700)
    document = json.loads(path.read_text())
    return FieldKeys(
        active=document["active"],
        keys={kid: base64.b64decode(key) for kid, key in document["keys"].items()},
    )


def _parse_key_setting(value: str) -> FieldKeys:
    keys: dict[str, bytes] = {}
    for entry in value.split(","):
        key_id, _, encoded = entry.strip().partition(":")
        key = base64.b64decode(encoded)
        if not key_id or len(key) != 32:
            raise ValueError("AUDITPORTAL_FIELD_ENCRYPTION_KEYS must be 'kid:base64(32 bytes),...'")
        keys[key_id] = key
    return FieldKeys(active=next(iter(keys)), keys=keys)


def load_audit_chain_key(settings: Settings) -> ChainKey:
    """The audit chain key: the setting, else the key file (generated on first run)."""
    if settings.audit_chain_key is not None:
        key_id, _, encoded = settings.audit_chain_key.get_secret_value().strip().partition(":")
        secret = base64.b64decode(encoded)
        if not key_id or len(key_id) > 16 or len(secret) != 32:
            raise ValueError("AUDITPORTAL_AUDIT_CHAIN_KEY must be 'kid:base64(32 bytes)'")
        return ChainKey(key_id, secret)
    path = settings.ensure_data_dir() / "keys" / AUDIT_CHAIN_KEY_FILE
    if not path.exists():
        document = {
            "kid": f"a{secrets.token_hex(4)}",
            "key": base64.b64encode(secrets.token_bytes(32)).decode(),
        }
        with contextlib.suppress(FileExistsError):
            _write_private(path, json.dumps(document).encode())
        path.parent.chmod(0o700)
    document = json.loads(path.read_text())
    return ChainKey(document["kid"], base64.b64decode(document["key"]))

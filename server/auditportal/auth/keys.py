"""Token-signing keys: ES256, generated into the data folder on first run, rotatable.

The active key is ``keys/signing-key.jwk.json``; its key id is the RFC 7638 thumbprint.
``rotate_signing_key`` moves it to ``keys/retired/<kid>.jwk.json`` (stamped with the time it
was retired) and generates a new one. Retired public keys stay in the JWKS, and keep
verifying tokens, until every token they signed has expired (the longest token lifetime after
retirement). Files are re-read when they change, so a running server picks up a rotation done
by `auditportal keys rotate` without a restart.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from joserfc.jwk import ECKey, KeySet

from auditportal.settings import Settings

SIGNING_KEY_FILE = "signing-key.jwk.json"
RETIRED_DIR = "retired"


def _keys_dir(settings: Settings) -> Path:
    return settings.ensure_data_dir() / "keys"


def _key_path(settings: Settings) -> Path:
    return _keys_dir(settings) / SIGNING_KEY_FILE


def _new_key_document() -> dict[str, Any]:
    key = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig"}, private=True)
    return {**key.as_dict(private=True), "kid": key.thumbprint()}


def _write_exclusive(path: Path, document: dict[str, Any]) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False  # another process won the race; use its key
    with os.fdopen(descriptor, "w") as handle:
        json.dump(document, handle)
    return True


def load_signing_key(settings: Settings) -> ECKey:
    path = _key_path(settings)
    if not path.exists():
        _write_exclusive(path, _new_key_document())
    return ECKey.import_key(json.loads(path.read_text()))


def rotate_signing_key(settings: Settings) -> tuple[str, str]:
    """Retire the active key and make a new one; returns (retired kid, new kid)."""
    old = load_signing_key(settings)
    retired_dir = _keys_dir(settings) / RETIRED_DIR
    document = {"key": old.as_dict(private=False), "retired_at": int(time.time())}
    target = retired_dir / f"{old.kid}.jwk.json"
    if not target.exists():
        _write_exclusive(target, document)
    fresh = _new_key_document()
    path = _key_path(settings)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(fresh, handle)
    os.replace(temporary, path)  # atomic: readers see the old or the new key, never half
    return str(old.kid), str(fresh["kid"])


def _token_lifetime(settings: Settings) -> int:
    return max(settings.access_token_ttl_seconds, settings.id_token_ttl_seconds)


@dataclass
class _Cache:
    stamp: tuple[Any, ...] = ()
    active: ECKey | None = None
    public: KeySet | None = None


_cache = _Cache()


def _stamp(settings: Settings) -> tuple[Any, ...]:
    keys_dir = _keys_dir(settings)
    active = keys_dir / SIGNING_KEY_FILE
    retired = keys_dir / RETIRED_DIR
    retired_files = sorted(retired.glob("*.jwk.json")) if retired.exists() else []
    # Whole minutes: retired keys also drop out as time passes, not only when files change.
    return (
        str(keys_dir),
        active.stat().st_mtime_ns if active.exists() else 0,
        tuple((p.name, p.stat().st_mtime_ns) for p in retired_files),
        int(time.time()) // 60,
    )


def _refresh(settings: Settings) -> _Cache:
    stamp = _stamp(settings)
    if stamp == _cache.stamp and _cache.active is not None:
        return _cache
    active = load_signing_key(settings)
    public: list[Any] = [ECKey.import_key(active.as_dict(private=False))]
    retired = _keys_dir(settings) / RETIRED_DIR
    now = time.time()
    if retired.exists():
        for path in sorted(retired.glob("*.jwk.json")):
            document = json.loads(path.read_text())
            if document["retired_at"] + _token_lifetime(settings) > now:
                key = ECKey.import_key(document["key"])
                if key.kid != active.kid:
                    public.append(key)
    _cache.stamp = _stamp(settings)
    _cache.active = active
    _cache.public = KeySet(public)
    return _cache


def signing_key(settings: Settings) -> ECKey:
    """The active private key (re-read when `auditportal keys rotate` replaced it)."""
    active = _refresh(settings).active
    assert active is not None
    return active


def verification_keys(settings: Settings) -> KeySet:
    """Public keys that unexpired tokens may be signed with: the active and recent retired ones."""
    public = _refresh(settings).public
    assert public is not None
    return public


def jwks_document(settings: Settings) -> dict[str, Any]:
    """The public JWKS served at /oauth/jwks."""
    return {
        "keys": [
            {**key.as_dict(private=False), "kid": key.kid, "alg": "ES256", "use": "sig"}
            for key in verification_keys(settings).keys
        ]
    }

"""The token-signing key: ES256, generated into the data folder on first run.

Its key id is the RFC 7638 thumbprint. Rotation (keeping retired public keys in the JWKS
until their tokens expire) arrives with the authorization server.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from joserfc.jwk import ECKey, KeySet

from auditportal.settings import Settings, get_settings

SIGNING_KEY_FILE = "signing-key.jwk.json"


def _key_path(settings: Settings) -> Path:
    return settings.ensure_data_dir() / "keys" / SIGNING_KEY_FILE


def load_signing_key(settings: Settings) -> ECKey:
    path = _key_path(settings)
    if not path.exists():
        key = ECKey.generate_key("P-256", parameters={"alg": "ES256", "use": "sig"}, private=True)
        document = {**key.as_dict(private=True), "kid": key.thumbprint()}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.parent.chmod(0o700)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                json.dump(document, handle)
        except FileExistsError:
            pass  # another process won the race; use its key
    return ECKey.import_key(json.loads(path.read_text()))


@lru_cache(maxsize=1)
def signing_key() -> ECKey:
    return load_signing_key(get_settings())


def verification_keys() -> KeySet:
    """Public keys that access tokens may be signed with."""
    return KeySet([ECKey.import_key(signing_key().as_dict(private=False))])

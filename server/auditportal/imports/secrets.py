"""CRM secrets sealed at rest with the field-encryption keys (AES-256-GCM, key ids).

Same envelope as sensitive form answers (``v1.<key id>.<base64 nonce+ciphertext>``); the
associated data binds a secret to its connection and name, so a sealed value copied to
another connection or slot does not open. Secrets are never logged nor returned by the API.
"""

from __future__ import annotations

import base64
import secrets as random

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from auditportal.keystore import FieldKeys


def _aad(connection_id: object, name: str) -> bytes:
    return f"crm-secret:{connection_id}:{name}".encode()


def seal(value: str, connection_id: object, name: str, keys: FieldKeys) -> str:
    nonce = random.token_bytes(12)
    blob = nonce + AESGCM(keys.keys[keys.active]).encrypt(
        nonce, value.encode(), _aad(connection_id, name)
    )
    return f"v1.{keys.active}.{base64.urlsafe_b64encode(blob).decode()}"


def unseal(token: str, connection_id: object, name: str, keys: FieldKeys) -> str:
    _version, key_id, encoded = token.split(".", 2)
    blob = base64.urlsafe_b64decode(encoded)
    return (
        AESGCM(keys.keys[key_id]).decrypt(blob[:12], blob[12:], _aad(connection_id, name)).decode()
    )

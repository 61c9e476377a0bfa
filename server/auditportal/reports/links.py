"""Signed, short-lived download links: ``/reports/<id>?by=<user>&expires=<unix>&signature=``.

The signature is an HMAC-SHA256 over the report, the person the link was made for and the
expiry, keyed by a secret generated once in the data folder (owner-only). A link is made
only for a caller who may read the report (the read is audited then); whoever holds it may
download until it expires, a few minutes later.
"""

from __future__ import annotations

import hmac
import secrets
import time
from hashlib import sha256
from urllib.parse import urlencode
from uuid import UUID

from auditportal.settings import Settings

LINK_SECONDS = 300


def _key(settings: Settings) -> bytes:
    path = settings.ensure_data_dir() / "report-links.key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def _signature(settings: Settings, report_id: UUID, by: str, expires: int) -> str:
    message = f"{report_id}:{by}:{expires}".encode()
    return hmac.new(_key(settings), message, sha256).hexdigest()


def signed_query(settings: Settings, report_id: UUID, by: str, *, now: float | None = None) -> str:
    expires = int((now if now is not None else time.time()) + LINK_SECONDS)
    signature = _signature(settings, report_id, by, expires)
    return urlencode({"by": by, "expires": expires, "signature": signature})


def check(settings: Settings, report_id: UUID, by: str, expires: str, signature: str) -> bool:
    try:
        until = int(expires)
    except ValueError:
        return False
    if until < time.time():
        return False
    expected = _signature(settings, report_id, by, until)
    return hmac.compare_digest(expected, signature)

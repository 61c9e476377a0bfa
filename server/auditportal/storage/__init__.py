"""One port for stored files (evidence today; imports and reports may follow).

``Storage`` is the interface; ``storage_for(settings)`` gives the configured one. Keys are
relative, slash-separated names chosen by the caller (``attachments/<id>``); content is
addressed by key and described by its size and SHA-256.
"""

from auditportal.storage.base import (
    InvalidKey,
    NotStored,
    Storage,
    StoredObject,
    TooLarge,
    check_key,
    single,
)
from auditportal.storage.factory import storage_for

__all__ = [
    "InvalidKey",
    "NotStored",
    "Storage",
    "StoredObject",
    "TooLarge",
    "check_key",
    "single",
    "storage_for",
]

"""Shared by definition languages (forms, workflows): meta-schema validators and hashes."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from auditportal.schema_language.formats import FORMAT_CHECKER


@lru_cache(maxsize=8)
def meta_validator(meta_schema_path: Path) -> Draft202012Validator:
    """The validator of a meta-schema in schema/, checked and built once per process."""
    meta_schema = json.loads(meta_schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(meta_schema)
    return Draft202012Validator(meta_schema, format_checker=FORMAT_CHECKER)


def canonical_hash(document: Any) -> str:
    """SHA-256 of the document's canonical JSON: equal content, equal hash."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

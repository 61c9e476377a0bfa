"""Reading a GraphQL request body: strict JSON, and multipart uploads checked before use.

Everything a client sends is checked here, before Strawberry or graphql-core see it, and
refused with a ``BadRequest`` that the view renders as a translated 4xx: a body that is not
UTF-8, not JSON, not an object; numbers JSON cannot carry exactly (over 4,300 digits, which
``int()`` refuses, or ``1e400``, which ``float()`` turns into infinity; ``NaN`` and
``Infinity`` are not JSON at all); nesting deeper than any real request needs (a deep array
would otherwise reach the recursion limit in a decoder or a coercion later); a multipart
``map`` that is not an object of paths into ``variables``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

# Deeper than any variables a form or an import sends (answers nest a few levels), far
# below the interpreter's recursion limit.
MAX_JSON_DEPTH = 64
# A JSON integer longer than this is refused; Python's int() refuses over 4,300 digits,
# and no field of ours takes a number beyond a Decimal's 38 digits anyway.
MAX_INTEGER_DIGITS = 100


class BadRequest(Exception):
    """A request refused before execution: an HTTP status, an i18n key and its params."""

    def __init__(self, key: str, status: int = 400, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.status = status
        self.params = params


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise BadRequest("error.request_number_too_long", limit=MAX_INTEGER_DIGITS)
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadRequest("error.request_number_out_of_range")
    return value


def _constant(text: str) -> Any:
    # NaN, Infinity and -Infinity: Python's json accepts them, JSON does not.
    raise BadRequest("error.request_number_out_of_range")


def _check_depth(value: object) -> None:
    """Refuse nesting deeper than MAX_JSON_DEPTH, walking without recursion."""
    pending: list[tuple[object, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children: Any
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > MAX_JSON_DEPTH:
            raise BadRequest("error.request_too_deep", limit=MAX_JSON_DEPTH)
        pending.extend((child, depth + 1) for child in children)


def decode_json(data: str | bytes) -> object:
    """Strict JSON from UTF-8 bytes (json.loads would also guess UTF-16 and UTF-32)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadRequest("error.request_not_utf8") from error
    try:
        value = json.loads(data, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except RecursionError as error:
        raise BadRequest("error.request_too_deep", limit=MAX_JSON_DEPTH) from error
    except json.JSONDecodeError as error:
        raise BadRequest("error.request_not_json") from error
    _check_depth(value)
    return value


def request_object(data: object) -> dict[str, Any]:
    """The one operation of a request: a JSON object (batches are not enabled)."""
    if not isinstance(data, dict):
        raise BadRequest("error.request_not_object")
    return data


def _text_field(form: Mapping[str, Any], name: str, default: str) -> str:
    value = form.get(name, default)
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadRequest("error.request_not_utf8") from error
    if not isinstance(value, str):  # sent as a file part
        raise BadRequest("error.upload_map_invalid")
    return value


def place_uploads(form: Mapping[str, Any], files: Mapping[str, Any]) -> dict[str, Any]:
    """The operation of a multipart request (GraphQL multipart request spec), its files
    placed where ``map`` says. Every path must lead through existing objects and lists
    in ``variables`` to a null placeholder; anything else is the client's mistake."""
    operation = request_object(decode_json(_text_field(form, "operations", "{}")))
    files_map = decode_json(_text_field(form, "map", "{}"))
    if not isinstance(files_map, dict):
        raise BadRequest("error.upload_map_invalid")
    for part, paths in files_map.items():
        if part not in files:
            raise BadRequest("error.upload_file_missing", part=str(part)[:100])
        if not isinstance(paths, list) or not all(isinstance(path, str) for path in paths):
            raise BadRequest("error.upload_map_invalid")
        for path in paths:
            _place(operation, path, files[part])
    return operation


def _place(operation: dict[str, Any], path: str, upload: Any) -> None:
    keys = path.split(".")
    if len(keys) < 2 or keys[0] != "variables":
        raise BadRequest("error.upload_path_invalid", path=path[:200])
    target: Any = operation
    for index, key in enumerate(keys):
        last = index == len(keys) - 1
        if isinstance(target, dict) and key in target:
            if last:
                if target[key] is not None:
                    break
                target[key] = upload
                return
            target = target[key]
        elif isinstance(target, list) and key.isdigit() and int(key) < len(target):
            if last:
                if target[int(key)] is not None:
                    break
                target[int(key)] = upload
                return
            target = target[int(key)]
        else:
            break
    raise BadRequest("error.upload_path_invalid", path=path[:200])

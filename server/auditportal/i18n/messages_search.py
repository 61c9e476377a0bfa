"""Messages of typed references, declared search fields and the working calendar's data."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "definition.reference_needs_string": {
        "zh-CN": "关联记录（x-reference）只能用于普通文本字段"
        "（type 为 string，不带 enum 或 const）。",
        "en": "A reference (x-reference) belongs on a plain text field (type string, "
        "without enum or const).",
    },
    "definition.reference_sensitive": {
        "zh-CN": "关联记录（x-reference）不能设为敏感字段：加密后无法显示为链接。",
        "en": "A reference (x-reference) cannot be sensitive: sealed, it could not be "
        "shown as a link.",
    },
    "reference.bad_id": {
        "zh-CN": "请填写{kind}的编号（UUID）。",
        "en": "Enter the id (a UUID) of a {kind}.",
    },
    "reference.not_found": {
        "zh-CN": "找不到该{kind}，或您无权查看。",
        "en": "No such {kind}, or you may not see it.",
    },
}

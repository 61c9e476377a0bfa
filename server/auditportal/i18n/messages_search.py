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
    "definition.search_duplicate_key": {
        "zh-CN": "检索字段名“{key}”重复。",
        "en": "The search field name “{key}” is used twice.",
    },
    "definition.search_unknown_field": {
        "zh-CN": "检索字段 {field} 在表单中不存在。",
        "en": "The search field {field} is not a field of this form.",
    },
    "definition.search_sensitive": {
        "zh-CN": "敏感字段不能作为检索字段：其值不能以明文存入索引。",
        "en": "A sensitive field cannot be a search field: its values may not be indexed in clear.",
    },
    "definition.search_not_value": {
        "zh-CN": "检索字段须是单个值（文本、数字、是非）或由这些值组成的列表，不能是分节或对象。",
        "en": "A search field must be a value (text, number, yes/no) or a list of values, "
        "not a section or an object.",
    },
    "search.unknown_key": {
        "zh-CN": "没有名为“{key}”的检索字段。",
        "en": "No search field is named “{key}”.",
    },
}

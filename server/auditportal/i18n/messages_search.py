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
    "calendar.too_many": {
        "zh-CN": "一次最多录入 {limit} 天。",
        "en": "Enter at most {limit} days at a time.",
    },
    "calendar.duplicate_day": {
        "zh-CN": "{day} 重复录入。",
        "en": "{day} is entered twice.",
    },
    "calendar.bad_file": {
        "zh-CN": "日历文件无法读取：{reason}。",
        "en": "The calendar file cannot be read: {reason}.",
    },
    "calendar.bad_entry": {
        "zh-CN": '此项须为 {{"day": "YYYY-MM-DD", "working": true 或 false}}。',
        "en": 'This entry must be {{"day": "YYYY-MM-DD", "working": true or false}}.',
    },
    "calendar.year_missing": {
        "zh-CN": "{year} 年没有官方节假日数据，也没有录入节假日：截止时间只按周一至周五计算。"
        "请录入该年的节假日和调休上班日。",
        "en": "{year} has no official holiday data and no entered holidays: deadlines count "
        "Monday to Friday only. Enter that year's holidays and make-up workdays.",
    },
    "calendar.year_entered": {
        "zh-CN": "{year} 年没有官方节假日数据，按管理员录入的节假日和调休计算。",
        "en": "{year} has no official holiday data; the holidays and make-up workdays "
        "entered by admins are used.",
    },
    "calendar.sla_warning": {
        "zh-CN": "{years} 年的节假日尚未录入，截止时间暂按周一至周五计算，可能不准确。",
        "en": "Holidays for {years} are not entered yet: deadlines count Monday to Friday "
        "only and may be off.",
    },
}

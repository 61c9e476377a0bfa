"""Messages of form definitions and answers beyond the basic JSON Schema ones."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "definition.bad_pattern": {
        "zh-CN": "正则表达式无效（须符合 ECMA-262，与浏览器一致）：{reason}。",
        "en": "Not a valid regular expression (ECMA-262, as browsers use): {reason}.",
    },
    "definition.bad_pattern_suggestion": {
        "zh-CN": "正则表达式无效（须符合 ECMA-262，与浏览器一致）：{reason}。"
        "按文字系统匹配请写作 {suggestion}（例如汉字用 \\p{{Script=Han}}）。",
        "en": "Not a valid regular expression (ECMA-262, as browsers use): {reason}. "
        "To match a script, write {suggestion} (e.g. \\p{{Script=Han}} for Chinese characters).",
    },
    "definition.unresolved_ref": {
        "zh-CN": "引用 {ref} 在本表单中找不到对应的定义。",
        "en": "The reference {ref} points to nothing in this form.",
    },
    "definition.ref_cycle": {
        "zh-CN": "引用 {ref} 绕回自身而没有进入任何下级字段，校验将无法结束。",
        "en": "The reference {ref} leads back to itself without going into any field: "
        "checking answers would never end.",
    },
    "definition.unknown_format": {
        "zh-CN": "未知的格式“{format}”；可用：{known}。",
        "en": "Unknown format “{format}”; use one of: {known}.",
    },
    "definition.sensitive_not_value": {
        "zh-CN": "敏感标记（x-sensitive）不能放在 not、propertyNames 或 contentSchema 之下："
        "那里没有存储的取值。",
        "en": "A sensitive mark (x-sensitive) cannot sit under not, propertyNames or "
        "contentSchema: no stored value is there.",
    },
    "definition.message_without_keyword": {
        "zh-CN": "该字段没有“{keyword}”规则，无法为其设置提示信息。",
        "en": "This field has no “{keyword}” rule for the message to explain.",
    },
    "form.version_unusable": {
        "zh-CN": "表单第 {number} 版的定义含有无法使用的正则表达式或引用，暂不能提交；"
        "请管理员修正后发布新版本。",
        "en": "Version {number} of this form has a pattern or reference that cannot be used; "
        "an administrator needs to publish a corrected version.",
    },
    # A message about one field of a form, named by its title (x-title).
    "message.about_field": {"zh-CN": "{title}：{message}", "en": "{title}: {message}"},
}

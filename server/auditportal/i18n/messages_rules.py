"""Messages of rules shared by workflows, forms and classification, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "rule.may_be_empty": {
        "zh-CN": "“{name}”可能为空（未填写或尚无数据），此时条件无法判断；"
        "如需处理空值，请先用 !! 或 missing 判断，或给 var 设默认值。",
        "en": "“{name}” may be empty (not answered or no data yet); the rule is then "
        "undecided. Test it first with !! or missing, or give the var a default.",
    },
    "form.rule_not_rule": {
        "zh-CN": "规则必须是 JsonLogic 条件（只含一个运算符的对象）。",
        "en": "A rule must be a JsonLogic rule (an object with one operator).",
    },
    "form.rule_unknown_operator": {
        "zh-CN": "规则中有未知的运算符“{operator}”。",
        "en": "The rule uses an unknown operator “{operator}”.",
    },
    "form.rule_bad_variable": {
        "zh-CN": "规则只能读取 answers、customer、actor 或 submission 下的数据（“{name}”）。",
        "en": "A rule may only read answers, customer, actor or submission (“{name}”).",
    },
    "form.rule_unknown_answer": {
        "zh-CN": "表单中没有字段“{name}”。",
        "en": "The form has no field “{name}”.",
    },
    "form.rule_duplicate_key": {
        "zh-CN": "规则标识“{key}”重复。",
        "en": "The rule key “{key}” is used twice.",
    },
}

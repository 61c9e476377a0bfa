"""Messages of rules shared by workflows, forms and classification, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "rule.may_be_empty": {
        "zh-CN": "“{name}”可能为空（未填写或尚无数据），此时条件无法判断；"
        "如需处理空值，请先用 !! 或 missing 判断，或给 var 设默认值。",
        "en": "“{name}” may be empty (not answered or no data yet); the rule is then "
        "undecided. Test it first with !! or missing, or give the var a default.",
    },
}

"""Verification by sampling: plans, draws, results, accuracy."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "verification.plan_not_found": {
        "zh-CN": "抽检计划不存在。",
        "en": "Verification plan not found.",
    },
    "verification.not_found": {"zh-CN": "抽检任务不存在。", "en": "Verification not found."},
    "verification.name_required": {"zh-CN": "请填写计划名称。", "en": "Give the plan a name."},
    "verification.forms_required": {
        "zh-CN": "请至少选择一个表单。",
        "en": "Choose at least one form.",
    },
    "verification.form_unknown": {"zh-CN": "表单不存在。", "en": "This form does not exist."},
    "verification.tier_unknown": {
        "zh-CN": "未知的客户分级。",
        "en": "Unknown customer tier.",
    },
    "verification.size_invalid": {
        "zh-CN": "样本量须在 0 到 100000 之间。",
        "en": "A sample size is between 0 and 100,000.",
    },
    "verification.confidence_invalid": {
        "zh-CN": "置信水平须在 0.5 到 1 之间（不含 1）。",
        "en": "The confidence level is at least 0.5 and below 1.",
    },
    "verification.rate_invalid": {
        "zh-CN": "比率须在 0 到 1 之间（不含端点）。",
        "en": "A rate is between 0 and 1 (exclusive).",
    },
    "verification.period_invalid": {
        "zh-CN": "期间格式应为 2026-11（月）或 2026-Q4（季度），与计划的期间单位一致。",
        "en": "The period is 2026-11 (month) or 2026-Q4 (quarter), as the plan's unit says.",
    },
    "verification.seed_invalid": {
        "zh-CN": "随机种子须为非负整数（小于 2^62）。",
        "en": "The seed is a non-negative integer below 2^62.",
    },
    "verification.already_drawn": {
        "zh-CN": "该计划在此期间已抽样。",
        "en": "This plan has already drawn its sample for this period.",
    },
    "verification.plan_has_draws": {
        "zh-CN": "该计划已有抽样记录，不能删除；可将其停用。",
        "en": "This plan has draws and cannot be deleted; deactivate it instead.",
    },
    "verification.submitter_excluded": {
        "zh-CN": "复核人不能是提交人本人（四眼原则）。",
        "en": "The verifier may not be the submitter (four eyes).",
    },
    "verification.already_recorded": {
        "zh-CN": "该抽检结果已记录。",
        "en": "The result of this verification is already recorded.",
    },
    "verification.pointer_unknown": {
        "zh-CN": "提交内容中没有该字段。",
        "en": "The submission has no such field.",
    },
    "verification.pointer_unchecked": {
        "zh-CN": "差异字段必须在已复核字段之中。",
        "en": "A discrepancy must be on a field that was checked.",
    },
    "verification.pointer_twice": {
        "zh-CN": "同一字段只能记录一条差异。",
        "en": "One discrepancy per field.",
    },
    "verification.reason_required": {
        "zh-CN": "请说明差异原因。",
        "en": "Give the reason for the discrepancy.",
    },
    "verification.no_discrepancy": {
        "zh-CN": "没有差异，无需更正。",
        "en": "There is no discrepancy to correct.",
    },
    "verification.correction_exists": {
        "zh-CN": "已根据本次抽检发起更正。",
        "en": "A correction was already opened from this verification.",
    },
    "verification.dimension_unknown": {
        "zh-CN": "未知的统计维度。",
        "en": "Unknown grouping.",
    },
    "verification.verifier_unknown": {
        "zh-CN": "该用户不是在职的稽核员或经理，不能担任复核人。",
        "en": "This user is not an active auditor or manager and cannot verify.",
    },
    "verification.team_empty": {
        "zh-CN": "该团队没有在职的稽核员或经理。",
        "en": "This team has no active auditor or manager.",
    },
    "verification.due_days_invalid": {
        "zh-CN": "复核期限须在 1 到 365 天之间。",
        "en": "The days to verify are between 1 and 365.",
    },
    "verification.stratum_without_verifier": {
        "zh-CN": "复核人范围内没有人可以复核“{tier}”层的样本（复核人不能是提交人）。"
        "请扩大计划的复核人范围。",
        "en": "No one among the plan's verifiers may verify the {tier} stratum "
        "(a verifier is never the submitter). Widen the plan's verifiers.",
    },
    "verification.tier.key": {"zh-CN": "重点客户", "en": "key customers"},
    "verification.tier.normal": {"zh-CN": "一般客户", "en": "standard customers"},
    "verification.tier.high_risk": {"zh-CN": "高风险客户", "en": "high-risk customers"},
    "verification.verifier_is_submitter": {
        "zh-CN": "不能改派给提交人本人（四眼原则）。",
        "en": "It cannot go to its submitter (four eyes).",
    },
    "verification.verifier_unchanged": {
        "zh-CN": "该复核已由此人负责。",
        "en": "This person already verifies it.",
    },
    "verification.reassigned_notice": {
        "zh-CN": "您被指派复核一份抽检样本（{period}）。",
        "en": "You were given a sampled submission to verify ({period}).",
    },
    "work.verification": {"zh-CN": "待复核", "en": "To verify"},
    "work.verification_title": {"zh-CN": "抽检复核：{form}", "en": "Verify: {form}"},
}

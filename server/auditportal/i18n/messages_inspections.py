"""Messages of inspection plans and scheduled inspections."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "inspection.name_required": {
        "zh-CN": "请填写计划名称（中文和英文均需填写，最多 200 字）。",
        "en": "Give the plan a name in Chinese and in English (at most 200 characters).",
    },
    "inspection.form_not_published": {
        "zh-CN": "表单“{key}”不存在或尚未发布。",
        "en": "The form “{key}” does not exist or has not been published.",
    },
    "inspection.workflow_not_published": {
        "zh-CN": "流程“{key}”不存在或没有可用的已发布版本。",
        "en": "The workflow “{key}” does not exist or has no published version in use.",
    },
    "inspection.workflow_subject": {
        "zh-CN": "流程“{key}”的对象是“{subject}”，检查计划只能使用以客户或检查为对象的流程。",
        "en": "The workflow “{key}” is about a {subject}; a plan needs a workflow about a "
        "customer or an inspection.",
    },
    "inspection.form_not_for_customers": {
        "zh-CN": "表单“{key}”不向客户开放填写，不能发给客户用户。",
        "en": "The form “{key}” is not offered to customers, so it cannot go to customer users.",
    },
    "inspection.no_recurrence": {
        "zh-CN": "请至少为一个客户等级设置检查频率。",
        "en": "Set how often at least one customer tier is inspected.",
    },
    "inspection.duplicate_tier": {
        "zh-CN": "同一客户等级只能设置一条检查频率。",
        "en": "Each customer tier can have only one recurrence.",
    },
    "inspection.out_of_range": {
        "zh-CN": "取值须在 {min} 到 {max} 之间。",
        "en": "Must be between {min} and {max}.",
    },
    "inspection.assignee_invalid": {
        "zh-CN": "指定的检查人员不存在、已停用，或不是稽核员、经理或管理员。",
        "en": "The named inspector does not exist, is inactive, or is not an auditor, "
        "manager or administrator.",
    },
    "inspection.unknown_customer": {
        "zh-CN": "找不到该客户。",
        "en": "No such customer.",
    },
    "inspection.unknown_tier": {
        "zh-CN": "未知的客户等级。",
        "en": "Unknown customer tier.",
    },
    "inspection.plan_not_found": {
        "zh-CN": "找不到该检查计划。",
        "en": "No such inspection plan.",
    },
    "inspection.stale_plan": {
        "zh-CN": "检查计划已被他人修改（当前版本 {current}），请刷新后重试。",
        "en": "Someone changed the plan meanwhile (now at version {current}); reload and "
        "try again.",
    },
    "inspection.plan_inactive": {
        "zh-CN": "检查计划已停用。",
        "en": "The inspection plan is inactive.",
    },
    "inspection.status.planned": {"zh-CN": "已排期", "en": "Planned"},
    "inspection.status.opened": {"zh-CN": "已开启", "en": "Opened"},
    "inspection.status.cancelled": {"zh-CN": "已取消", "en": "Cancelled"},
    "inspection.status.done": {"zh-CN": "已完成", "en": "Done"},
}

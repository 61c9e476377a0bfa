"""Messages of recurrence rules and background jobs."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "recurrence.empty": {
        "zh-CN": "请填写重复规则（RFC 5545 RRULE，例如 FREQ=MONTHLY）。",
        "en": "Enter a recurrence rule (RFC 5545 RRULE, e.g. FREQ=MONTHLY).",
    },
    "recurrence.invalid": {
        "zh-CN": "重复规则无效：{detail}",
        "en": "The recurrence rule is not valid: {detail}",
    },
    "recurrence.single_rule": {
        "zh-CN": "只能填写一条 RRULE；开始日期取自计划本身，不能写 DTSTART。",
        "en": "Give a single RRULE; the start date comes from the plan, so no DTSTART.",
    },
    "recurrence.too_frequent": {
        "zh-CN": "重复频率最细为每天（DAILY）。",
        "en": "A recurrence can be at most daily (FREQ=DAILY).",
    },
    "job.status.queued": {"zh-CN": "排队中", "en": "Queued"},
    "job.status.running": {"zh-CN": "运行中", "en": "Running"},
    "job.status.retrying": {"zh-CN": "等待重试", "en": "Waiting to retry"},
    "job.status.succeeded": {"zh-CN": "已完成", "en": "Succeeded"},
    "job.status.failed": {"zh-CN": "失败", "en": "Failed"},
}

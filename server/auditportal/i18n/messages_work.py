"""Messages of "my work" and notifications."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "work.inspection_planned": {
        "zh-CN": "已排期，尚未开始",
        "en": "Planned, not started yet",
    },
    "work.follow_up": {"zh-CN": "沟通跟进事项", "en": "Follow-up from a contact"},
    "work.planned_contact": {"zh-CN": "计划内客户沟通", "en": "Planned customer contact"},
    "work.untitled": {"zh-CN": "待办事项", "en": "Work item"},
    "notification.not_found": {
        "zh-CN": "找不到这条通知，或它不属于您。",
        "en": "There is no such notification of yours.",
    },
    "notification.ids_or_all": {
        "zh-CN": "请给出要标记为已读的通知，或选择全部。",
        "en": "Name the notifications to mark as read, or choose all.",
    },
    "notification.title": {"zh-CN": "通知", "en": "Notification"},
    "password.change_required": {
        "zh-CN": "首次登录请先修改密码。",
        "en": "Change your password before you continue: this was a one-time password.",
    },
}

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
        "zh-CN": "您使用的是一次性密码，请先设置新密码再继续。",
        "en": "You signed in with a one-time password: choose a new one to continue.",
    },
    "password.change_title": {"zh-CN": "设置新密码", "en": "Choose a new password"},
    "password.new": {"zh-CN": "新密码", "en": "New password"},
    "password.repeat": {"zh-CN": "再次输入新密码", "en": "New password again"},
    "password.save": {"zh-CN": "保存并继续", "en": "Save and continue"},
    "password.mismatch": {
        "zh-CN": "两次输入的新密码不一致。",
        "en": "The two new passwords are not the same.",
    },
    "password.hint": {
        "zh-CN": "至少 {min} 个字符；不能与一次性密码相同。",
        "en": "At least {min} characters, and not the one-time password.",
    },
}

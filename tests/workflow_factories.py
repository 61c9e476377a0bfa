"""Small workflow definitions that tests build on."""

from __future__ import annotations

import copy
from typing import Any


def t(en: str, zh: str | None = None) -> dict[str, str]:
    return {"zh-CN": zh or f"{en}（中文）", "en": en}


def review_flow(**overrides: Any) -> dict[str, Any]:
    """draft -> submitted -> (approved | returned -> submitted); approval needs 80 %."""
    definition: dict[str, Any] = {
        "key": "review-flow",
        "title": t("Review", "审核"),
        "subject": "submission",
        "states": {
            "submitted": {
                "title": t("Submitted", "已提交"),
                "initial": True,
                "sla": {"due": {"workingDays": 2}, "escalate": "escalate"},
                "onEnter": [{"type": "assign", "to": {"roundRobin": "manager"}}],
            },
            "escalated": {"title": t("Escalated", "已升级")},
            "returned": {"title": t("Returned", "已退回")},
            "approved": {"title": t("Approved", "已批准"), "final": True},
        },
        "transitions": [
            {
                "event": "approve",
                "from": ["submitted", "escalated"],
                "to": "approved",
                "roles": ["manager"],
                "guard": {">=": [{"var": "score.percent"}, 80]},
                "guardMessage": t("Needs 80 % or more", "得分需达到 80%"),
            },
            {
                "event": "return",
                "from": ["submitted", "escalated"],
                "to": "returned",
                "roles": ["manager"],
                "commentRequired": True,
            },
            {
                "event": "resubmit",
                "from": ["returned"],
                "to": "submitted",
                "roles": ["submitter"],
                "input": {
                    "schema": {
                        "type": "object",
                        "required": ["fixedOn"],
                        "properties": {"fixedOn": {"type": "string", "format": "date"}},
                    }
                },
            },
            {"event": "escalate", "from": ["submitted"], "to": "escalated", "roles": []},
        ],
    }
    definition.update(copy.deepcopy(overrides))
    return definition

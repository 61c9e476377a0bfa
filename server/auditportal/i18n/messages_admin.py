"""Messages of administration: users, clients, grants, the audit trail, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "client.id_taken": {
        "zh-CN": "客户端标识 {client_id} 已存在。",
        "en": "The client id {client_id} is taken.",
    },
}

"""Messages of access control: the audit of reads, permissions shown in the schema."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "access.read_audit_failed": {
        "zh-CN": "本次读取无法记入审计日志，因此未返回数据，请稍后重试（请求编号 {request_id}）。",
        "en": "This read could not be recorded in the audit trail, so no data was returned; "
        "try again later (request id {request_id}).",
    },
}

"""Messages of the dashboard report, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "report.title.dashboard": {"zh-CN": "稽核管理看板", "en": "Audit Dashboard"},
    "dashboard.completion": {"zh-CN": "检查完成率", "en": "Inspection completion"},
    "dashboard.of": {"zh-CN": "已完成 {done} / 应检 {due}", "en": "{done} done of {due} due"},
    "dashboard.findings_per_submission": {
        "zh-CN": "每次提交的问题数",
        "en": "Findings per submission",
    },
    "dashboard.submissions": {"zh-CN": "共 {count} 次提交", "en": "{count} submissions"},
    "dashboard.open_work": {"zh-CN": "未完成检查", "en": "Open inspections"},
    "dashboard.overdue": {"zh-CN": "其中逾期 {count}", "en": "{count} overdue"},
    "dashboard.completion_by_month": {
        "zh-CN": "按月检查完成率 (%)",
        "en": "Inspection completion by month (%)",
    },
    "dashboard.nps_trend": {"zh-CN": "净推荐值 (NPS) 趋势", "en": "NPS trend"},
    "dashboard.risk_heat_map": {
        "zh-CN": "风险热力图（未关闭风险）",
        "en": "Risk heat map (open risks)",
    },
    "dashboard.credit_grades": {"zh-CN": "信用等级分布", "en": "Credit grade distribution"},
    "dashboard.ungraded": {"zh-CN": "未评级", "en": "Ungraded"},
    "dashboard.workload": {"zh-CN": "稽核员工作量", "en": "Auditor workload"},
    "dashboard.auditor": {"zh-CN": "稽核员", "en": "Auditor"},
    "dashboard.unassigned": {"zh-CN": "未分配", "en": "Unassigned"},
    "dashboard.open": {"zh-CN": "未完成", "en": "Open"},
    "dashboard.overdue_column": {"zh-CN": "逾期", "en": "Overdue"},
}

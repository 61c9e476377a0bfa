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
    "dashboard.open_work": {"zh-CN": "未完成检查", "en": "Open inspections"},
    "dashboard.overdue": {"zh-CN": "其中逾期 {count}", "en": "{count} overdue"},
    "dashboard.on_time_by_month": {
        "zh-CN": "按月按期完成率 (%)",
        "en": "On-time rate by month (%)",
    },
    "dashboard.month": {"zh-CN": "月份", "en": "Month"},
    "dashboard.on_time_of_due": {"zh-CN": "按期完成 / 到期", "en": "On time / due"},
    "dashboard.on_time_rate": {"zh-CN": "按期完成率", "en": "On-time rate"},
    "dashboard.findings_note": {
        "zh-CN": "{findings} 个问题 / {count} 次提交",
        "en": "{findings} findings in {count} submissions",
    },
    "dashboard.nps_note": {
        "zh-CN": "{responses} 份回答：推荐 {promoters}，贬损 {detractors}",
        "en": "{responses} answers: {promoters} promoters, {detractors} detractors",
    },
    "dashboard.training_customers": {"zh-CN": "客户培训覆盖率", "en": "Customers trained"},
    "dashboard.training_auditors": {"zh-CN": "稽核员培训覆盖率", "en": "Auditors trained"},
    "dashboard.trained_of": {
        "zh-CN": "已培训 {trained} / 共 {total}",
        "en": "{trained} trained of {total}",
    },
    "dashboard.filter.tier": {"zh-CN": "客户等级", "en": "Tier"},
    "dashboard.filter.region": {"zh-CN": "地区", "en": "Region"},
    "dashboard.filter.auditor": {"zh-CN": "稽核员", "en": "Auditor"},
    "dashboard.filter.form": {"zh-CN": "表单", "en": "Form"},
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

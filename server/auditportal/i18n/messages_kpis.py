"""The KPI table (export kind ``kpis``): column headers and the name of each figure."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "kpi.col.group": {"zh-CN": "类别", "en": "Group"},
    "kpi.col.figure": {"zh-CN": "指标", "en": "Figure"},
    "kpi.col.numerator": {"zh-CN": "分子", "en": "Numerator"},
    "kpi.col.denominator": {"zh-CN": "分母", "en": "Denominator"},
    "kpi.col.value": {"zh-CN": "数值", "en": "Value"},
    "kpi.title": {"zh-CN": "关键绩效指标", "en": "KPIs"},
    "kpi.group.efficiency": {"zh-CN": "稽核效率", "en": "Audit efficiency"},
    "kpi.group.discovery": {"zh-CN": "问题发现", "en": "Issue discovery"},
    "kpi.group.complaints": {"zh-CN": "投诉处理", "en": "Complaints"},
    "kpi.group.satisfaction": {"zh-CN": "客户满意度", "en": "Satisfaction"},
    "kpi.group.training": {"zh-CN": "培训覆盖", "en": "Training"},
    "kpi.group.credit": {"zh-CN": "信用", "en": "Credit"},
    "kpi.group.risk": {"zh-CN": "风险", "en": "Risk"},
    "kpi.on_time": {"zh-CN": "按期完成率", "en": "Inspections on time"},
    "kpi.median_cycle_days": {"zh-CN": "周期中位数（天）", "en": "Median cycle (days)"},
    "kpi.findings_per_inspection": {"zh-CN": "每次检查发现数", "en": "Findings per inspection"},
    "kpi.severity": {"zh-CN": "发现（{severity}）", "en": "Findings ({severity})"},
    "kpi.repeat_findings": {"zh-CN": "重复发现率", "en": "Repeat findings"},
    "kpi.corrective_on_time": {
        "zh-CN": "整改按期关闭率",
        "en": "Corrective actions closed on time",
    },
    "kpi.first_response": {"zh-CN": "首次响应达标率", "en": "First response within SLA"},
    "kpi.first_response_hours": {
        "zh-CN": "首次响应中位数（小时）",
        "en": "Median first response (hours)",
    },
    "kpi.resolution": {"zh-CN": "解决达标率", "en": "Resolution within SLA"},
    "kpi.resolution_hours": {
        "zh-CN": "解决时长中位数（小时）",
        "en": "Median resolution (hours)",
    },
    "kpi.reopen_rate": {"zh-CN": "重新处理率", "en": "Reopen rate"},
    "kpi.csat": {"zh-CN": "满意度（CSAT）", "en": "CSAT"},
    "kpi.nps": {"zh-CN": "净推荐值（NPS）", "en": "NPS"},
    "kpi.promoters": {"zh-CN": "推荐者", "en": "Promoters"},
    "kpi.passives": {"zh-CN": "被动者", "en": "Passives"},
    "kpi.detractors": {"zh-CN": "贬损者", "en": "Detractors"},
    "kpi.training_coverage": {"zh-CN": "客户培训覆盖率", "en": "Customers trained"},
    "kpi.grade": {"zh-CN": "信用等级 {grade}", "en": "Grade {grade}"},
    "kpi.ungraded": {"zh-CN": "未评级", "en": "Ungraded"},
    "kpi.migration": {
        "zh-CN": "等级迁移 {from_grade} → {to_grade}",
        "en": "{from_grade} → {to_grade}",
    },
    "kpi.heat_cell": {
        "zh-CN": "未关闭风险（可能性 {likelihood} × 影响 {impact}）",
        "en": "Open risks (likelihood {likelihood} x impact {impact})",
    },
}

"""Messages and column headers of exports (CSV and XLSX)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "export.not_found": {"zh-CN": "导出不存在或无权查看。", "en": "No such export, or not yours."},
    "export.not_ready": {"zh-CN": "导出尚未完成。", "en": "The export is not finished yet."},
    "export.too_large_to_stream": {
        "zh-CN": "共 {total} 行，超过直接下载上限 {limit} 行；请通过导出任务获取。",
        "en": "{total} rows is more than {limit} for a direct download; request an export job.",
    },
    "export.unknown_kind": {
        "zh-CN": "未知的导出类型：{kind}。",
        "en": "Unknown export kind: {kind}.",
    },
    "export.form_required": {
        "zh-CN": "导出提交记录需要指定表单。",
        "en": "Exporting submissions needs a form.",
    },
    "export.form_not_found": {
        "zh-CN": "表单不存在或无权查看。",
        "en": "No such form, or not visible to you.",
    },
    "export.bad_filter": {"zh-CN": "筛选条件无效。", "en": "This filter is not valid."},
    "export.failed": {
        "zh-CN": "导出失败，请重试或联系管理员。",
        "en": "The export failed; try again or ask an administrator.",
    },
    # Table titles (also the stem of the file name)
    "export.title.customers": {"zh-CN": "客户名单", "en": "Customers"},
    "export.title.findings": {"zh-CN": "{form}-发现的问题", "en": "{form}-findings"},
    # Column headers
    "export.col.submission_id": {"zh-CN": "提交编号", "en": "Submission ID"},
    "export.col.form": {"zh-CN": "表单", "en": "Form"},
    "export.col.version": {"zh-CN": "版本", "en": "Version"},
    "export.col.customer_code": {"zh-CN": "客户编码", "en": "Customer code"},
    "export.col.customer_name": {"zh-CN": "客户名称", "en": "Customer name"},
    "export.col.submitted_by": {"zh-CN": "提交人", "en": "Submitted by"},
    "export.col.submitted_at": {"zh-CN": "提交时间", "en": "Submitted at"},
    "export.col.revision": {"zh-CN": "修订次数", "en": "Revision"},
    "export.col.score_percent": {"zh-CN": "得分率（%）", "en": "Score (%)"},
    "export.col.score_raw": {"zh-CN": "得分", "en": "Points"},
    "export.col.score_max": {"zh-CN": "满分", "en": "Maximum points"},
    "export.col.passed": {"zh-CN": "是否通过", "en": "Passed"},
    "export.col.finding_count": {"zh-CN": "问题数", "en": "Findings"},
    "export.col.findings": {"zh-CN": "问题明细", "en": "Finding details"},
    "export.col.severity": {"zh-CN": "严重程度", "en": "Severity"},
    "export.col.finding": {"zh-CN": "问题", "en": "Finding"},
    "export.col.question": {"zh-CN": "题目", "en": "Question"},
    "export.col.answer": {"zh-CN": "回答", "en": "Answer"},
    "export.col.code": {"zh-CN": "客户编码", "en": "Code"},
    "export.col.name": {"zh-CN": "客户名称", "en": "Name"},
    "export.col.industry": {"zh-CN": "行业", "en": "Industry"},
    "export.col.region": {"zh-CN": "地区", "en": "Region"},
    "export.col.tier": {"zh-CN": "分级", "en": "Tier"},
    "export.col.risk_score": {"zh-CN": "风险分", "en": "Risk score"},
    "export.col.credit_grade": {"zh-CN": "信用等级", "en": "Credit grade"},
    "export.col.created_at": {"zh-CN": "创建时间", "en": "Created at"},
    "export.yes": {"zh-CN": "是", "en": "Yes"},
    "export.no": {"zh-CN": "否", "en": "No"},
    "export.severity.low": {"zh-CN": "低", "en": "Low"},
    "export.severity.medium": {"zh-CN": "中", "en": "Medium"},
    "export.severity.high": {"zh-CN": "高", "en": "High"},
    "export.severity.critical": {"zh-CN": "严重", "en": "Critical"},
}

MESSAGES.update(
    {
        "export.tier.key": {"zh-CN": "重点客户", "en": "Key customer"},
        "export.tier.normal": {"zh-CN": "一般客户", "en": "Standard customer"},
        "export.tier.high_risk": {"zh-CN": "高风险客户", "en": "High-risk customer"},
    }
)

MESSAGES.update(
    {
        "export.status.queued": {"zh-CN": "排队中", "en": "Queued"},
        "export.status.running": {"zh-CN": "导出中", "en": "Running"},
        "export.status.done": {"zh-CN": "已完成", "en": "Done"},
        "export.status.failed": {"zh-CN": "失败", "en": "Failed"},
    }
)

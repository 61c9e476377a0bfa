"""Messages of the customer register: profiles, classification, credit, risks, contacts."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "communication.no_target": {
        "zh-CN": "请选择一个客户，或按等级、地区、标签选定目标客户。",
        "en": "Choose a customer, or target customers by tier, region or tag.",
    },
    "communication.customer_and_target": {
        "zh-CN": "沟通计划要么针对一个客户，要么按等级、地区、标签选定客户，不能两者兼有。",
        "en": "A communication plan is for one customer or for targeted customers, not both.",
    },
    "customer.not_found": {
        "zh-CN": "客户不存在或无权查看。",
        "en": "No such customer, or not visible to you.",
    },
    "customer.required": {"zh-CN": "此项为必填项。", "en": "This field is required."},
    "customer.too_long": {"zh-CN": "最多 {limit} 个字符。", "en": "At most {limit} characters."},
    "customer.too_many": {"zh-CN": "最多 {limit} 项。", "en": "At most {limit} entries."},
    "customer.negative": {"zh-CN": "不能为负数。", "en": "Must not be negative."},
    "customer.code_taken": {
        "zh-CN": "客户编号 {code} 已被使用。",
        "en": "Customer code {code} is already in use.",
    },
    "customer.stale": {
        "zh-CN": (
            "该客户已被他人修改（您编辑的是第 {version} 版），请刷新后重试；本次未保存任何内容。"
        ),
        "en": (
            "Someone else changed this customer since version {version} you edited; reload and try"
            " again. Nothing was saved."
        ),
    },
    "customer.contacts_not_list": {"zh-CN": "联系人应为列表。", "en": "Contacts must be a list."},
    "customer.contact_not_object": {
        "zh-CN": "联系人应为对象。",
        "en": "A contact must be an object.",
    },
    "customer.contact_unknown_field": {
        "zh-CN": "联系人只能包含姓名、职务、邮箱、电话和是否主要联系人。",
        "en": "A contact has only name, title, email, phone and primary.",
    },
    "customer.contact_bad_email": {
        "zh-CN": "邮箱地址格式不正确。",
        "en": "Not a valid email address.",
    },
    "customer.contact_bad_phone": {
        "zh-CN": "电话号码格式不正确（数字，可含 +、空格、括号和连字符）。",
        "en": "Not a valid phone number (digits, with optional +, spaces, brackets and hyphens).",
    },
    "customer.contact_bad_primary": {
        "zh-CN": "“主要联系人”应为是或否。",
        "en": "“Primary” must be true or false.",
    },
    "customer.contact_two_primaries": {
        "zh-CN": "只能有一位主要联系人。",
        "en": "Only one contact can be the primary contact.",
    },
    "customer.attributes_not_object": {
        "zh-CN": "自定义属性应为对象。",
        "en": "Custom attributes must be an object.",
    },
    "customer.attributes_form_missing": {
        "zh-CN": "客户自定义属性表单 {key} 尚未发布，不能填写自定义属性。",
        "en": (
            "The customer attributes form {key} has no published version; custom attributes cannot"
            " be set."
        ),
    },
    "customer.auditor_not_eligible": {
        "zh-CN": "客户负责稽核员必须是在职的稽核员或稽核经理。",
        "en": "The account auditor must be an active auditor or audit manager.",
    },
    "classification.invalid": {
        "zh-CN": "分类规则有 {count} 处错误，未保存。",
        "en": "The classification rules have {count} problem(s); nothing was saved.",
    },
    "classification.not_object": {
        "zh-CN": "此处应为 JSON 对象。",
        "en": "A JSON object is expected here.",
    },
    "classification.unknown_key": {
        "zh-CN": "未知的设置项；可用：complaintsWindowDays、findingsWindowDays、rules。",
        "en": "Unknown setting; use complaintsWindowDays, findingsWindowDays and rules.",
    },
    "classification.bad_window": {
        "zh-CN": "天数应为 1 至 {max} 之间的整数。",
        "en": "Days must be a whole number from 1 to {max}.",
    },
    "classification.unknown_tier": {
        "zh-CN": "只能为 high_risk（高风险）和 key（重点）设置规则；其余客户为一般客户。",
        "en": "Rules exist for high_risk and key only; every other customer is normal.",
    },
    "classification.not_rule": {
        "zh-CN": "规则应为 JsonLogic 表达式（只含一个运算符的对象）或 true/false。",
        "en": "A rule is a JsonLogic expression (an object with one operator) or true/false.",
    },
    "classification.unknown_operator": {
        "zh-CN": "未知的 JsonLogic 运算符：{operator}。",
        "en": "Unknown JsonLogic operator: {operator}.",
    },
    "classification.bad_variable": {
        "zh-CN": (
            "规则不能读取 {name}；可用：transactionVolume、creditGrade、"
            "creditRank、openFindings、complaintsInWindow、"
            "riskScore、region、industry、tags。"
        ),
        "en": (
            "Rules cannot read {name}; use transactionVolume, creditGrade, creditRank, openFinding"
            "s, complaintsInWindow, riskScore, region, industry or tags."
        ),
    },
    "classification.expiry_not_future": {
        "zh-CN": "人工分级的到期时间必须晚于当前时间。",
        "en": "The override's expiry must be in the future.",
    },
    "classification.no_override": {
        "zh-CN": "该客户当前没有人工分级。",
        "en": "This customer has no tier override in force.",
    },
    "credit.bad_grade": {
        "zh-CN": "信用等级应为以下之一：{grades}。",
        "en": "The grade must be one of {grades}.",
    },
    "credit.bad_currency": {
        "zh-CN": "币种应为 3 位字母代码，例如 CNY。",
        "en": "The currency is a 3-letter code such as CNY.",
    },
    "risk.not_found": {
        "zh-CN": "风险不存在或无权查看。",
        "en": "No such risk, or not visible to you.",
    },
    "risk.scale": {"zh-CN": "取值应为 1 至 5。", "en": "Must be from 1 to 5."},
    "risk.owner_unknown": {"zh-CN": "负责人不存在或已停用。", "en": "No such active user."},
    "risk.stale": {
        "zh-CN": (
            "该风险已被他人修改（您编辑的是第 {version} 版），请刷新后重试；本次未保存任何内容。"
        ),
        "en": (
            "Someone else changed this risk since version {version} you edited; reload and try aga"
            "in. Nothing was saved."
        ),
    },
    "communication.in_future": {
        "zh-CN": "沟通时间不能晚于现在。",
        "en": "The contact cannot be in the future.",
    },
    "communication.task_not_found": {
        "zh-CN": "该客户没有这项沟通任务。",
        "en": "No such communication task for this customer.",
    },
    "communication.follow_up_not_found": {"zh-CN": "跟进事项不存在。", "en": "No such follow-up."},
    "communication.follow_up_done": {
        "zh-CN": "该跟进事项已完成。",
        "en": "This follow-up is already done.",
    },
    "communication.plan_not_found": {
        "zh-CN": "沟通计划不存在。",
        "en": "No such communication plan.",
    },
    "communication.lead_days": {
        "zh-CN": "提前天数应为 0 至 {max}。",
        "en": "Lead days must be from 0 to {max}.",
    },
}

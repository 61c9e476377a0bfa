"""Messages of administration: users, clients, grants, the audit trail, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- OAuth clients --------------------------------------------------------------------
    "client.id_taken": {
        "zh-CN": "客户端标识 {client_id} 已存在。",
        "en": "The client id {client_id} is taken.",
    },
    "client.invalid": {
        "zh-CN": "客户端信息无效，共 {count} 处错误。",
        "en": "The client is not valid: {count} error(s).",
    },
    "client.id_invalid": {
        "zh-CN": "客户端标识须为 3 到 100 个小写字母、数字、点、下划线或连字符。",
        "en": "A client id is 3 to 100 lower-case letters, digits, dots, underscores or dashes.",
    },
    "client.name_invalid": {
        "zh-CN": "名称须为 1 到 200 个字符。",
        "en": "The name must be 1 to 200 characters.",
    },
    "client.grant_types_empty": {
        "zh-CN": "至少需要一种授权类型。",
        "en": "Name at least one grant type.",
    },
    "client.grant_type_unknown": {
        "zh-CN": "不支持的授权类型：{value}。",
        "en": "Unsupported grant type: {value}.",
    },
    "client.credentials_need_secret": {
        "zh-CN": "使用客户端凭据模式的客户端必须是机密客户端。",
        "en": "A client using client credentials must be confidential.",
    },
    "client.redirect_required": {
        "zh-CN": "授权码模式至少需要一个回调地址。",
        "en": "The authorization code grant needs at least one redirect URI.",
    },
    "client.redirect_invalid": {
        "zh-CN": "回调地址 {uri} 无效：须为 https（本机可用 http），且不含片段。",
        "en": "The redirect URI {uri} is not valid: https (http for localhost), no fragment.",
    },
    "client.scope_unknown": {
        "zh-CN": "未知的权限范围：{value}。",
        "en": "Unknown scope: {value}.",
    },
    "client.not_found": {"zh-CN": "客户端不存在。", "en": "Client not found."},
    "client.web_client_protected": {
        "zh-CN": "门户自身的客户端不能停用。",
        "en": "The portal's own web client cannot be deactivated.",
    },
    "client.already_inactive": {
        "zh-CN": "该客户端已停用。",
        "en": "The client is already deactivated.",
    },
    # --- users ----------------------------------------------------------------------------
    "user.invalid": {
        "zh-CN": "用户信息无效，共 {count} 处错误。",
        "en": "The user is not valid: {count} error(s).",
    },
    "user.not_found": {"zh-CN": "用户不存在。", "en": "User not found."},
    "user.username_invalid": {
        "zh-CN": "用户名须为 1 到 150 个字符，且不含空白。",
        "en": "A username is 1 to 150 characters without spaces.",
    },
    "user.display_name_too_long": {
        "zh-CN": "显示名称须为 1 到 {max} 个字符。",
        "en": "The display name must be 1 to {max} characters.",
    },
    "user.email_invalid": {
        "zh-CN": "电子邮箱 {email} 格式不正确。",
        "en": "The email address {email} is not valid.",
    },
    "user.service_role_reserved": {
        "zh-CN": "服务账号随 OAuth 客户端创建，不能在此指定或更改。",
        "en": "Service accounts come with OAuth clients; this role cannot be set here.",
    },
    "user.customer_required": {
        "zh-CN": "客户用户必须关联一个客户。",
        "en": "A customer user must belong to a customer.",
    },
    "user.customer_only_for_customers": {
        "zh-CN": "只有客户用户可以关联客户。",
        "en": "Only customer users belong to a customer.",
    },
    "user.customer_not_found": {"zh-CN": "客户不存在。", "en": "Customer not found."},
    "user.cannot_demote_self": {
        "zh-CN": "不能停用自己的账号或更改自己的角色。",
        "en": "You cannot deactivate your own account or change your own role.",
    },
    "user.service_has_no_password": {
        "zh-CN": "服务账号没有密码。",
        "en": "Service accounts have no password.",
    },
    "user.password_too_short": {
        "zh-CN": "密码至少需要 {min} 个字符。",
        "en": "The password must have at least {min} characters.",
    },
    "user.password_too_long": {
        "zh-CN": "密码最多 {max} 个字符。",
        "en": "The password may have at most {max} characters.",
    },
    "user.password_unchanged": {
        "zh-CN": "新密码不能与当前密码相同。",
        "en": "The new password must differ from the current one.",
    },
    "user.wrong_password": {
        "zh-CN": "当前密码不正确。",
        "en": "The current password is not correct.",
    },
    # --- consultant grants ----------------------------------------------------------------
    "grant.invalid": {
        "zh-CN": "授权信息无效，共 {count} 处错误。",
        "en": "The grant is not valid: {count} error(s).",
    },
    "grant.not_found": {"zh-CN": "授权不存在。", "en": "Grant not found."},
    "grant.consultant_not_found": {"zh-CN": "顾问不存在。", "en": "Consultant not found."},
    "grant.not_a_consultant": {
        "zh-CN": "只能向外部顾问授予访问权限。",
        "en": "Access can only be granted to consultants.",
    },
    "grant.consultant_inactive": {
        "zh-CN": "该顾问账号已停用。",
        "en": "The consultant's account is deactivated.",
    },
    "grant.expiry_in_past": {
        "zh-CN": "到期时间必须晚于当前时间。",
        "en": "The expiry must be in the future.",
    },
    "grant.empty": {
        "zh-CN": "至少需要指定一个客户或表单。",
        "en": "Name at least one customer or form.",
    },
    "grant.customer_not_found": {"zh-CN": "客户不存在。", "en": "Customer not found."},
    "grant.form_not_found": {"zh-CN": "表单不存在。", "en": "Form not found."},
    "grant.reason_too_long": {
        "zh-CN": "原因最多 {max} 个字符。",
        "en": "The reason may have at most {max} characters.",
    },
    "grant.already_revoked": {
        "zh-CN": "该授权已撤销。",
        "en": "The grant is already revoked.",
    },
    # --- forms offered to customers, introspection ----------------------------------------
    "submission.form_not_offered": {
        "zh-CN": "此表单不向客户开放填写。",
        "en": "This form is not offered to customers.",
    },
    "error.introspection_disabled": {
        "zh-CN": "仅管理员可以查询 GraphQL 架构。",
        "en": "Only administrators may introspect the GraphQL schema.",
    },
    "admin.invalid_input": {
        "zh-CN": "输入无效，共 {count} 处错误。",
        "en": "The input is not valid: {count} error(s).",
    },
}

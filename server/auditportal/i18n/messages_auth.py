"""Messages of sign-in, OAuth 2.0 and OpenID Connect, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "signin.title": {"zh-CN": "登录客户稽核管理门户", "en": "Sign in to the audit portal"},
    "signin.for_client": {
        "zh-CN": "应用“{client}”请求访问您的账户。",
        "en": "“{client}” asks to use your account.",
    },
    "signin.username": {"zh-CN": "用户名", "en": "Username"},
    "signin.password": {"zh-CN": "密码", "en": "Password"},
    "signin.submit": {"zh-CN": "登录", "en": "Sign in"},
    "signin.failed": {
        "zh-CN": "用户名或密码不正确。",
        "en": "The username or password is not correct.",
    },
    "signin.locked": {
        "zh-CN": "登录失败次数过多，请于 {minutes} 分钟后再试。",
        "en": "Too many failed sign-ins; try again in {minutes} minute(s).",
    },
    "signin.expired": {
        "zh-CN": "登录页面已过期或无效，请重新打开登录页面。",
        "en": "This sign-in page has expired or is not valid; open it again.",
    },
    "signin.with_provider": {"zh-CN": "使用 {provider} 登录", "en": "Sign in with {provider}"},
    "signin.or": {"zh-CN": "或使用本地账户：", "en": "or with a local account:"},
    "federation.failed": {
        "zh-CN": "通过外部身份提供方登录失败，请重试或联系管理员。",
        "en": (
            "Signing in through the external provider failed; try again or ask your administrator."
        ),
    },
    "federation.no_role": {
        "zh-CN": "您的外部账户未被授予本门户的任何角色，请联系管理员。",
        "en": "Your external account has no role in this portal; ask your administrator.",
    },
    "signin.other_language": {"zh-CN": "English", "en": "中文"},
    "consent.title": {"zh-CN": "授权确认", "en": "Allow access?"},
    "consent.intro": {
        "zh-CN": "{user}，应用“{client}”请求以下权限：",
        "en": "{user}, “{client}” asks for the following access:",
    },
    "consent.allow": {"zh-CN": "允许", "en": "Allow"},
    "consent.deny": {"zh-CN": "拒绝", "en": "Deny"},
    "oauth.request_invalid": {
        "zh-CN": "授权请求无效：{detail}",
        "en": "The authorization request is not valid: {detail}",
    },
    "oauth.parameter_nul": {
        "zh-CN": "参数 {name} 含有不允许的空字符（NUL）。",
        "en": "The parameter {name} contains a NUL character, which is not allowed.",
    },
    "oauth.parameter_too_long": {
        "zh-CN": "参数 {name} 过长。",
        "en": "The parameter {name} is too long.",
    },
    "oauth.userinfo_scope": {
        "zh-CN": "访问令牌缺少 openid 权限范围。",
        "en": "The access token lacks the openid scope.",
    },
    # One line per scope, shown on the consent page.
    "scope.openid": {"zh-CN": "确认您的身份", "en": "Confirm who you are"},
    "scope.profile": {
        "zh-CN": "读取您的用户名、姓名和角色",
        "en": "Read your username, name and role",
    },
    "scope.email": {"zh-CN": "读取您的电子邮箱", "en": "Read your email address"},
    "scope.forms:read": {"zh-CN": "查看表单", "en": "Read forms"},
    "scope.forms:write": {"zh-CN": "设计和发布表单", "en": "Design and publish forms"},
    "scope.submissions:read": {"zh-CN": "查看填报记录", "en": "Read submissions"},
    "scope.submissions:write": {
        "zh-CN": "提交和更正填报",
        "en": "Submit and correct submissions",
    },
    "scope.customers:read": {"zh-CN": "查看客户", "en": "Read customers"},
    "scope.users:read": {"zh-CN": "查看用户", "en": "Read users"},
}

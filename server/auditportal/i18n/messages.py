"""Every user-facing message, in both languages. Keys are stable; placeholders use str.format."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- request-level errors -------------------------------------------------------------
    "error.unauthenticated": {
        "zh-CN": "请先登录。",
        "en": "Sign in first.",
    },
    "error.token_invalid": {
        "zh-CN": "访问令牌无效或已过期，请重新登录。",
        "en": "The access token is invalid or has expired; sign in again.",
    },
    "error.not_allowed": {
        "zh-CN": "您没有执行此操作的权限。",
        "en": "You are not allowed to do this.",
    },
    "error.internal": {
        "zh-CN": "服务器内部错误，请联系管理员并提供请求编号 {request_id}。",
        "en": "Internal error; contact your administrator with request id {request_id}.",
    },
    "error.body_too_large": {
        "zh-CN": "请求体过大（上限 {limit} 字节）。",
        "en": "Request body too large (limit {limit} bytes).",
    },
    "error.page_size": {
        "zh-CN": "每页数量必须在 1 到 {max} 之间。",
        "en": "Page size must be between 1 and {max}.",
    },
    "error.bad_cursor": {
        "zh-CN": "分页游标无效。",
        "en": "The page cursor is not valid.",
    },
    "error.bad_id": {
        "zh-CN": "标识符 {id} 无效。",
        "en": "The id {id} is not valid.",
    },
    "error.invalid_input": {
        "zh-CN": "输入无效，共 {count} 处错误。",
        "en": "The input is not valid: {count} error(s).",
    },
    "error.dev_login_disabled": {
        "zh-CN": "开发登录仅在调试模式下可用。",
        "en": "Development sign-in is only available in debug mode.",
    },
    "error.unknown_user": {
        "zh-CN": "用户不存在或已停用。",
        "en": "No such active user.",
    },
    "user.username_taken": {
        "zh-CN": "用户名 {username} 已存在。",
        "en": "The username {username} is taken.",
    },
    # --- forms ----------------------------------------------------------------------------
    "form.not_found": {"zh-CN": "表单不存在。", "en": "Form not found."},
    "form_version.not_found": {"zh-CN": "表单版本不存在。", "en": "Form version not found."},
    "form.definition_invalid": {
        "zh-CN": "表单定义无效，共 {count} 处错误。",
        "en": "The form definition is not valid: {count} error(s).",
    },
    "form.key_taken": {
        "zh-CN": "表单标识 {key} 已被使用。",
        "en": "The form key {key} is already used.",
    },
    "form.key_changed": {
        "zh-CN": "不能修改表单标识（{old} → {new}）。",
        "en": "A form's key cannot change ({old} → {new}).",
    },
    "form.stale_draft": {
        "zh-CN": "草稿已被他人修改（当前修订 {current}，您基于修订 {expected}），请刷新后重试。",
        "en": (
            "The draft changed meanwhile (now revision {current}, you edited {expected}); "
            "reload and retry."
        ),
    },
    "form.publish_race": {
        "zh-CN": "该表单正在被同时发布，请重试。",
        "en": "The form was being published at the same time; retry.",
    },
    "form.version_retired": {
        "zh-CN": "表单版本 {number} 已停用，不再接受新的提交。",
        "en": "Form version {number} is retired and takes no new submissions.",
    },
    "form.already_retired": {
        "zh-CN": "表单版本 {number} 已经停用。",
        "en": "Form version {number} is already retired.",
    },
    "form.no_published_version": {
        "zh-CN": "该表单还没有可用的已发布版本。",
        "en": "This form has no published version that takes submissions.",
    },
    # --- submissions ----------------------------------------------------------------------
    "submission.not_found": {"zh-CN": "提交记录不存在。", "en": "Submission not found."},
    "submission.invalid": {
        "zh-CN": "提交的答案未通过校验，共 {count} 处错误。",
        "en": "The answers are not valid: {count} error(s).",
    },
    "submission.idempotency_reused": {
        "zh-CN": "幂等键 {key} 已用于另一份不同的提交。",
        "en": "Idempotency key {key} was already used for a different submission.",
    },
    "submission.reserved_key": {
        "zh-CN": "答案中不能使用保留的键“$enc”（用于加密存储的敏感值）。",
        "en": "Answers may not use the reserved key “$enc” (it marks encrypted sensitive values).",
    },
    "submission.not_finite": {
        "zh-CN": "数字必须是有限值（不能是 NaN 或无穷大）。",
        "en": "Numbers must be finite (not NaN or infinity).",
    },
    "submission.superseded": {
        "zh-CN": "该提交已被修订，请基于最新修订进行更正。",
        "en": "This submission has been revised; correct the latest revision instead.",
    },
    "submission.customer_required": {
        "zh-CN": "请指定所属客户。",
        "en": "Name the customer this submission is about.",
    },
    "submission.customer_not_found": {"zh-CN": "客户不存在。", "en": "Customer not found."},
    "submission.wrong_customer": {
        "zh-CN": "您只能为本单位提交。",
        "en": "You may only submit for your own customer.",
    },
    # --- JSON Schema validation (answers and definitions) ----------------------------------
    "schema.required": {"zh-CN": "此项为必填项。", "en": "This field is required."},
    "schema.type": {
        "zh-CN": "类型不正确，应为{expected_zh}。",
        "en": "Wrong type; expected {expected_en}.",
    },
    "schema.enum": {
        "zh-CN": "取值不在允许的选项中：{options}。",
        "en": "Not one of the allowed options: {options}.",
    },
    "schema.const": {"zh-CN": "取值必须为 {expected}。", "en": "Must be {expected}."},
    "schema.minimum": {"zh-CN": "不能小于 {limit}。", "en": "Must be at least {limit}."},
    "schema.maximum": {"zh-CN": "不能大于 {limit}。", "en": "Must be at most {limit}."},
    "schema.exclusiveMinimum": {"zh-CN": "必须大于 {limit}。", "en": "Must be more than {limit}."},
    "schema.exclusiveMaximum": {"zh-CN": "必须小于 {limit}。", "en": "Must be less than {limit}."},
    "schema.multipleOf": {
        "zh-CN": "必须是 {limit} 的倍数。",
        "en": "Must be a multiple of {limit}.",
    },
    "schema.minLength": {
        "zh-CN": "长度不能少于 {limit} 个字符。",
        "en": "Must be at least {limit} characters long.",
    },
    "schema.maxLength": {
        "zh-CN": "长度不能超过 {limit} 个字符。",
        "en": "Must be at most {limit} characters long.",
    },
    "schema.pattern": {"zh-CN": "格式不正确。", "en": "Does not have the expected format."},
    "schema.format": {
        "zh-CN": "不是有效的{format_zh}。",
        "en": "Not a valid {format_en}.",
    },
    "schema.minItems": {"zh-CN": "至少需要 {limit} 项。", "en": "Needs at least {limit} item(s)."},
    "schema.maxItems": {"zh-CN": "最多允许 {limit} 项。", "en": "Allows at most {limit} item(s)."},
    "schema.uniqueItems": {"zh-CN": "不能包含重复项。", "en": "Items must not repeat."},
    "schema.additionalProperties": {
        "zh-CN": "不允许的字段：{names}。",
        "en": "Field(s) not allowed here: {names}.",
    },
    "schema.unevaluatedProperties": {
        "zh-CN": "不允许的字段：{names}。",
        "en": "Field(s) not allowed here: {names}.",
    },
    "schema.minProperties": {
        "zh-CN": "至少需要 {limit} 个字段。",
        "en": "Needs at least {limit} field(s).",
    },
    "schema.maxProperties": {
        "zh-CN": "最多允许 {limit} 个字段。",
        "en": "Allows at most {limit} field(s).",
    },
    "schema.oneOf": {
        "zh-CN": "必须恰好符合一种允许的形式。",
        "en": "Must match exactly one of the allowed shapes.",
    },
    "schema.anyOf": {
        "zh-CN": "不符合任何一种允许的形式。",
        "en": "Does not match any of the allowed shapes.",
    },
    "schema.not": {"zh-CN": "取值不被允许。", "en": "This value is not allowed."},
    "schema.invalid": {"zh-CN": "取值无效。", "en": "This value is not valid."},
    # --- form definition rules beyond the meta-schema ---------------------------------------
    "definition.missing_title": {
        "zh-CN": "每个字段都需要中英文标题（x-title）。",
        "en": "Every field needs a title in both languages (x-title).",
    },
    "definition.enum_titles_length": {
        "zh-CN": "选项标题数量（{got}）与选项数量（{expected}）不一致。",
        "en": "There are {got} option titles for {expected} options.",
    },
    "definition.scores_without_options": {
        "zh-CN": "只有单选（enum）或是非（boolean）题可以计分。",
        "en": "Only fields with options (enum) or yes/no (boolean) can be scored.",
    },
    "definition.unknown_option": {
        "zh-CN": "“{option}”不是该题的选项。",
        "en": "“{option}” is not an option of this field.",
    },
    "definition.finding_condition": {
        "zh-CN": "每条发现规则只能有一个条件（in、lt、lte、gt 或 gte）。",
        "en": "Each finding rule needs exactly one condition (in, lt, lte, gt or gte).",
    },
    "definition.finding_needs_number": {
        "zh-CN": "数值比较条件只能用于数字字段。",
        "en": "Numeric conditions only apply to number fields.",
    },
    "definition.weight_not_section": {
        "zh-CN": "权重（x-weight）只能设在顶层分节上。",
        "en": "A weight (x-weight) belongs on a top-level section only.",
    },
    "definition.sensitive_not_leaf": {
        "zh-CN": "敏感标记（x-sensitive）只能用于单个取值的字段。",
        "en": "Only single-value fields can be sensitive (x-sensitive).",
    },
    "definition.unknown_property": {
        "zh-CN": "“{name}”不是已定义的字段。",
        "en": "“{name}” is not a defined field.",
    },
    "definition.bad_schema_ref": {
        "zh-CN": "表单中不允许引用外部模式（{ref}）。",
        "en": "A form may not reference external schemas ({ref}).",
    },
}

# Human names of JSON Schema formats, for schema.format.
FORMAT_NAMES: dict[str, tuple[str, str]] = {
    "date": ("日期（YYYY-MM-DD）", "date (YYYY-MM-DD)"),
    "date-time": ("日期时间（RFC 3339）", "date-time (RFC 3339)"),
    "time": ("时间", "time"),
    "email": ("电子邮箱地址", "email address"),
    "uri": ("网址", "URI"),
    "uuid": ("UUID", "UUID"),
    "ipv4": ("IPv4 地址", "IPv4 address"),
}

TYPE_NAMES: dict[str, tuple[str, str]] = {
    "string": ("文本", "text"),
    "number": ("数字", "a number"),
    "integer": ("整数", "a whole number"),
    "boolean": ("是/否", "yes/no"),
    "object": ("对象", "an object"),
    "array": ("列表", "a list"),
    "null": ("空值", "null"),
}

"""Messages of customer imports and CRM connections."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The uploaded file
    "import.file.too_large": {
        "zh-CN": "文件过大：最多 {limit} 字节。",
        "en": "The file is too large: at most {limit} bytes.",
    },
    "import.file.not_xlsx": {
        "zh-CN": "无法读取该 Excel 文件，请上传 .xlsx 或 CSV 文件。",
        "en": "This Excel file cannot be read; upload an .xlsx or a CSV file.",
    },
    "import.file.bad_encoding": {
        "zh-CN": "文件不是 {encoding} 编码，请选择其他编码。",
        "en": "The file is not encoded as {encoding}; choose another encoding.",
    },
    "import.file.unknown_encoding": {
        "zh-CN": "不支持的编码；可选：{allowed}。",
        "en": "Unsupported encoding; choose one of: {allowed}.",
    },
    "import.file.bad_csv": {
        "zh-CN": "CSV 文件格式错误：{detail}",
        "en": "The CSV file is malformed: {detail}",
    },
    "import.file.missing": {
        "zh-CN": "请以 multipart 请求上传文件。",
        "en": "Send the file as a multipart upload.",
    },
    "import.file.removed": {
        "zh-CN": "上传的文件已超过保留期限被删除，请重新上传。",
        "en": "The uploaded file was deleted after its keeping time; upload it again.",
    },
    "import.file.empty": {"zh-CN": "文件中没有数据。", "en": "The file holds no data."},
    "import.file.bad_header_row": {
        "zh-CN": "表头行须在前 {max} 行之内。",
        "en": "The header row must be one of the first {max} rows.",
    },
    # The mapping
    "import.mapping.unknown_column": {
        "zh-CN": "文件中没有“{column}”列。",
        "en": "The file has no column “{column}”.",
    },
    "import.mapping.unknown_target": {
        "zh-CN": "未知的客户字段：{target}。",
        "en": "Unknown customer field: {target}.",
    },
    "import.mapping.bad_attribute": {
        "zh-CN": "自定义属性名无效：{target}（字母、数字、下划线，字母开头）。",
        "en": "Invalid attribute name: {target} (letters, digits, underscores; a letter first).",
    },
    "import.mapping.duplicate_target": {
        "zh-CN": "字段 {target} 已由“{other}”列提供。",
        "en": "Field {target} is already fed by column “{other}”.",
    },
    "import.mapping.missing_target": {
        "zh-CN": "请为客户字段 {target} 指定一列。",
        "en": "Map a column to the customer field {target}.",
    },
    "import.mapping.bad_separator": {
        "zh-CN": "标签分隔符须为 1 到 5 个字符。",
        "en": "The tag separator must be 1 to 5 characters.",
    },
    # Rejected rows
    "import.row.missing_code": {
        "zh-CN": "第 {row} 行：缺少客户编码。",
        "en": "Row {row}: the customer code is missing.",
    },
    "import.row.missing_name": {
        "zh-CN": "第 {row} 行：缺少客户名称。",
        "en": "Row {row}: the customer name is missing.",
    },
    "import.row.duplicate_code": {
        "zh-CN": "第 {row} 行：客户编码 {code} 与第 {first} 行重复。",
        "en": "Row {row}: customer code {code} repeats row {first}.",
    },
    "import.row.too_long": {
        "zh-CN": "第 {row} 行：“{column}”超过 {max} 个字符。",
        "en": "Row {row}: “{column}” is longer than {max} characters.",
    },
    "import.row.bad_number": {
        "zh-CN": "第 {row} 行：“{column}”不是有效数字：{value}。",
        "en": "Row {row}: “{column}” is not a valid number: {value}.",
    },
    "import.row.bad_integer": {
        "zh-CN": "第 {row} 行：“{column}”应为整数：{value}。",
        "en": "Row {row}: “{column}” must be a whole number: {value}.",
    },
    "import.row.bad_boolean": {
        "zh-CN": "第 {row} 行：“{column}”应为是/否：{value}。",
        "en": "Row {row}: “{column}” must be yes or no: {value}.",
    },
    "import.row.negative": {
        "zh-CN": "第 {row} 行：“{column}”不能为负数：{value}。",
        "en": "Row {row}: “{column}” cannot be negative: {value}.",
    },
    "import.row.bad_grade": {
        "zh-CN": "第 {row} 行：信用等级 {value} 无效（可选 {allowed}）。",
        "en": "Row {row}: credit grade {value} is not valid (one of {allowed}).",
    },
    "import.row.bad_email": {
        "zh-CN": "第 {row} 行：邮箱地址无效：{value}。",
        "en": "Row {row}: not a valid email address: {value}.",
    },
    "import.row.bad_phone": {
        "zh-CN": "第 {row} 行：电话号码无效：{value}。",
        "en": "Row {row}: not a valid phone number: {value}.",
    },
    # States
    "import.busy": {
        "zh-CN": "导入正在处理或已完成（{status}），请稍后再试。",
        "en": "The import is being processed or is finished ({status}).",
    },
    "import.commit.needs_dry_run": {
        "zh-CN": "请先用当前的列映射完成一次试运行，再提交导入。",
        "en": "Complete a dry run with the current mapping before committing.",
    },
    "import.commit.already_committed": {
        "zh-CN": "该导入已经提交。",
        "en": "This import has already been committed.",
    },
    "import.failed": {
        "zh-CN": "导入失败，请联系管理员查看日志。",
        "en": "The import failed; an administrator can find details in the log.",
    },
    "import.status.uploaded": {"zh-CN": "已上传", "en": "Uploaded"},
    "import.status.dry_running": {"zh-CN": "试运行中", "en": "Dry run in progress"},
    "import.status.dry_run_done": {"zh-CN": "试运行完成", "en": "Dry run done"},
    "import.status.committing": {"zh-CN": "导入中", "en": "Importing"},
    "import.status.committed": {"zh-CN": "已导入", "en": "Imported"},
    "import.status.failed": {"zh-CN": "失败", "en": "Failed"},
    # CRM connections
    "crm.connection.name_taken": {
        "zh-CN": "已有名为“{name}”的 CRM 连接。",
        "en": "A CRM connection named “{name}” already exists.",
    },
    "crm.config.missing": {
        "zh-CN": "请填写 {field}。",
        "en": "{field} is required.",
    },
    "crm.config.bad_url": {
        "zh-CN": "{field} 须为 http(s) 地址。",
        "en": "{field} must be an http(s) URL.",
    },
    "crm.secret.missing": {
        "zh-CN": "请填写密钥 {field}。",
        "en": "The secret {field} is required.",
    },
    "crm.error.auth": {
        "zh-CN": "{crm} 拒绝了凭据：{detail}",
        "en": "{crm} rejected the credentials: {detail}",
    },
    "crm.error.vendor": {
        "zh-CN": "{crm} 返回错误 {code}：{detail}",
        "en": "{crm} answered with error {code}: {detail}",
    },
    "crm.error.rate_limited": {
        "zh-CN": "{crm} 限流，稍后自动重试。",
        "en": "{crm} is rate limiting us; the sync retries later.",
    },
    "crm.error.unavailable": {
        "zh-CN": "{crm} 暂时无法访问，稍后自动重试。",
        "en": "{crm} cannot be reached for now; the sync retries later.",
    },
    "crm.error.http": {
        "zh-CN": "{crm} 返回 HTTP {status}。",
        "en": "{crm} answered HTTP {status}.",
    },
    "crm.error.bad_response": {
        "zh-CN": "{crm} 的响应无法解析。",
        "en": "{crm} sent a response we cannot read.",
    },
    "crm.error.internal": {
        "zh-CN": "同步失败，请联系管理员查看日志。",
        "en": "The sync failed; an administrator can find details in the log.",
    },
}

"""Messages of request-level refusals: GraphQL documents over a limit, malformed requests."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "error.query_too_deep": {
        "zh-CN": "查询嵌套过深：最多允许 {limit} 层。",
        "en": "The query nests too deeply: at most {limit} levels are allowed.",
    },
    "error.too_many_aliases": {
        "zh-CN": "查询中的别名过多（含片段展开）：最多允许 {limit} 个。",
        "en": "The query uses too many aliases (fragments included): at most {limit}.",
    },
    "error.query_too_costly": {
        "zh-CN": "查询的估算成本 {cost} 超过上限 {limit}：请减少每页数量、嵌套列表或所选字段。",
        "en": "The query's estimated cost of {cost} exceeds the limit of {limit}: ask for "
        "fewer items per page, fewer nested lists or fewer fields.",
    },
    "error.fragment_cycle": {
        "zh-CN": "片段 {name} 直接或间接地引用了自身。",
        "en": "The fragment {name} spreads itself, directly or through other fragments.",
    },
    # Request bodies refused before execution (auditportal.api.request_body).
    "error.request_not_utf8": {
        "zh-CN": "请求正文不是有效的 UTF-8 文本。",
        "en": "The request body is not valid UTF-8 text.",
    },
    "error.request_not_json": {
        "zh-CN": "请求正文不是有效的 JSON。",
        "en": "The request body is not valid JSON.",
    },
    "error.request_not_object": {
        "zh-CN": "请求正文必须是一个 JSON 对象（包含 query、variables 和 operationName）。",
        "en": "The request body must be one JSON object (with query, variables and operationName).",
    },
    "error.request_number_too_long": {
        "zh-CN": "请求中的整数过长：最多 {limit} 位。",
        "en": "A number in the request is too long: at most {limit} digits.",
    },
    "error.request_number_out_of_range": {
        "zh-CN": "请求中的数字超出范围（NaN、Infinity 或过大的数不是有效值）。",
        "en": "A number in the request is out of range (NaN, Infinity and numbers too large "
        "to represent are not valid).",
    },
    "error.request_too_deep": {
        "zh-CN": "请求正文嵌套过深：最多允许 {limit} 层。",
        "en": "The request body nests too deeply: at most {limit} levels are allowed.",
    },
    "error.request_query_type": {
        "zh-CN": "query 必须是字符串。",
        "en": "query must be a string.",
    },
    "error.request_variables_type": {
        "zh-CN": "variables 必须是 JSON 对象。",
        "en": "variables must be a JSON object.",
    },
    "error.request_extensions_type": {
        "zh-CN": "extensions 必须是 JSON 对象。",
        "en": "extensions must be a JSON object.",
    },
    "error.request_operation_name": {
        "zh-CN": "operationName 必须是字符串。",
        "en": "operationName must be a string.",
    },
    "error.request_content_type": {
        "zh-CN": "不支持的内容类型：请使用 application/json 或 multipart/form-data。",
        "en": "Unsupported content type: send application/json or multipart/form-data.",
    },
    "error.request_no_query": {
        "zh-CN": "请求中没有 GraphQL 查询。",
        "en": "The request contains no GraphQL query.",
    },
    "error.request_method": {
        "zh-CN": "GraphQL 只接受 POST 请求。",
        "en": "GraphQL accepts POST requests only.",
    },
    "error.request_invalid": {
        "zh-CN": "请求无效。",
        "en": "The request is not valid.",
    },
    "error.upload_body_invalid": {
        "zh-CN": "无法解析 multipart 请求正文。",
        "en": "The multipart request body cannot be read.",
    },
    "error.upload_map_invalid": {
        "zh-CN": "multipart 请求的 operations 必须是 JSON 对象，"
        "map 必须是“文件部分名 → 路径列表”的 JSON 对象。",
        "en": "A multipart request's operations must be a JSON object and its map a JSON "
        "object of file part names to lists of paths.",
    },
    "error.upload_file_missing": {
        "zh-CN": "map 引用的文件部分 {part} 不在请求中。",
        "en": "The file part {part} named in map is not in the request.",
    },
    "error.upload_path_invalid": {
        "zh-CN": "map 中的路径 {path} 没有指向 variables 中的一个 null 占位值。",
        "en": "The path {path} in map does not lead to a null placeholder in variables.",
    },
}

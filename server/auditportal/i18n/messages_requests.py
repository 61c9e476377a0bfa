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
}

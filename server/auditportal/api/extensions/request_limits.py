"""Depth and alias limits as validation rules built once per schema.

Strawberry's QueryDepthLimiter and MaxAliasesLimiter build a new rule class every time the
extension is instantiated, i.e. per request; the rule classes are part of the validation
cache key, so that cache never hit and every request re-validated its whole document. Built
once here, the same classes serve every request and ValidationCache works.
"""

from __future__ import annotations

from graphql import ASTValidationRule
from strawberry.extensions import AddValidationRules
from strawberry.extensions.max_aliases import create_validator as alias_limit
from strawberry.extensions.query_depth_limiter import create_validator as depth_limit

from auditportal.settings import Settings


def limit_rules(settings: Settings) -> list[type[ASTValidationRule]]:
    return [
        depth_limit(settings.max_query_depth, should_ignore=None),
        alias_limit(settings.max_aliases),
    ]


class RequestLimits(AddValidationRules):
    def __init__(self, rules: list[type[ASTValidationRule]]) -> None:
        super().__init__(rules)

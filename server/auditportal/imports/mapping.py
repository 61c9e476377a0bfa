"""Column mapping: which source column feeds which customer field, and turning one source
row into the customer values it asks for (or the reasons it cannot).

Targets: ``code``, ``name``, ``industry``, ``region``, ``tags``, ``contact.name``,
``contact.title``, ``contact.phone``, ``contact.email``, ``transactionVolume``,
``creditGrade``, ``creditLimit`` and ``attributes.<key>``. The same targets serve CRM field
mappings, so a file and a CRM record become customers the same way.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from auditportal.errors import FieldIssue
from auditportal.imports.attributes import BadAttribute, typed

SIMPLE_TARGETS = (
    "code",
    "name",
    "industry",
    "region",
    "tags",
    "contact.name",
    "contact.title",
    "contact.phone",
    "contact.email",
    "transactionVolume",
    "creditGrade",
    "creditLimit",
)
ATTRIBUTE_PREFIX = "attributes."
REQUIRED_TARGETS = ("code", "name")
CREDIT_GRADES = ("AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C")
_ATTRIBUTE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()\- ]{3,32}$")
MAX_CODE = 64
MAX_NAME = 300
MAX_SHORT = 100

# Header names (lower-cased, spaces and underscores removed) that suggest each target.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "code": ("客户编码", "客户编号", "客户代码", "编码", "code", "customercode", "accountid", "id"),
    "name": ("客户名称", "客户名", "名称", "公司名称", "name", "customername", "accountname"),
    "industry": ("行业", "所属行业", "industry"),
    "region": ("地区", "区域", "省份", "region", "area"),
    "tags": ("标签", "tags", "tag"),
    "contact.name": ("联系人", "联系人姓名", "contact", "contactname"),
    "contact.title": ("职务", "职位", "title", "contacttitle"),
    "contact.phone": ("电话", "手机", "联系电话", "手机号", "phone", "mobile", "tel"),
    "contact.email": ("邮箱", "电子邮箱", "邮件", "email", "e-mail", "mail"),
    "transactionVolume": ("年交易额", "交易额", "年度交易额", "transactionvolume", "volume"),
    "creditGrade": ("信用等级", "信用评级", "creditgrade", "grade", "rating"),
    "creditLimit": ("授信额度", "信用额度", "creditlimit", "limit"),
}
_LOOKUP = {synonym: target for target, names in SYNONYMS.items() for synonym in names}


def _normalise(header: str) -> str:
    return re.sub(r"[\s_]+", "", header).lower()


def suggest_mapping(headers: Sequence[str]) -> dict[str, str]:
    """{header: target} for the headers whose names say what they hold; each target once."""
    suggested: dict[str, str] = {}
    used: set[str] = set()
    for header in headers:
        target = _LOOKUP.get(_normalise(header))
        if target and target not in used:
            suggested[header] = target
            used.add(target)
    return suggested


def find_header_row(rows: Sequence[Sequence[str]]) -> int:
    """Index of the row that looks most like a header: most recognised names, else the first
    row with two or more filled cells."""
    best, best_hits = -1, 0
    for index, row in enumerate(rows):
        hits = sum(1 for cell in row if _normalise(cell) in _LOOKUP)
        if hits > best_hits:
            best, best_hits = index, hits
    if best >= 0:
        return best
    for index, row in enumerate(rows):
        if sum(1 for cell in row if cell) >= 2:
            return index
    return 0


def check_mapping(
    mapping: Mapping[str, str], headers: Sequence[str] | None, *, path: str = "mapping"
) -> list[FieldIssue]:
    """Problems of a mapping: unknown columns or targets, a target twice, code/name missing."""
    issues: list[FieldIssue] = []
    seen: dict[str, str] = {}
    for column, target in mapping.items():
        where = (path, column)
        if headers is not None and column not in headers:
            issues.append(FieldIssue(where, "import.mapping.unknown_column", {"column": column}))
        if target.startswith(ATTRIBUTE_PREFIX):
            if not _ATTRIBUTE_KEY.match(target[len(ATTRIBUTE_PREFIX) :]):
                issues.append(FieldIssue(where, "import.mapping.bad_attribute", {"target": target}))
        elif target not in SIMPLE_TARGETS:
            issues.append(FieldIssue(where, "import.mapping.unknown_target", {"target": target}))
        if target in seen:
            issues.append(
                FieldIssue(
                    where,
                    "import.mapping.duplicate_target",
                    {"target": target, "other": seen[target]},
                )
            )
        seen[target] = column
    for target in REQUIRED_TARGETS:
        if target not in seen:
            issues.append(FieldIssue((path,), "import.mapping.missing_target", {"target": target}))
    return issues


def fingerprint(
    mapping: Mapping[str, str], header_row: int, tag_separator: str, encoding: str | None
) -> str:
    """What a dry run was made with; commit must use the same."""
    document = json.dumps(
        {"m": sorted(mapping.items()), "h": header_row, "t": tag_separator, "e": encoding},
        ensure_ascii=False,
    )
    return hashlib.sha256(document.encode()).hexdigest()


@dataclass
class CustomerValues:
    """What one source row says about one customer (only the mapped fields)."""

    code: str
    row: int
    fields: dict[str, Any] = field(default_factory=dict)
    contact: dict[str, str] | None = None
    tags: list[str] | None = None
    attributes: dict[str, Any] | None = None
    external_modified_at: Any = None


@dataclass(frozen=True)
class Rejection:
    row: int
    code: str
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "code": self.code, "params": self.params}


def _decimal(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("，", "").replace("¥", "").replace("￥", "").strip()
    value = Decimal(cleaned)
    if not value.is_finite() or abs(value) >= Decimal(10) ** 16:
        raise InvalidOperation(text)
    return value.quantize(Decimal("0.01"))


class RowReader:
    """Turns source rows into ``CustomerValues`` under one mapping."""

    def __init__(
        self,
        mapping: Mapping[str, str],
        tag_separator: str = ",",
        attribute_types: Mapping[str, str] | None = None,
    ) -> None:
        self.by_target = {target: column for column, target in mapping.items()}
        self.tag_separator = tag_separator or ","
        # Declared types of custom attributes (imports.attributes): numbers stay numbers.
        self.attribute_types = dict(attribute_types or {})

    def read(self, row_number: int, values: Mapping[str, Any]) -> CustomerValues | Rejection:
        """``values`` by source column; text (files) or JSON values (CRMs)."""

        def text(target: str) -> str | None:
            column = self.by_target.get(target)
            if column is None:
                return None
            raw = values.get(column)
            if raw is None:
                return ""
            if isinstance(raw, dict):  # a CRM lookup: {"name": ..., "id": ...}
                raw = raw.get("name") or raw.get("id") or ""
            if isinstance(raw, list):  # multi-select or Zoho's Tag: [{"name": ...}]
                raw = self.tag_separator.join(
                    str(item.get("name", "")) if isinstance(item, dict) else str(item)
                    for item in raw
                )
            if isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            return str(raw).strip()

        code = text("code") or ""
        if not code:
            return Rejection(row_number, "import.row.missing_code", self.by_target.get("code"))
        if len(code) > MAX_CODE:
            return Rejection(
                row_number, "import.row.too_long", self.by_target["code"], {"max": MAX_CODE}
            )
        result = CustomerValues(code=code, row=row_number)
        name = text("name") or ""
        if not name:
            return Rejection(row_number, "import.row.missing_name", self.by_target.get("name"))
        if len(name) > MAX_NAME:
            return Rejection(
                row_number, "import.row.too_long", self.by_target["name"], {"max": MAX_NAME}
            )
        result.fields["name"] = name
        for target in ("industry", "region"):
            value = text(target)
            if value is None:
                continue
            if len(value) > MAX_SHORT:
                return Rejection(
                    row_number, "import.row.too_long", self.by_target[target], {"max": MAX_SHORT}
                )
            result.fields[target] = value or None
        for target, column_name in (
            ("transactionVolume", "transaction_volume"),
            ("creditLimit", "credit_limit"),
        ):
            value = text(target)
            if value is None:
                continue
            if value == "":
                result.fields[column_name] = Decimal(0) if target == "transactionVolume" else None
                continue
            try:
                number = _decimal(value)
            except (InvalidOperation, ValueError):
                return Rejection(
                    row_number, "import.row.bad_number", self.by_target[target], {"value": value}
                )
            if number < 0:
                return Rejection(
                    row_number, "import.row.negative", self.by_target[target], {"value": value}
                )
            result.fields[column_name] = number
        grade = text("creditGrade")
        if grade is not None:
            grade = grade.upper()
            if grade and grade not in CREDIT_GRADES:
                return Rejection(
                    row_number,
                    "import.row.bad_grade",
                    self.by_target["creditGrade"],
                    {"value": grade, "allowed": "/".join(CREDIT_GRADES)},
                )
            result.fields["credit_grade"] = grade or None
        contact = {key: text(f"contact.{key}") for key in ("name", "title", "phone", "email")}
        email = contact.get("email")
        if email and not _EMAIL.match(email):
            return Rejection(
                row_number,
                "import.row.bad_email",
                self.by_target["contact.email"],
                {"value": email},
            )
        phone = contact.get("phone")
        if phone and not _PHONE.match(phone):
            return Rejection(
                row_number,
                "import.row.bad_phone",
                self.by_target["contact.phone"],
                {"value": phone},
            )
        if any(value for value in contact.values()):
            result.contact = {
                key: value or "" for key, value in contact.items() if value is not None
            }
        tags = text("tags")
        if tags is not None:
            result.tags = sorted(
                {tag.strip()[:64] for tag in tags.split(self.tag_separator) if tag.strip()}
            )
        attributes: dict[str, Any] = {}
        for target in self.by_target:
            if not target.startswith(ATTRIBUTE_PREFIX):
                continue
            name = target[len(ATTRIBUTE_PREFIX) :]
            cell = text(target) or ""
            kind = self.attribute_types.get(name)
            if kind is None:
                attributes[name] = cell
            elif cell:  # an empty typed cell sets nothing
                try:
                    attributes[name] = typed(kind, cell)
                except BadAttribute as bad:
                    return Rejection(row_number, bad.code, self.by_target[target], {"value": cell})
        if attributes:
            result.attributes = attributes
        return result

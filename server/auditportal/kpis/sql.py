"""Raw SQL around Tortoise querysets: the scope and filters stay Tortoise's, the aggregate ours.

A KPI needs SQL the ORM does not write (JSON array expansion, window functions,
``percentile_cont``), over rows the ORM does select (the caller's row scope and the
filter). ``subquery`` takes a queryset's parameterised SQL; ``Statement`` splices such
pieces, literal SQL text and its own parameters into one statement with the placeholders of
the backend (``?`` on SQLite, ``$n`` on PostgreSQL, renumbered). Nothing is fetched but the
aggregated rows.
"""
# ruff: noqa: S608  (the SQL text interpolated here is constant dialect text and
# aliases; every value is a bound parameter, from Tortoise or ``Statement.param``)

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import QuerySet, ValuesQuery
from tortoise.transactions import in_transaction

PG_PLACEHOLDER = re.compile(r"\$(\d+)")
# A KPI statement is an aggregate over tens or hundreds of thousands of rows whose costs the
# planner overestimates (a JSON array expansion is costed at 100 elements a row): above
# jit_above_cost PostgreSQL JIT-compiles it, which took longer (0.5 s of the 1 s of the
# repeat findings at 200,000 submissions, and again in each parallel worker) than the
# query itself. Sorts of those rows (a window's, a percentile's, a month's GROUP BY)
# spilled to disk at the default 4 MB work_mem; 32 MB keeps them in memory.
PG_STATEMENT_SETTINGS = "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'"


@dataclass(frozen=True)
class Fragment:
    text: str
    params: tuple[Any, ...] = ()


def connection() -> BaseDBAsyncClient:
    return Tortoise.get_connection("default")


def is_postgres() -> bool:
    return connection().capabilities.dialect == "postgres"


def subquery(query: QuerySet[Any] | ValuesQuery[Any]) -> Fragment:
    """The parameterised SQL of a queryset (``.values(...)`` names the columns)."""
    query._choose_db_if_not_chosen()
    query._make_query()
    # A model's default ordering means nothing inside an aggregate and costs a sort.
    query.query._orderbys = []
    text, params = query.query.get_parameterized_sql()
    return Fragment(text, tuple(params))


@dataclass
class Statement:
    """SQL built from text, parameters and subqueries, in order."""

    postgres: bool = field(default_factory=is_postgres)
    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def sql(self, text: str) -> Statement:
        self.parts.append(text)
        return self

    def param(self, value: Any) -> Statement:
        self.params.append(value)
        self.parts.append(f"${len(self.params)}" if self.postgres else "?")
        return self

    def sub(self, fragment: Fragment) -> Statement:
        text = fragment.text
        if self.postgres:
            base = len(self.params)
            text = PG_PLACEHOLDER.sub(lambda m: f"${int(m.group(1)) + base}", text)
        self.parts.append(f"({text})")
        self.params.extend(fragment.params)
        return self

    def text(self) -> str:
        return "".join(self.parts)

    async def rows(self) -> list[dict[str, Any]]:
        if not self.postgres:
            found = await connection().execute_query_dict(self.text(), self.params)
            return [dict(row) for row in found]
        # SET LOCAL: the settings end with this statement's transaction (or, called inside
        # a caller's transaction, with that one), on whichever pooled connection runs it.
        async with in_transaction("default") as conn:
            await conn.execute_script(PG_STATEMENT_SETTINGS)
            found = await conn.execute_query_dict(self.text(), self.params)
        return [dict(row) for row in found]

    async def one(self) -> dict[str, Any]:
        found = await self.rows()
        return found[0] if found else {}


# Dialect pieces: SQL text only, never values.


def month_of(column: str, postgres: bool) -> str:
    """YYYY-MM of a date or a UTC timestamp column."""
    if postgres:
        return f"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')"
    return f"substr({column}, 1, 7)"


def month_grouped(column: str, postgres: bool) -> tuple[str, str]:
    """``(label, key)``: select the label (YYYY-MM of a UTC timestamp column), GROUP BY the key.

    On PostgreSQL the key is the month truncated, the label formatted from it once per
    group: formatting every row with ``to_char`` before grouping by text cost a third of a
    monthly aggregate over 100,000 rows. SQLite groups by the label (``GROUP BY 1``).
    """
    if postgres:
        key = f"date_trunc('month', {column} AT TIME ZONE 'UTC')"
        return f"to_char({key}, 'YYYY-MM')", key
    return month_of(column, postgres), "1"


def month_of_date(column: str, postgres: bool) -> str:
    return f"to_char({column}, 'YYYY-MM')" if postgres else f"substr({column}, 1, 7)"


def day_of(column: str, postgres: bool) -> str:
    """The UTC calendar day of a timestamp column, comparable with a date column."""
    if postgres:
        return f"CAST({column} AT TIME ZONE 'UTC' AS date)"
    return f"substr({column}, 1, 10)"


def seconds_between(start: str, end: str, postgres: bool) -> str:
    if postgres:
        return f"EXTRACT(EPOCH FROM ({end} - {start}))"
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


def median_sql(values_cte: str, postgres: bool) -> str:
    """The median of column ``v`` of the CTE named ``values_cte`` (NULLs left out).

    PostgreSQL: ``percentile_cont``. SQLite has none: the middle one or two values by
    ORDER BY with LIMIT/OFFSET over the count, averaged, all in SQL.
    """
    if postgres:
        return (
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median "
            f"FROM {values_cte} WHERE v IS NOT NULL"
        )
    count = f"(SELECT COUNT(*) FROM {values_cte} WHERE v IS NOT NULL)"
    return (
        f"SELECT AVG(v) AS median FROM (SELECT v FROM {values_cte} WHERE v IS NOT NULL "
        f"ORDER BY v LIMIT 2 - {count} % 2 OFFSET ({count} - 1) / 2) AS middle"
    )


def as_int(value: Any) -> int:
    return 0 if value is None else int(value)


def as_float(value: Any) -> float | None:
    return None if value is None else float(value)

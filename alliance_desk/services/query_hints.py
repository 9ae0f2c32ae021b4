"""Query-planner hints that keep one meaning on every database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression

from alliance_desk.storage.engine import PINYIN_COLLATION

# PostgreSQL's ICU collation for Chinese sorts by pinyin (安 北 翠 中); servers built
# without ICU lack it, and their names keep the server's order.
POSTGRES_PINYIN_COLLATION = "zh-x-icu"
_postgres_has_icu: dict[str, bool] = {}


def without_index(column: Any, dialect: str) -> Any:
    """``column`` as SQLite's ``+column``: the same value, but no index on it is used.

    When a query must read most of a table anyway (a text search, a year of ratings),
    SQLite may still choose to walk an index for the ORDER BY / WHERE and look up every
    row by rowid — several times slower than reading the table straight through and
    sorting what matched. PostgreSQL decides well on its own, so it gets ``column``.
    """
    if dialect != "sqlite":
        return column
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def in_pinyin_order(column: Any, connection: Connection) -> Any:
    """``column`` (a name) to be sorted in pinyin order by the database: SQLite through
    the ``pinyin`` collation every connection registers, PostgreSQL through ICU.

    For long lists paged by the database only: ICU reads a few characters (polyphones)
    otherwise than pypinyin, so anything stored or compared across databases is sorted
    by ``core.pinyin.by_pinyin`` instead."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return column.collate(PINYIN_COLLATION)
    if dialect != "postgresql":
        return column
    server = str(connection.engine.url)
    if server not in _postgres_has_icu:
        found = connection.execute(
            text("SELECT 1 FROM pg_collation WHERE collname = :name"),
            {"name": POSTGRES_PINYIN_COLLATION},
        ).first()
        _postgres_has_icu[server] = found is not None
    if not _postgres_has_icu[server]:
        return column
    return column.collate(POSTGRES_PINYIN_COLLATION)

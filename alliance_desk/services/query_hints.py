"""Query-planner hints that keep one meaning on every database."""

from __future__ import annotations

from typing import Any

from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import UnaryExpression


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

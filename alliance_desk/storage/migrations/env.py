"""Alembic environment: always driven from code (``storage.schema``), never from an ini file."""

from __future__ import annotations

from alembic import context

from alliance_desk.storage import models  # noqa: F401  (registers the tables)
from alliance_desk.storage.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Alliance Desk migrations run through alliance_desk.storage.schema")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

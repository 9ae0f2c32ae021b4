"""One 第N期 per scope: the wall posting's number is unique (two clerks printing at once on
PostgreSQL could both take the same number)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 19:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _renumber_duplicates() -> None:
    """A scope that already holds a number twice is numbered again in posting order."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, scope_key, number FROM wall_posting ORDER BY scope_key, number, id")
    ).all()
    by_scope: dict[str, list[tuple[int, int]]] = {}
    for posting_id, scope, number in rows:
        by_scope.setdefault(scope, []).append((posting_id, number))
    for postings in by_scope.values():
        numbers = [number for _id, number in postings]
        if len(set(numbers)) == len(numbers):
            continue
        for new_number, (posting_id, _old) in enumerate(postings, start=1):
            bind.execute(
                sa.text("UPDATE wall_posting SET number = :n WHERE id = :i"),
                {"n": new_number, "i": posting_id},
            )


def upgrade() -> None:
    _renumber_duplicates()
    op.drop_index("ix_wall_posting_scope", table_name="wall_posting")
    op.create_index("ix_wall_posting_scope", "wall_posting", ["scope_key", "number"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_wall_posting_scope", table_name="wall_posting")
    op.create_index("ix_wall_posting_scope", "wall_posting", ["scope_key", "number"])

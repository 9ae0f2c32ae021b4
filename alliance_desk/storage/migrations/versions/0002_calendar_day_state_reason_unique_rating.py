"""calendar_day table, meeting.state_reason, one rating per side of a commitment

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_day",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("is_workday", sa.Boolean(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_day")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_day_day")),
    )

    # Only ADD COLUMN, so SQLite alters ``meeting`` in place: a batch rebuild would drop
    # the table with foreign keys on, and the cascade would empty its child tables.
    # The server default fills the existing rows; the models have none, so PostgreSQL
    # drops it again (SQLite cannot without that rebuild, and it does no harm there).
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state_reason", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("meeting", "state_reason", server_default=None)

    # The rating service replaces a side's earlier rating, so duplicates can only come
    # from two clerks saving at once; keep the latest of each before the constraint.
    op.execute(
        "DELETE FROM evaluation WHERE commitment_id IS NOT NULL AND id NOT IN ("
        "SELECT MAX(id) FROM evaluation WHERE commitment_id IS NOT NULL "
        "GROUP BY commitment_id, rater_unit_id)"
    )
    # Nothing references ``evaluation``, so SQLite's rebuild of it is safe.
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_evaluation_commitment_id_rater_unit_id"),
            ["commitment_id", "rater_unit_id"],
        )


def downgrade() -> None:
    # For development only: on SQLite the drop_column below rebuilds ``meeting``, so run
    # it on a connection with ``PRAGMA foreign_keys=OFF`` (see the note in upgrade).
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_evaluation_commitment_id_rater_unit_id"), type_="unique"
        )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("state_reason")
    op.drop_table("calendar_day")

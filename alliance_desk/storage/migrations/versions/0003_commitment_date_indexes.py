"""Indexes for the commitment list's default order and the dashboard's year figures

Commitments by due date (covering), made and fulfilment dates; meetings by time and state.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 11:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_commitment_due_cover",
        "commitment",
        ["due_on", "alliance_id", "direction", "state", "fulfilled_on", "promisor_unit_id"],
    )
    op.create_index("ix_commitment_made_on", "commitment", ["made_on"])
    op.create_index("ix_commitment_fulfilled_state", "commitment", ["fulfilled_on", "state"])
    op.create_index("ix_meeting_starts_state", "meeting", ["starts_at", "state"])


def downgrade() -> None:
    op.drop_index("ix_meeting_starts_state", table_name="meeting")
    op.drop_index("ix_commitment_fulfilled_state", table_name="commitment")
    op.drop_index("ix_commitment_made_on", table_name="commitment")
    op.drop_index("ix_commitment_due_cover", table_name="commitment")

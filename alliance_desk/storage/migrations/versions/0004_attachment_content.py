"""Attachment contents in the database, so that every clerk of a shared database can open them

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 10:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_content",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("progress_update_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["progress_update_id"],
            ["progress_update.id"],
            name=op.f("fk_attachment_content_progress_update_id_progress_update"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_content")),
        sa.UniqueConstraint(
            "progress_update_id", name=op.f("uq_attachment_content_progress_update_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("attachment_content")

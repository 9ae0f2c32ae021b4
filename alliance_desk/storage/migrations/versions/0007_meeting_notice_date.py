"""发文日期 of a meeting's notice (issue 11: the notice was dated the day it was printed)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 16:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("meeting", sa.Column("notice_issued_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("notice_issued_on")

"""社区工作日 / 双报到双服务: unit reports, members and their history, posts and claims,
activities with attendance, helping pairs with visits, evaluations, settings

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 16:51:30.210491
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "service_post_category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_post_category")),
        sa.UniqueConstraint("name", name=op.f("uq_service_post_category_name")),
    )
    op.create_table(
        "workday_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_hours", sa.Float(), nullable=False),
        sa.Column("report_threshold", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "report_threshold >= 0 AND report_threshold <= 1",
            name=op.f("ck_workday_settings_threshold"),
        ),
        sa.CheckConstraint("target_hours >= 0", name=op.f("ck_workday_settings_target_hours")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workday_settings")),
    )
    op.create_table(
        "service_post",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_unit_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("needed", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("needed >= 0", name=op.f("ck_service_post_needed")),
        sa.ForeignKeyConstraint(
            ["community_unit_id"],
            ["unit.id"],
            name=op.f("fk_service_post_community_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_post")),
    )
    with op.batch_alter_table("service_post", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_post_community_unit_id"), ["community_unit_id"], unique=False
        )

    op.create_table(
        "unit_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("community_unit_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("agreement", sa.Text(), nullable=False),
        sa.Column("attachment_name", sa.String(length=200), nullable=False),
        sa.Column("attachment", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("member_count >= 0", name=op.f("ck_unit_report_member_count")),
        sa.ForeignKeyConstraint(
            ["community_unit_id"],
            ["unit.id"],
            name=op.f("fk_unit_report_community_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_unit_report_unit_id_unit"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_report")),
        sa.UniqueConstraint(
            "unit_id", "community_unit_id", name=op.f("uq_unit_report_unit_id_community_unit_id")
        ),
    )
    with op.batch_alter_table("unit_report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unit_report_community_unit_id"), ["community_unit_id"], unique=False
        )

    op.create_table(
        "workday_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("community_unit_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        sa.Column("planned_start", sa.DateTime(), nullable=True),
        sa.Column("planned_end", sa.DateTime(), nullable=True),
        sa.Column("planned_participants", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "planned_participants >= 0", name=op.f("ck_workday_activity_planned_participants")
        ),
        sa.ForeignKeyConstraint(
            ["community_unit_id"],
            ["unit.id"],
            name=op.f("fk_workday_activity_community_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workday_activity")),
    )
    with op.batch_alter_table("workday_activity", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workday_activity_community_held", ["community_unit_id", "held_on"], unique=False
        )
        batch_op.create_index("ix_workday_activity_held", ["held_on"], unique=False)

    op.create_table(
        "workday_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("name_order", sa.String(length=400), nullable=False),
        sa.Column("gender", sa.String(length=4), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("residence", sa.String(length=200), nullable=False),
        sa.Column("community_unit_id", sa.Integer(), nullable=True),
        sa.Column("grid", sa.String(length=50), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("intention", sa.Text(), nullable=False),
        sa.Column("report_mode", sa.String(length=24), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("state_changed_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["community_unit_id"],
            ["unit.id"],
            name=op.f("fk_workday_member_community_unit_id_unit"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"],
            ["unit.id"],
            name=op.f("fk_workday_member_unit_id_unit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workday_member")),
    )
    with op.batch_alter_table("workday_member", schema=None) as batch_op:
        batch_op.create_index(
            "ix_workday_member_community_state", ["community_unit_id", "state"], unique=False
        )
        batch_op.create_index("ix_workday_member_name_order", ["name_order", "id"], unique=False)
        batch_op.create_index("ix_workday_member_unit_state", ["unit_id", "state"], unique=False)

    op.create_table(
        "help_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("household", sa.String(length=50), nullable=False),
        sa.Column("household_address", sa.String(length=200), nullable=False),
        sa.Column("household_phone", sa.String(length=30), nullable=False),
        sa.Column("hardship", sa.String(length=50), nullable=False),
        sa.Column("paired_on", sa.Date(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["workday_member.id"],
            name=op.f("fk_help_pair_member_id_workday_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_pair")),
    )
    with op.batch_alter_table("help_pair", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_pair_member_id"), ["member_id"], unique=False)

    op.create_table(
        "member_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("rating", sa.String(length=24), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "quarter >= 0 AND quarter <= 4", name=op.f("ck_member_evaluation_quarter")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["workday_member.id"],
            name=op.f("fk_member_evaluation_member_id_workday_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_evaluation")),
        sa.UniqueConstraint(
            "member_id", "year", "quarter", name=op.f("uq_member_evaluation_member_id_year_quarter")
        ),
    )
    op.create_table(
        "post_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("claimed_on", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["workday_member.id"],
            name=op.f("fk_post_claim_member_id_workday_member"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["service_post.id"],
            name=op.f("fk_post_claim_post_id_service_post"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_claim")),
        sa.UniqueConstraint("post_id", "member_id", name=op.f("uq_post_claim_post_id_member_id")),
    )
    with op.batch_alter_table("post_claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_claim_member_id"), ["member_id"], unique=False)

    op.create_table(
        "workday_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("planned_in", sa.DateTime(), nullable=True),
        sa.Column("planned_out", sa.DateTime(), nullable=True),
        sa.Column("sign_in", sa.DateTime(), nullable=True),
        sa.Column("sign_out", sa.DateTime(), nullable=True),
        sa.Column("attendance", sa.String(length=24), nullable=False),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        sa.Column("superseded", sa.Boolean(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("correction_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("hours >= 0 AND hours <= 24", name=op.f("ck_workday_attendance_hours")),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["workday_activity.id"],
            name=op.f("fk_workday_attendance_activity_id_workday_activity"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["workday_attendance.id"],
            name=op.f("fk_workday_attendance_corrects_id_workday_attendance"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["workday_member.id"],
            name=op.f("fk_workday_attendance_member_id_workday_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workday_attendance")),
    )
    with op.batch_alter_table("workday_attendance", schema=None) as batch_op:
        batch_op.create_index("ix_workday_attendance_activity", ["activity_id"], unique=False)
        batch_op.create_index("ix_workday_attendance_member", ["member_id"], unique=False)

    op.create_table(
        "workday_member_transition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=False),
        sa.Column("to_state", sa.String(length=24), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["workday_member.id"],
            name=op.f("fk_workday_member_transition_member_id_workday_member"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workday_member_transition")),
    )
    with op.batch_alter_table("workday_member_transition", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workday_member_transition_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "pair_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pair_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["pair_id"],
            ["help_pair.id"],
            name=op.f("fk_pair_visit_pair_id_help_pair"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pair_visit")),
    )
    with op.batch_alter_table("pair_visit", schema=None) as batch_op:
        batch_op.create_index("ix_pair_visit_pair_date", ["pair_id", "visited_on"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("pair_visit", schema=None) as batch_op:
        batch_op.drop_index("ix_pair_visit_pair_date")

    op.drop_table("pair_visit")
    with op.batch_alter_table("workday_member_transition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workday_member_transition_member_id"))

    op.drop_table("workday_member_transition")
    with op.batch_alter_table("workday_attendance", schema=None) as batch_op:
        batch_op.drop_index("ix_workday_attendance_member")
        batch_op.drop_index("ix_workday_attendance_activity")

    op.drop_table("workday_attendance")
    with op.batch_alter_table("post_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_claim_member_id"))

    op.drop_table("post_claim")
    op.drop_table("member_evaluation")
    with op.batch_alter_table("help_pair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_pair_member_id"))

    op.drop_table("help_pair")
    with op.batch_alter_table("workday_member", schema=None) as batch_op:
        batch_op.drop_index("ix_workday_member_unit_state")
        batch_op.drop_index("ix_workday_member_name_order")
        batch_op.drop_index("ix_workday_member_community_state")

    op.drop_table("workday_member")
    with op.batch_alter_table("workday_activity", schema=None) as batch_op:
        batch_op.drop_index("ix_workday_activity_held")
        batch_op.drop_index("ix_workday_activity_community_held")

    op.drop_table("workday_activity")
    with op.batch_alter_table("unit_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_report_community_unit_id"))

    op.drop_table("unit_report")
    with op.batch_alter_table("service_post", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_post_community_unit_id"))

    op.drop_table("service_post")
    op.drop_table("workday_settings")
    op.drop_table("service_post_category")

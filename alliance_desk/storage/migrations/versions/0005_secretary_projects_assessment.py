"""书记一号工程 and 年终考核: task lists, secretary projects, milestones, site visits,
inspections; assessment years, indicator weights, adjustments, rater groups, ballot
tallies, satisfaction surveys and signed-off results

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 10:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_year",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "grade_mode",
            sa.Enum(
                "thresholds",
                "quotas",
                name="grade_mode",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("excellent_from", sa.Float(), nullable=False),
        sa.Column("good_from", sa.Float(), nullable=False),
        sa.Column("fair_from", sa.Float(), nullable=False),
        sa.Column("excellent_quota", sa.Float(), nullable=False),
        sa.Column("good_quota", sa.Float(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("signed_off_by", sa.String(length=50), nullable=False),
        sa.Column("signed_off_at", sa.DateTime(), nullable=True),
        sa.Column("unlock_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_year")),
        sa.UniqueConstraint("year", name=op.f("uq_assessment_year_year")),
    )
    op.create_table(
        "indicator_weight",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=50), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "weight BETWEEN 0 AND 100", name=op.f("ck_indicator_weight_weight_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_weight")),
        sa.UniqueConstraint("year", "indicator", name=op.f("uq_indicator_weight_year_indicator")),
    )
    op.create_table(
        "rater_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("issued", sa.Integer(), nullable=False),
        sa.Column("returned", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("returned <= issued", name=op.f("ck_rater_group_returned_le_issued")),
        sa.CheckConstraint("returned >= 0", name=op.f("ck_rater_group_returned_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rater_group")),
        sa.UniqueConstraint("year", "name", name=op.f("uq_rater_group_year_name")),
    )
    op.create_table(
        "task_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_list")),
        sa.UniqueConstraint("year", name=op.f("uq_task_list_year")),
    )
    op.create_table(
        "assessment_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "bonus",
                "penalty",
                "veto",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("points", sa.Float(), nullable=False),
        sa.Column(
            "cap",
            sa.Enum(
                "excellent",
                "good",
                "fair",
                "poor",
                name="cap",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("points >= 0", name=op.f("ck_assessment_adjustment_points_positive")),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_assessment_adjustment_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_adjustment")),
    )
    op.create_index(
        op.f("ix_assessment_adjustment_unit_id"), "assessment_adjustment", ["unit_id"], unique=False
    )
    op.create_index(
        op.f("ix_assessment_adjustment_year"), "assessment_adjustment", ["year"], unique=False
    )
    op.create_table(
        "assessment_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Float(), nullable=False),
        sa.Column(
            "grade",
            sa.Enum(
                "excellent",
                "good",
                "fair",
                "poor",
                name="grade",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_assessment_result_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_result")),
        sa.UniqueConstraint("year", "unit_id", name=op.f("uq_assessment_result_year_unit_id")),
    )
    op.create_index(
        op.f("ix_assessment_result_unit_id"), "assessment_result", ["unit_id"], unique=False
    )
    op.create_table(
        "ballot_tally",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("good", sa.Integer(), nullable=False),
        sa.Column("fairly_good", sa.Integer(), nullable=False),
        sa.Column("average", sa.Integer(), nullable=False),
        sa.Column("poor", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "good >= 0 AND fairly_good >= 0 AND average >= 0 AND poor >= 0",
            name=op.f("ck_ballot_tally_votes_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["rater_group.id"],
            name=op.f("fk_ballot_tally_group_id_rater_group"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_ballot_tally_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_tally")),
        sa.UniqueConstraint("group_id", "unit_id", name=op.f("uq_ballot_tally_group_id_unit_id")),
    )
    op.create_index(op.f("ix_ballot_tally_unit_id"), "ballot_tally", ["unit_id"], unique=False)
    op.create_table(
        "secretary_project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "party_building",
                "city_management",
                "community_governance",
                "public_service",
                "infrastructure",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("secretary_name", sa.String(length=50), nullable=False),
        sa.Column("secretary_title", sa.String(length=50), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "declared",
                "approved",
                "rejected",
                "in_progress",
                "postponed",
                "acceptance_requested",
                "accepted",
                "closed",
                "terminated",
                name="state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "review_result",
            sa.Enum(
                "passed",
                "revised",
                "rejected",
                name="review_result",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column(
            "acceptance_grade",
            sa.Enum(
                "excellent",
                "good",
                "pass",
                "fail",
                name="acceptance_grade",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("acceptance_comment", sa.Text(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("postpone_reason", sa.Text(), nullable=False),
        sa.Column("terminate_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("budget >= 0", name=op.f("ck_secretary_project_budget_positive")),
        sa.CheckConstraint(
            "planned_end >= planned_start", name=op.f("ck_secretary_project_planned_order")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_secretary_project_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_secretary_project")),
        sa.UniqueConstraint("code", name=op.f("uq_secretary_project_code")),
    )
    op.create_index(
        "ix_secretary_project_unit_year", "secretary_project", ["unit_id", "year"], unique=False
    )
    op.create_index(
        "ix_secretary_project_year_state", "secretary_project", ["year", "state"], unique=False
    )
    op.create_table(
        "task_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_list_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("responsible_person", sa.String(length=50), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("nodes", sa.Text(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open", "done", name="state", native_enum=False, create_constraint=True, length=24
            ),
            nullable=False,
        ),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("progress_note", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_task_item_percent_range")),
        sa.ForeignKeyConstraint(
            ["task_list_id"],
            ["task_list.id"],
            name=op.f("fk_task_item_task_list_id_task_list"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_task_item_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_task_item")),
        sa.UniqueConstraint("task_list_id", "seq", name=op.f("uq_task_item_task_list_id_seq")),
    )
    op.create_index(op.f("ix_task_item_unit_id"), "task_item", ["unit_id"], unique=False)
    op.create_table(
        "inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "phone",
                "on_site",
                "records",
                "spot_check",
                name="method",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("fix_by", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["secretary_project.id"],
            name=op.f("fk_inspection_project_id_secretary_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_inspection_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection")),
    )
    op.create_index(op.f("ix_inspection_project_id"), "inspection", ["project_id"], unique=False)
    op.create_index(
        "ix_inspection_unit_date", "inspection", ["unit_id", "inspected_on"], unique=False
    )
    op.create_table(
        "milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("duration", sa.Integer(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("actual_on", sa.Date(), nullable=True),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("duration >= 1", name=op.f("ck_milestone_duration_positive")),
        sa.CheckConstraint("percent BETWEEN 0 AND 100", name=op.f("ck_milestone_percent_range")),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["secretary_project.id"],
            name=op.f("fk_milestone_project_id_secretary_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestone")),
        sa.UniqueConstraint("project_id", "seq", name=op.f("uq_milestone_project_id_seq")),
    )
    op.create_table(
        "satisfaction_survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("basically_satisfied", sa.Integer(), nullable=False),
        sa.Column("unsatisfied", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "satisfied + basically_satisfied + unsatisfied <= participants",
            name=op.f("ck_satisfaction_survey_counts_fit"),
        ),
        sa.CheckConstraint(
            "satisfied >= 0 AND basically_satisfied >= 0 AND unsatisfied >= 0",
            name=op.f("ck_satisfaction_survey_counts_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["secretary_project.id"],
            name=op.f("fk_satisfaction_survey_project_id_secretary_project"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_satisfaction_survey_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfaction_survey")),
    )
    op.create_index(
        op.f("ix_satisfaction_survey_unit_id"), "satisfaction_survey", ["unit_id"], unique=False
    )
    op.create_index(
        op.f("ix_satisfaction_survey_year"), "satisfaction_survey", ["year"], unique=False
    )
    op.create_table(
        "site_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("issues", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["secretary_project.id"],
            name=op.f("fk_site_visit_project_id_secretary_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_visit")),
    )
    op.create_index(op.f("ix_site_visit_project_id"), "site_visit", ["project_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_site_visit_project_id"), table_name="site_visit")
    op.drop_table("site_visit")
    op.drop_index(op.f("ix_satisfaction_survey_year"), table_name="satisfaction_survey")
    op.drop_index(op.f("ix_satisfaction_survey_unit_id"), table_name="satisfaction_survey")
    op.drop_table("satisfaction_survey")
    op.drop_table("milestone")
    op.drop_index("ix_inspection_unit_date", table_name="inspection")
    op.drop_index(op.f("ix_inspection_project_id"), table_name="inspection")
    op.drop_table("inspection")
    op.drop_index(op.f("ix_task_item_unit_id"), table_name="task_item")
    op.drop_table("task_item")
    op.drop_index("ix_secretary_project_year_state", table_name="secretary_project")
    op.drop_index("ix_secretary_project_unit_year", table_name="secretary_project")
    op.drop_table("secretary_project")
    op.drop_index(op.f("ix_ballot_tally_unit_id"), table_name="ballot_tally")
    op.drop_table("ballot_tally")
    op.drop_index(op.f("ix_assessment_result_unit_id"), table_name="assessment_result")
    op.drop_table("assessment_result")
    op.drop_index(op.f("ix_assessment_adjustment_year"), table_name="assessment_adjustment")
    op.drop_index(op.f("ix_assessment_adjustment_unit_id"), table_name="assessment_adjustment")
    op.drop_table("assessment_adjustment")
    op.drop_table("task_list")
    op.drop_table("rater_group")
    op.drop_table("indicator_weight")
    op.drop_table("assessment_year")

"""四项清单: needs, resources, projects, claims (as commitments), resident ratings, wall postings

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 10:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_days", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("claim_days > 0", name=op.f("ck_list_settings_claim_days_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_settings")),
    )
    op.create_table(
        "need_category",
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
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need_category")),
        sa.UniqueConstraint("name", name=op.f("uq_need_category_name")),
    )
    op.create_table(
        "need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=50), nullable=False),
        sa.Column("alliance_id", sa.Integer(), nullable=False),
        sa.Column("community_unit_id", sa.Integer(), nullable=False),
        sa.Column("grid", sa.String(length=50), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "home_visit",
                "forum",
                "consultation",
                "mailbox",
                "unit_visit",
                "hotline",
                "other",
                name="source",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "proposer",
            sa.Enum(
                "resident",
                "unit",
                "party_member",
                name="proposer",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("proposer_name", sa.String(length=50), nullable=False),
        sa.Column("proposer_phone", sa.String(length=30), nullable=False),
        sa.Column("households", sa.Integer(), nullable=False),
        sa.Column(
            "urgency",
            sa.Enum(
                "normal",
                "urgent",
                "critical",
                name="urgency",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("registrar", sa.String(length=50), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "pending",
                "verified",
                "matched",
                "done",
                "rated",
                "merged",
                "referred",
                "rejected",
                name="state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("households >= 0", name=op.f("ck_need_households")),
        sa.ForeignKeyConstraint(
            ["alliance_id"],
            ["alliance.id"],
            name=op.f("fk_need_alliance_id_alliance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_unit_id"], ["unit.id"], name=op.f("fk_need_community_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["need.id"],
            name=op.f("fk_need_merged_into_id_need"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_need")),
        sa.UniqueConstraint("code", name=op.f("uq_need_code")),
    )
    op.create_index("ix_need_alliance_state", "need", ["alliance_id", "state"], unique=False)
    op.create_index(op.f("ix_need_community_unit_id"), "need", ["community_unit_id"], unique=False)
    op.create_index("ix_need_registered_state", "need", ["registered_on", "state"], unique=False)
    op.create_table(
        "resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alliance_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "venue",
                "talent",
                "policy",
                "education",
                "culture",
                "material",
                "funds",
                "other",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("quantity", sa.String(length=100), nullable=False),
        sa.Column("contact", sa.String(length=50), nullable=False),
        sa.Column("contact_phone", sa.String(length=30), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "active",
                "paused",
                "expired",
                name="state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["alliance_id"],
            ["alliance.id"],
            name=op.f("fk_resource_alliance_id_alliance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_resource_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resource")),
    )
    op.create_index(
        "ix_resource_alliance_state", "resource", ["alliance_id", "state"], unique=False
    )
    op.create_index(op.f("ix_resource_unit_id"), "resource", ["unit_id"], unique=False)
    op.create_table(
        "wall_posting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope_key", sa.String(length=30), nullable=False),
        sa.Column("alliance_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("paper", sa.String(length=10), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("adjustments", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["alliance_id"],
            ["alliance.id"],
            name=op.f("fk_wall_posting_alliance_id_alliance"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wall_posting")),
    )
    op.create_index("ix_wall_posting_scope", "wall_posting", ["scope_key", "number"], unique=False)
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("alliance_id", sa.Integer(), nullable=False),
        sa.Column("community_unit_id", sa.Integer(), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=True),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("expected_outcome", sa.Text(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum(
                "meeting",
                "volunteered",
                "assigned",
                name="origin",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "published",
                "claimed",
                "in_progress",
                "done",
                "rated",
                "shelved",
                "withdrawn",
                name="state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "shelved_from",
            sa.Enum(
                "draft",
                "published",
                "claimed",
                "in_progress",
                "done",
                "rated",
                "shelved",
                "withdrawn",
                name="shelved_from",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("claimed_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint("planned_end >= planned_start", name=op.f("ck_project_planned_order")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_project_agenda_item_id_agenda_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["alliance_id"],
            ["alliance.id"],
            name=op.f("fk_project_alliance_id_alliance"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["community_unit_id"], ["unit.id"], name=op.f("fk_project_community_unit_id_unit")
        ),
        sa.ForeignKeyConstraint(
            ["lead_unit_id"], ["unit.id"], name=op.f("fk_project_lead_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project")),
        sa.UniqueConstraint("code", name=op.f("uq_project_code")),
    )
    op.create_index(op.f("ix_project_agenda_item_id"), "project", ["agenda_item_id"], unique=False)
    op.create_index("ix_project_alliance_state", "project", ["alliance_id", "state"], unique=False)
    op.create_index(
        op.f("ix_project_community_unit_id"), "project", ["community_unit_id"], unique=False
    )
    op.create_index("ix_project_finished_state", "project", ["finished_on", "state"], unique=False)
    op.create_index(op.f("ix_project_lead_unit_id"), "project", ["lead_unit_id"], unique=False)
    op.create_table(
        "project_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"], ["need.id"], name=op.f("fk_project_need_need_id_need"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_need_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_need")),
        sa.UniqueConstraint(
            "project_id", "need_id", name=op.f("uq_project_need_project_id_need_id")
        ),
    )
    op.create_index(op.f("ix_project_need_need_id"), "project_need", ["need_id"], unique=False)
    op.create_table(
        "project_resource",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("resource_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_resource_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resource_id"],
            ["resource.id"],
            name=op.f("fk_project_resource_resource_id_resource"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_resource")),
        sa.UniqueConstraint(
            "project_id", "resource_id", name=op.f("uq_project_resource_project_id_resource_id")
        ),
    )
    op.create_index(
        op.f("ix_project_resource_resource_id"), "project_resource", ["resource_id"], unique=False
    )
    op.create_table(
        "resident_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("basically_satisfied", sa.Integer(), nullable=False),
        sa.Column("unsatisfied", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.CheckConstraint(
            "satisfied + basically_satisfied + unsatisfied <= participants",
            name=op.f("ck_resident_rating_tally"),
        ),
        sa.CheckConstraint(
            "satisfied >= 0 AND basically_satisfied >= 0 AND unsatisfied >= 0",
            name=op.f("ck_resident_rating_votes"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_resident_rating_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resident_rating")),
        sa.UniqueConstraint("project_id", name=op.f("uq_resident_rating_project_id")),
    )
    op.create_table(
        "project_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("responsible_person", sa.String(length=50), nullable=False),
        sa.Column("milestones", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_project_claim_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["project.id"],
            name=op.f("fk_project_claim_project_id_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_project_claim")),
        sa.UniqueConstraint("commitment_id", name=op.f("uq_project_claim_commitment_id")),
    )
    op.create_index(
        op.f("ix_project_claim_project_id"), "project_claim", ["project_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_project_claim_project_id"), table_name="project_claim")
    op.drop_table("project_claim")
    op.drop_table("resident_rating")
    op.drop_index(op.f("ix_project_resource_resource_id"), table_name="project_resource")
    op.drop_table("project_resource")
    op.drop_index(op.f("ix_project_need_need_id"), table_name="project_need")
    op.drop_table("project_need")
    op.drop_index(op.f("ix_project_lead_unit_id"), table_name="project")
    op.drop_index("ix_project_finished_state", table_name="project")
    op.drop_index(op.f("ix_project_community_unit_id"), table_name="project")
    op.drop_index("ix_project_alliance_state", table_name="project")
    op.drop_index(op.f("ix_project_agenda_item_id"), table_name="project")
    op.drop_table("project")
    op.drop_index("ix_wall_posting_scope", table_name="wall_posting")
    op.drop_table("wall_posting")
    op.drop_index(op.f("ix_resource_unit_id"), table_name="resource")
    op.drop_index("ix_resource_alliance_state", table_name="resource")
    op.drop_table("resource")
    op.drop_index("ix_need_registered_state", table_name="need")
    op.drop_index(op.f("ix_need_community_unit_id"), table_name="need")
    op.drop_index("ix_need_alliance_state", table_name="need")
    op.drop_table("need")
    op.drop_table("need_category")
    op.drop_table("list_settings")

"""The key-work workflow tables: entries, cooperating units, history (append-only), feedback,
evaluations, continuity links, users, settings and applied Excel rows.

Revision ID: 0002_work
Revises: 0001_ledger
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_work"
down_revision = "0001_ledger"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_work_setting")),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=128), nullable=True),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_app_user_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "work_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("quarter", sa.String(length=8), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("remark_id", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("domain_manual", sa.Boolean(), nullable=False),
        sa.Column("domain_evidence", sa.JSON(), nullable=False),
        sa.Column("lead_unit_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("carried_to", sa.String(length=8), nullable=True),
        sa.Column("carried_from_id", sa.Integer(), nullable=True),
        sa.Column("reported_done_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["carried_from_id"], ["work_entry.id"], name=op.f("fk_work_entry_carried_from_id_work_entry")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["key_work_item.id"],
            name=op.f("fk_work_entry_item_id_key_work_item"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["lead_unit_id"], ["unit.id"], name=op.f("fk_work_entry_lead_unit_id_unit")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_work_entry_meeting_id_meeting"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["remark_id"], ["remark.id"], name=op.f("fk_work_entry_remark_id_remark"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_work_entry_source_id_source"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_entry")),
        sa.UniqueConstraint("item_id", name=op.f("uq_work_entry_item_id")),
        sa.UniqueConstraint("remark_id", name=op.f("uq_work_entry_remark_id")),
    )
    with op.batch_alter_table("work_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_entry_carried_from_id"), ["carried_from_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_deadline"), ["deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_domain"), ["domain"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_lead_unit_id"), ["lead_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_quarter"), ["quarter"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_status"), ["status"], unique=False)

    op.create_table(
        "work_entry_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["work_entry.id"],
            name=op.f("fk_work_entry_unit_entry_id_work_entry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_work_entry_unit_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_entry_unit")),
        sa.UniqueConstraint("entry_id", "unit_id", name=op.f("uq_work_entry_unit_entry_id_unit_id")),
    )
    with op.batch_alter_table("work_entry_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_entry_unit_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_entry_unit_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "work_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("quality", sa.Float(), nullable=False),
        sa.Column("timeliness", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("evaluator", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["work_entry.id"], name=op.f("fk_work_evaluation_entry_id_work_entry")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_evaluation")),
    )
    with op.batch_alter_table("work_evaluation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_evaluation_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "work_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("progress", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["work_entry.id"], name=op.f("fk_work_feedback_entry_id_work_entry")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_work_feedback_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_feedback")),
    )
    with op.batch_alter_table("work_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_feedback_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "work_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["work_entry.id"], name=op.f("fk_work_history_entry_id_work_entry")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_history")),
    )
    with op.batch_alter_table("work_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_history_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "work_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.Text(), nullable=True),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["work_entry.id"], name=op.f("fk_work_import_entry_id_work_entry")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_work_import_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_import")),
        sa.UniqueConstraint("row_hash", name=op.f("uq_work_import_row_hash")),
    )
    with op.batch_alter_table("work_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_import_entry_id"), ["entry_id"], unique=False)

    op.create_table(
        "work_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("predecessor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("shared_terms", sa.JSON(), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["work_entry.id"], name=op.f("fk_work_link_entry_id_work_entry")
        ),
        sa.ForeignKeyConstraint(
            ["predecessor_id"], ["work_entry.id"], name=op.f("fk_work_link_predecessor_id_work_entry")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_link")),
        sa.UniqueConstraint("entry_id", "predecessor_id", name=op.f("uq_work_link_entry_id_predecessor_id")),
    )
    with op.batch_alter_table("work_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_link_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_link_predecessor_id"), ["predecessor_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        # the history is append-only for anyone who opens the database, not only through the ORM
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER work_history_no_{verb.lower()} BEFORE {verb} ON work_history "
                "BEGIN SELECT RAISE(ABORT, 'work_history is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS work_history_no_update")
        op.execute("DROP TRIGGER IF EXISTS work_history_no_delete")
    with op.batch_alter_table("work_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_link_predecessor_id"))
        batch_op.drop_index(batch_op.f("ix_work_link_entry_id"))

    op.drop_table("work_link")
    with op.batch_alter_table("work_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_import_entry_id"))

    op.drop_table("work_import")
    with op.batch_alter_table("work_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_history_entry_id"))

    op.drop_table("work_history")
    with op.batch_alter_table("work_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_feedback_entry_id"))

    op.drop_table("work_feedback")
    with op.batch_alter_table("work_evaluation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_evaluation_entry_id"))

    op.drop_table("work_evaluation")
    with op.batch_alter_table("work_entry_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_entry_unit_unit_id"))
        batch_op.drop_index(batch_op.f("ix_work_entry_unit_entry_id"))

    op.drop_table("work_entry_unit")
    with op.batch_alter_table("work_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_entry_status"))
        batch_op.drop_index(batch_op.f("ix_work_entry_quarter"))
        batch_op.drop_index(batch_op.f("ix_work_entry_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_work_entry_lead_unit_id"))
        batch_op.drop_index(batch_op.f("ix_work_entry_domain"))
        batch_op.drop_index(batch_op.f("ix_work_entry_deadline"))
        batch_op.drop_index(batch_op.f("ix_work_entry_carried_from_id"))

    op.drop_table("work_entry")
    op.drop_table("app_user")
    op.drop_table("work_setting")

"""The ledger tables: sources, meetings, people, units, appearances, speeches, remarks, key-work items,
term occurrences and provenance spans.  Keep editing this one revision until the first release.

Revision ID: 0001_ledger
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_ledger"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organ", sa.String(length=64), nullable=False),
        sa.Column("city", sa.String(length=32), nullable=True),
        sa.Column("kind", sa.String(length=64), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_basis", sa.String(length=16), nullable=True),
        sa.Column("quarter", sa.String(length=8), nullable=True),
        sa.Column("form", sa.String(length=64), nullable=True),
        sa.Column("time_of_day", sa.String(length=16), nullable=True),
        sa.Column("opening_speaker", sa.String(length=32), nullable=True),
        sa.Column("opening_text", sa.Text(), nullable=True),
        sa.Column("deployment_speaker", sa.String(length=32), nullable=True),
        sa.Column("deployment_heading", sa.Text(), nullable=True),
        sa.Column("speech_topic", sa.Text(), nullable=True),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("merged", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("organ", "city", "date", name=op.f("uq_meeting_organ_city_date")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_date"), ["date"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_quarter"), ["quarter"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("name", name=op.f("uq_person_name")),
    )
    op.create_table(
        "unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit")),
        sa.UniqueConstraint("name", name=op.f("uq_unit_name")),
    )
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=True),
        sa.Column("script", sa.String(length=8), nullable=True),
        sa.Column("encoding", sa.String(length=32), nullable=True),
        sa.Column("outlet", sa.String(length=128), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column(
            "ingested_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_source_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("sha256", name=op.f("uq_source_sha256")),
    )
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "appearance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_appearance_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_appearance_person_id_person")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_appearance_source_id_source"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appearance")),
        sa.UniqueConstraint(
            "meeting_id", "person_id", "role", name=op.f("uq_appearance_meeting_id_person_id_role")
        ),
    )
    with op.batch_alter_table("appearance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_appearance_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_appearance_person_id"), ["person_id"], unique=False)

    op.create_table(
        "key_work_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("speaker", sa.String(length=32), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_key_work_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_key_work_item_source_id_source"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_work_item")),
        sa.UniqueConstraint("meeting_id", "order", name=op.f("uq_key_work_item_meeting_id_order")),
    )
    with op.batch_alter_table("key_work_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_key_work_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "provenance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_provenance_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provenance")),
    )
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_provenance_source_id"), ["source_id"], unique=False)

    op.create_table(
        "remark",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(length=32), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("heading", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_remark_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_remark_person_id_person")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_remark_source_id_source"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remark")),
        sa.UniqueConstraint("meeting_id", "order", name=op.f("uq_remark_meeting_id_order")),
    )
    with op.batch_alter_table("remark", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_remark_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "speech",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("order", sa.Integer(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_speech_meeting_id_meeting"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_speech_source_id_source"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_speech_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speech")),
        sa.UniqueConstraint("meeting_id", "unit_id", name=op.f("uq_speech_meeting_id_unit_id")),
    )
    with op.batch_alter_table("speech", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speech_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_speech_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "term_occurrence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_term_occurrence_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_term_occurrence_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_occurrence")),
    )
    with op.batch_alter_table("term_occurrence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_term_occurrence_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index("ix_term_occurrence_meeting_term", ["meeting_id", "term"], unique=False)
        batch_op.create_index(batch_op.f("ix_term_occurrence_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_term_occurrence_term"), ["term"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("term_occurrence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_term_occurrence_term"))
        batch_op.drop_index(batch_op.f("ix_term_occurrence_source_id"))
        batch_op.drop_index("ix_term_occurrence_meeting_term")
        batch_op.drop_index(batch_op.f("ix_term_occurrence_meeting_id"))

    op.drop_table("term_occurrence")
    with op.batch_alter_table("speech", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speech_unit_id"))
        batch_op.drop_index(batch_op.f("ix_speech_meeting_id"))

    op.drop_table("speech")
    with op.batch_alter_table("remark", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_remark_meeting_id"))

    op.drop_table("remark")
    with op.batch_alter_table("provenance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_provenance_source_id"))

    op.drop_table("provenance")
    with op.batch_alter_table("key_work_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_work_item_meeting_id"))

    op.drop_table("key_work_item")
    with op.batch_alter_table("appearance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appearance_person_id"))
        batch_op.drop_index(batch_op.f("ix_appearance_meeting_id"))

    op.drop_table("appearance")
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_meeting_id"))

    op.drop_table("source")
    op.drop_table("unit")
    op.drop_table("person")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_quarter"))
        batch_op.drop_index(batch_op.f("ix_meeting_date"))

    op.drop_table("meeting")

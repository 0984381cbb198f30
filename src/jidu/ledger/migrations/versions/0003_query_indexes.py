"""Indexes (and one derived column) for queries on a grown ledger: meetings listing, person
history, quarter snapshots, term trends, the trends page's domain counts and the ledger board.

``key_work_item.domain`` holds the policy domain of the item's text; the ORM keeps it (see
``jidu.ledger.models._item_domain``).  Rows written before this revision keep None and readers
classify those themselves, so no data migration is needed.

Revision ID: 0003_query_indexes
Revises: 0002_work
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_query_indexes"
down_revision = "0002_work"
branch_labels = None
depends_on = None

INDEXES: tuple[tuple[str, str, list[str]], ...] = (
    ("ix_appearance_meeting_role", "appearance", ["meeting_id", "role", "position"]),
    ("ix_appearance_person_meeting", "appearance", ["person_id", "meeting_id"]),
    ("ix_meeting_quarter_date", "meeting", ["quarter", "date", "id"]),
    ("ix_term_occurrence_term_meeting", "term_occurrence", ["term", "meeting_id"]),
    ("ix_work_entry_quarter_status", "work_entry", ["quarter", "status"]),
    ("ix_work_entry_quarter_lead", "work_entry", ["quarter", "lead_unit_id"]),
    ("ix_work_entry_unit_unit_entry", "work_entry_unit", ["unit_id", "entry_id"]),
)


def upgrade() -> None:
    op.add_column("key_work_item", sa.Column("domain", sa.String(length=32), nullable=True))
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("key_work_item") as batch_op:
        batch_op.drop_column("domain")

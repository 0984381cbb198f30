"""LSH band keys of the sources' MinHash signatures (``source_band``), for near-duplicate lookups.

Ingest used to load every stored signature into memory and compare a new readout with all of them
(memory and time growing with the ledger); it now looks up the new signature's band keys in this
table and compares only the sources sharing one.  Sources stored before this revision get their
keys here, computed from ``source.minhash`` exactly as :func:`jidu.ledger.ingest.band_keys` does
(the function is copied so that this revision keeps working whatever the code later becomes).

Revision ID: 0004_ingest_speed
Revises: 0003_query_indexes
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004_ingest_speed"
down_revision = "0003_query_indexes"
branch_labels = None
depends_on = None

NUM_PERM, BANDS, ROWS = 128, 16, 8


def _band_keys(blob: bytes) -> list[int]:
    keys = []
    for band in range(BANDS):
        part = blob[band * ROWS * 8 : (band + 1) * ROWS * 8]
        digest = hashlib.blake2b(bytes([band]) + part, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def upgrade() -> None:
    op.create_table(
        "source_band",
        sa.Column("key", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("source_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_source_band_source_id_source"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key", "source_id", name=op.f("pk_source_band")),
    )
    op.create_index(op.f("ix_source_band_source_id"), "source_band", ["source_id"], unique=False)
    connection = op.get_bind()
    source = sa.table("source", sa.column("id", sa.Integer()), sa.column("minhash", sa.LargeBinary()))
    band = sa.table("source_band", sa.column("key", sa.BigInteger()), sa.column("source_id", sa.Integer()))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(source.c.id, source.c.minhash).where(source.c.id > last).order_by(source.c.id).limit(1000)
        ).all()
        if not rows:
            break
        values = [
            {"key": key, "source_id": sid}
            for sid, blob in rows
            if blob and len(blob) == NUM_PERM * 8
            for key in dict.fromkeys(_band_keys(blob))
        ]
        if values:
            connection.execute(sa.insert(band), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index(op.f("ix_source_band_source_id"), table_name="source_band")
    op.drop_table("source_band")

"""Alembic environment for the ledger, driven from :func:`jidu.ledger.db.upgrade`.

No ``alembic.ini`` is needed: the caller passes an open connection in
``config.attributes["connection"]``.  ``render_as_batch`` lets the same scripts alter tables on
SQLite, which has no ``ALTER ... CONSTRAINT``.
"""

from __future__ import annotations

from alembic import context

from jidu.ledger.db import include_object
from jidu.ledger.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through jidu.ledger.db.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

"""Opening a ledger database: engines, sessions and migrations.

Any SQLAlchemy URL works; SQLite is the embedded default.  On SQLite every connection runs in WAL
mode (readers are not blocked by an ingest), with foreign keys enforced and a busy timeout so
that a reader and a writer wait for each other instead of failing.  The schema is brought up to
date by Alembic, with the scripts shipped inside the package, whenever a database is opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000
CACHE_KIB = 32 * 1024
"""SQLite's page cache per connection: the 2 MiB default holds little of a ledger of thousands of
meetings, and every page it misses is a system call and a copy (docs/performance.md)."""
SEARCH_PREFIX = "search_"
"""Tables outside the models (the SQLite full-text index and its shadow tables) start with this."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings: WAL, foreign keys, busy timeout, page cache."""
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def include_object(obj: Any, name: str | None, type_: str, _reflected: bool, _compare_to: Any) -> bool:
    """Alembic filter: the full-text index is managed by :mod:`jidu.ledger.search`, not by migrations."""
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_PREFIX))


def alembic_config(connection: Any) -> Config:
    """An Alembic config pointing at the packaged scripts, bound to an open connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the schema to ``revision`` (all heads by default) and make sure the search index exists."""
    from jidu.ledger import search

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
    with engine.begin() as connection:
        search.ensure_index(connection)


def open_db(url: str, *, migrate: bool = True) -> Engine:
    """The engine for ``url`` with its schema up to date: what every interface calls first."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error (one transaction)."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()

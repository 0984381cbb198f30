"""Opening databases: SQLite pragmas, migrations that match the models exactly, transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

import jidu.work.models  # noqa: F401 - the workflow's tables live on the same Base
from jidu.ledger.db import include_object, make_engine, open_db, session_scope, upgrade
from jidu.ledger.models import Base, Person


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_migrations_create_exactly_the_models_schema(tmp_path: Path) -> None:
    engine = open_db(f"sqlite:///{tmp_path / 'b.db'}")
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, Base.metadata) == []
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert version and set(inspect(engine).get_table_names()) >= set(Base.metadata.tables)


def test_upgrade_twice_is_harmless_and_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    engine = open_db(url)
    with session_scope(engine) as session:
        session.add(Person(name="张示例"))
    upgrade(engine)
    with session_scope(open_db(url)) as session:
        assert session.scalars(select(Person.name)).all() == ["张示例"]


def test_session_scope_rolls_back_on_error(tmp_path: Path) -> None:
    engine = open_db(f"sqlite:///{tmp_path / 'd.db'}")
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        session.add(Person(name="李示例"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(engine) as session:
        assert session.scalars(select(Person)).all() == []


def test_readers_are_not_blocked_by_an_open_write_transaction(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'e.db'}"
    engine = open_db(url)
    with session_scope(engine) as session:
        session.add(Person(name="甲"))
    writer = make_engine(url).connect()
    transaction = writer.begin()
    writer.execute(text("INSERT INTO person (name) VALUES ('乙')"))
    try:
        with session_scope(make_engine(url)) as reader:  # WAL: sees the last commit, does not wait
            assert reader.scalars(select(Person.name)).all() == ["甲"]
    finally:
        transaction.rollback()
        writer.close()

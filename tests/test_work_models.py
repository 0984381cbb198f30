"""The workflow tables: the migration creates exactly the models, downgrades cleanly, keeps history append-only."""

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

import jidu.work.models as models
from jidu.ledger.db import alembic_config, include_object, make_engine, upgrade
from jidu.ledger.models import Base
from ledger_data import fresh_db

WORK_TABLES = {"work_entry", "work_entry_unit", "work_history", "work_feedback", "work_evaluation", "work_link",
               "app_user", "work_setting", "work_import"}


def test_migration_matches_the_models(tmp_path):
    engine = make_engine(fresh_db(tmp_path))
    assert WORK_TABLES <= set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        ctx = MigrationContext.configure(connection, opts={"include_object": include_object, "compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
    assert models.WorkEntry.__table__.metadata is Base.metadata


def test_downgrade_to_the_ledger_and_back(tmp_path):
    engine = make_engine(fresh_db(tmp_path))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001_ledger")
    assert not WORK_TABLES & set(inspect(engine).get_table_names())
    upgrade(engine)
    assert WORK_TABLES <= set(inspect(engine).get_table_names())


def test_history_is_append_only_in_the_database(tmp_path):
    engine = make_engine(fresh_db(tmp_path))
    with engine.begin() as c:
        c.execute(text("INSERT INTO work_entry (id, title, quarter, origin, domain, domain_manual, domain_evidence, "
                       "start_date, deadline, status, progress, created_by, created_at, updated_at) VALUES "
                       "(1, 't', '2022Q3', 'manual', 'other', 0, '{}', '2022-07-01', '2022-09-30', 'registered', 0, "
                       "'x', '2022-07-01 00:00:00', '2022-07-01 00:00:00')"))
        c.execute(text("INSERT INTO work_history (entry_id, at, actor, action, details) "
                       "VALUES (1, '2022-07-01 00:00:00', 'x', 'create', '{}')"))
    for statement in ("UPDATE work_history SET actor = 'y'", "DELETE FROM work_history"):
        with pytest.raises(DatabaseError, match="append-only"), engine.begin() as c:
            c.execute(text(statement))


def test_utc_datetime_round_trip():
    column = models.UTCDateTime()
    shanghai = dt.timezone(dt.timedelta(hours=8))
    stored = column.process_bind_param(dt.datetime(2022, 7, 1, 8, 0, tzinfo=shanghai), None)
    assert stored == dt.datetime(2022, 7, 1, 0, 0) and stored.tzinfo is None
    assert column.process_result_value(stored, None) == dt.datetime(2022, 7, 1, 0, 0, tzinfo=dt.UTC)
    assert column.process_bind_param(None, None) is None

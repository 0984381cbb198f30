"""The workflow's tables, on the ledger's one :class:`~jidu.ledger.models.Base`.

* ``work_entry``: a key-work entry (one deployed item, remark requirement or hand-made task) with
  its quarter, source, domain, units, dates, status and progress;
* ``work_entry_unit``: its cooperating units;
* ``work_history``: the append-only record of every change (who, when, from, to, why);
* ``work_feedback``: what units reported; ``work_evaluation``: the office's scores;
* ``work_link``: continuity links to predecessors in earlier quarters (suggested, confirmed, broken);
* ``app_user``: people who use the ledger, with a role and, for unit editors, their unit;
* ``work_setting``: the warning thresholds and other settings;
* ``work_import``: the Excel rows already applied (by hash), so none is applied twice.

Times are aware UTC datetimes (stored as UTC); deadlines and start days are Shanghai dates.
Overdue and lights are computed, never stored.  The schema is created by the Alembic revision
``0002_work``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jidu.ledger.models import Base, Unit
from jidu.work.clock import UTC, as_utc


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC and read back aware, on every database alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else as_utc(value).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class WorkEntry(Base):
    """One key-work entry (重点工作事项) in one quarter."""

    __tablename__ = "work_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
    quarter: Mapped[str] = mapped_column(String(8), index=True)
    origin: Mapped[str] = mapped_column(String(16), default="manual")
    """``item`` (deployment item), ``remark`` (a requirement heading), ``manual`` or ``carry``."""
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"), index=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("key_work_item.id", ondelete="SET NULL"), unique=True
    )
    remark_id: Mapped[int | None] = mapped_column(ForeignKey("remark.id", ondelete="SET NULL"), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    domain: Mapped[str] = mapped_column(String(32), default="other", index=True)
    domain_manual: Mapped[bool] = mapped_column(Boolean, default=False)
    domain_evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lead_unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="registered", index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    carried_to: Mapped[str | None] = mapped_column(String(8))
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("work_entry.id"), index=True)
    reported_done_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(64), default="system")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    lead_unit: Mapped[Unit | None] = relationship(foreign_keys=[lead_unit_id])
    cooperating: Mapped[list[WorkEntryUnit]] = relationship(
        back_populates="entry", cascade="all, delete-orphan", order_by="WorkEntryUnit.position"
    )
    history: Mapped[list[WorkHistory]] = relationship(back_populates="entry", order_by="WorkHistory.id")
    feedback: Mapped[list[WorkFeedback]] = relationship(back_populates="entry", order_by="WorkFeedback.id")
    evaluations: Mapped[list[WorkEvaluation]] = relationship(
        back_populates="entry", order_by="WorkEvaluation.id"
    )
    carried_from: Mapped[WorkEntry | None] = relationship(remote_side=[id], foreign_keys=[carried_from_id])

    @property
    def cooperating_units(self) -> list[Unit]:
        return [c.unit for c in self.cooperating]

    @property
    def evaluation(self) -> WorkEvaluation | None:
        """The current evaluation: the latest one (earlier ones stay as history)."""
        return self.evaluations[-1] if self.evaluations else None


class WorkEntryUnit(Base):
    """A cooperating unit (配合单位) of an entry."""

    __tablename__ = "work_entry_unit"
    __table_args__ = (UniqueConstraint("entry_id", "unit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    entry: Mapped[WorkEntry] = relationship(back_populates="cooperating")
    unit: Mapped[Unit] = relationship()


class WorkHistory(Base):
    """One change of an entry: append-only (updates and deletes are refused)."""

    __tablename__ = "work_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    entry: Mapped[WorkEntry] = relationship(back_populates="history")


class WorkFeedback(Base):
    """A report by a unit (or a comment by the office): text, optional progress, how it arrived."""

    __tablename__ = "work_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    author: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    progress: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(16), default="cli")

    entry: Mapped[WorkEntry] = relationship(back_populates="feedback")
    unit: Mapped[Unit | None] = relationship()


class WorkEvaluation(Base):
    """The office's evaluation (结果考评) of a closed entry: quality and timeliness, 0-100."""

    __tablename__ = "work_evaluation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id"), index=True)
    quality: Mapped[float] = mapped_column(Float)
    timeliness: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)
    evaluator: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    entry: Mapped[WorkEntry] = relationship(back_populates="evaluations")


class WorkLink(Base):
    """A continuity link: ``entry`` continues ``predecessor`` (an earlier quarter's entry)."""

    __tablename__ = "work_link"
    __table_args__ = (UniqueConstraint("entry_id", "predecessor_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id"), index=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="suggested")
    """``suggested`` (by similarity), ``carry`` (carry-over), ``manual`` (set by a supervisor)."""
    state: Mapped[str] = mapped_column(String(16), default="suggested")
    """``suggested``, ``confirmed`` or ``broken``."""
    similarity: Mapped[float | None] = mapped_column(Float)
    evidence: Mapped[str | None] = mapped_column(Text)
    shared_terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    entry: Mapped[WorkEntry] = relationship(foreign_keys=[entry_id])
    predecessor: Mapped[WorkEntry] = relationship(foreign_keys=[predecessor_id])


class User(Base):
    """A person who uses the ledger; the password is stored only as an argon2 hash."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    unit: Mapped[Unit | None] = relationship()


class WorkSetting(Base):
    """One setting (e.g. ``lights.yellow_lag``) with its JSON value and who changed it last."""

    __tablename__ = "work_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class WorkImport(Base):
    """An Excel row already applied, by the hash of its content: a second import skips it."""

    __tablename__ = "work_import"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    row_hash: Mapped[str] = mapped_column(String(64), unique=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("work_entry.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    filename: Mapped[str | None] = mapped_column(Text)
    row: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


# Revision 0003_query_indexes: the ledger board's per-quarter counts and filters on a grown ledger.
Index("ix_work_entry_quarter_status", WorkEntry.quarter, WorkEntry.status)
Index("ix_work_entry_quarter_lead", WorkEntry.quarter, WorkEntry.lead_unit_id)
Index("ix_work_entry_unit_unit_entry", WorkEntryUnit.unit_id, WorkEntryUnit.entry_id)


@event.listens_for(WorkHistory, "before_update")
@event.listens_for(WorkHistory, "before_delete")
def _history_is_append_only(_mapper: Any, _connection: Any, target: WorkHistory) -> None:
    raise PermissionError(f"work_history is append-only (row {target.id})")

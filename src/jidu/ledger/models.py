"""The ledger's tables: SQLAlchemy 2 typed declarative models on one :data:`Base`.

The ledger keeps every readout it was given (``source``) and the meetings they report
(``meeting``).  A meeting's rows (appearances, remarks, key-work items, speeches, term
occurrences) are the *consolidated* view over all its sources; each row keeps the ``source_id``
and the ``[start, end)`` character span of the source's normalized text it was read from, so every
number the ledger shows can be traced back to a readout.  The ``provenance`` table keeps the whole
span map of each record as well.

Other packages (the key-work workflow in :mod:`jidu.work`) add their tables on the same
:data:`Base` with foreign keys to ``meeting.id``, ``key_work_item.id``, ``remark.id``, ``unit.id``,
``person.id`` and ``source.id``: those table and column names are a contract and must stay stable.
Remark and key-work item rows are therefore updated in place when a meeting is re-consolidated,
never deleted and recreated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Explicit constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROLES = ("presider", "deployer", "also_present", "attendee", "speaker")
"""Roles a person can have at a meeting (``appearance.role``)."""


class Base(DeclarativeBase):
    """The one declarative base of every jidu table (ledger and workflow)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Meeting(Base):
    """One real meeting, however many readouts report it (same organ, city and date)."""

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("organ", "city", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organ: Mapped[str] = mapped_column(String(64))
    city: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str | None] = mapped_column(String(64))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_basis: Mapped[str | None] = mapped_column(String(16))
    quarter: Mapped[str | None] = mapped_column(String(8), index=True)
    form: Mapped[str | None] = mapped_column(String(64))
    time_of_day: Mapped[str | None] = mapped_column(String(16))
    opening_speaker: Mapped[str | None] = mapped_column(String(32))
    opening_text: Mapped[str | None] = mapped_column(Text)
    deployment_speaker: Mapped[str | None] = mapped_column(String(32))
    deployment_heading: Mapped[str | None] = mapped_column(Text)
    speech_topic: Mapped[str | None] = mapped_column(Text)
    conflicts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """``[{"field": "form", "values": [{"source_id": 1, "value": ...}, ...]}, ...]``"""
    merged: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Which source each merged field came from: ``{"primary": source_id, "remarks": source_id, ...}``."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    sources: Mapped[list[Source]] = relationship(
        back_populates="meeting", foreign_keys="Source.meeting_id", order_by="Source.id"
    )
    appearances: Mapped[list[Appearance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Appearance.position"
    )
    remarks: Mapped[list[Remark]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Remark.order"
    )
    items: Mapped[list[KeyWorkItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="KeyWorkItem.order"
    )
    speeches: Mapped[list[Speech]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Speech.order"
    )
    terms: Mapped[list[TermOccurrence]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="TermOccurrence.id"
    )


class Source(Base):
    """One readout file as ingested: its identity (sha256), what it said of itself, its text and record."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    """MinHash signature of the normalized text's character shingles (uint64 array, little endian)."""
    format: Mapped[str | None] = mapped_column(String(32))
    script: Mapped[str | None] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String(32))
    outlet: Mapped[str | None] = mapped_column(String(128))
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    """The full ``jidu.meeting/1`` record the reader produced (with ``text`` and ``provenance``)."""
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())

    meeting: Mapped[Meeting | None] = relationship(back_populates="sources", foreign_keys=[meeting_id])
    spans: Mapped[list[Provenance]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="Provenance.id"
    )


class SourceBand(Base):
    """One LSH band key of a source's MinHash signature: near-duplicate lookups go through this
    index (a handful of key lookups) instead of comparing a new readout with every stored one."""

    __tablename__ = "source_band"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    """64-bit hash of one band (its number and its rows of the signature), see ``jidu.ledger.ingest.band_keys``."""
    source_id: Mapped[int] = mapped_column(
        ForeignKey("source.id", ondelete="CASCADE"), primary_key=True, index=True, autoincrement=False
    )


class Provenance(Base):
    """One span of a source's text a record field was read from (``field`` like ``remarks[2].text``)."""

    __tablename__ = "provenance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    source: Mapped[Source] = relationship(back_populates="spans")


class Person(Base):
    """A named leader (names are in simplified script)."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(32), unique=True)

    appearances: Mapped[list[Appearance]] = relationship(back_populates="person")


class Appearance(Base):
    """A person at a meeting in one role, with the title as stated and where it was stated."""

    __tablename__ = "appearance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer, default=0)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="appearances")
    person: Mapped[Person] = relationship(back_populates="appearances")
    source: Mapped[Source | None] = relationship()


class Unit(Base):
    """A district committee, department or office that speaks at meetings or owns work."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)

    speeches: Mapped[list[Speech]] = relationship(back_populates="unit")


class Speech(Base):
    """An exchange speech (交流发言) by a unit at a meeting."""

    __tablename__ = "speech"
    __table_args__ = (UniqueConstraint("meeting_id", "unit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    order: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str | None] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="speeches")
    unit: Mapped[Unit] = relationship(back_populates="speeches")
    source: Mapped[Source | None] = relationship()


class Remark(Base):
    """One remark of the principal speaker, in order, from the source that reported remarks most fully."""

    __tablename__ = "remark"
    __table_args__ = (UniqueConstraint("meeting_id", "order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    order: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(32))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    heading: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="remarks")
    source: Mapped[Source | None] = relationship()


class KeyWorkItem(Base):
    """One deployed key-work item (重点工作), one sentence of the deployment, with its order."""

    __tablename__ = "key_work_item"
    __table_args__ = (UniqueConstraint("meeting_id", "order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    order: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    heading: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(32))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    domain: Mapped[str | None] = mapped_column(String(32))
    """The text's policy domain (:func:`jidu.analysis.domains.classify`), kept by :func:`_item_domain` so the
    trends page counts items per domain in SQL instead of classifying every item on every request;
    None on rows written before revision 0003 (readers classify those themselves)."""

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    source: Mapped[Source | None] = relationship()


class TermOccurrence(Base):
    """One occurrence of a quoted policy term in a source's text, with its sentence and span."""

    __tablename__ = "term_occurrence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(64), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"), index=True)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    meeting: Mapped[Meeting] = relationship(back_populates="terms")
    source: Mapped[Source] = relationship()


Index("ix_term_occurrence_meeting_term", TermOccurrence.meeting_id, TermOccurrence.term)

# Revision 0003_query_indexes: what the queries on a grown ledger (issue 6) need.
Index("ix_appearance_meeting_role", Appearance.meeting_id, Appearance.role, Appearance.position)
"""The presider / deployer of each listed meeting, found without reading its other appearances."""
Index("ix_appearance_person_meeting", Appearance.person_id, Appearance.meeting_id)
"""A person's history: their appearances, meeting by meeting."""
Index("ix_meeting_quarter_date", Meeting.quarter, Meeting.date, Meeting.id)
"""A quarter's meetings in date order (diff snapshots, quarter-bounded listings)."""
Index("ix_term_occurrence_term_meeting", TermOccurrence.term, TermOccurrence.meeting_id)
"""A term's trend counted from the index alone."""


@event.listens_for(KeyWorkItem, "before_insert")
@event.listens_for(KeyWorkItem, "before_update")
def _item_domain(_mapper: Any, _connection: Any, target: KeyWorkItem) -> None:
    """Keep ``domain`` in step with ``text`` whenever the ORM writes an item (ingest, re-consolidation)."""
    from jidu.analysis.domains import classify

    target.domain = classify(target.text or "").domain

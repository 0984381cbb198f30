"""Writing a consolidated meeting into the ledger's rows, each row pointing at its source span.

Remark and key-work item rows are updated in place by their order (their ids are referenced by
the key-work workflow); appearances, speeches and term occurrences are derived data and are
rewritten whole.  Everything happens in the caller's session, hence in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from jidu.ledger.consolidate import Consolidated
from jidu.ledger.models import (
    Appearance,
    KeyWorkItem,
    Meeting,
    Person,
    Remark,
    Speech,
    TermOccurrence,
    Unit,
)
from jidu.record import MeetingRecord

SENTENCE_END = "。！？!?\n"


def get_person(session: Session, name: str) -> Person:
    """The person row for ``name``, created on first sight."""
    person = session.scalar(select(Person).where(Person.name == name))
    if person is None:
        person = Person(name=name)
        session.add(person)
        session.flush()
    return person


def get_unit(session: Session, name: str) -> Unit:
    """The unit row for ``name``, created on first sight."""
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        unit = Unit(name=name)
        session.add(unit)
        session.flush()
    return unit


def covering_span(record: MeetingRecord | None, path: str) -> tuple[int | None, int | None]:
    """The ``[start, end)`` range covering every span the record gives for ``path``, or ``(None, None)``.

    A remark cut over two paragraphs has two spans; the row keeps the range from the first's start
    to the last's end (the ``provenance`` table keeps each span).
    Readers may key a person by its path (``presider``) or by its name field (``presider.name``).
    """
    if record is None:
        return None, None
    candidates = (path, path.removesuffix(".name"), f"{path}.name")
    spans = next((record.provenance[c] for c in candidates if record.provenance.get(c)), None)
    if not spans:
        return None, None
    return min(int(a) for a, _ in spans), max(int(b) for _, b in spans)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` containing ``[start, end)``: from after the previous 。！？ to the next one."""
    lo = max((text.rfind(ch, 0, start) for ch in SENTENCE_END), default=-1) + 1
    his = [i for i in (text.find(ch, end) for ch in SENTENCE_END) if i >= 0]
    hi = min(his) + 1 if his else len(text)
    return text[lo:hi].strip()


def find_occurrences(text: str, term: str, offset: int = 0) -> Iterator[tuple[int, int]]:
    """Every ``[start, end)`` span of ``term`` in ``text[offset:]``, non-overlapping, left to right."""
    if not term:
        return
    for match in re.compile(re.escape(term)).finditer(text, offset):
        yield match.start(), match.end()


def body_offset(record: MeetingRecord, text: str) -> int:
    """Where the body starts: after a first line that repeats the title (terms exclude the title)."""
    title = (record.source.title or "").strip()
    first, _, _ = text.partition("\n")
    return len(first) + 1 if title and first.strip() == title else 0


def parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _name_ids(session: Session, table: Table, names: Iterable[str]) -> dict[str, int]:
    """Ids of the ``person`` or ``unit`` rows named ``names``, the missing ones created: two or three
    statements for a whole meeting instead of a query per name."""
    wanted = list(dict.fromkeys(n for n in names if n))
    found: dict[str, int] = {}
    for at in range(0, len(wanted), CHUNK):
        chunk = wanted[at : at + CHUNK]
        found.update(session.execute(select(table.c.name, table.c.id).where(table.c.name.in_(chunk))).all())
    missing = [n for n in wanted if n not in found]
    if missing:
        session.execute(insert(table), [{"name": n} for n in missing])
        for at in range(0, len(missing), CHUNK):
            chunk = missing[at : at + CHUNK]
            found.update(session.execute(select(table.c.name, table.c.id).where(table.c.name.in_(chunk))).all())
    return found


CHUNK = 500
"""Values per ``IN (...)`` list (SQLite allows a few thousand bound parameters per statement)."""


def apply(
    session: Session,
    meeting: Meeting,
    merged: Consolidated[int],
    records: Mapping[int, MeetingRecord],
    texts: Mapping[int, str],
    *,
    new: bool = False,
) -> None:
    """Write ``merged`` (sources keyed by ``source.id``) into ``meeting`` and its child rows.

    The child rows are written with bulk Core statements (one per table, not one ORM object per
    row).  ``new=True`` says the meeting was created in this transaction, so it has no child rows
    yet and nothing needs to be looked up, replaced or deleted.
    """
    meeting.organ = merged.organ or meeting.organ
    meeting.city = merged.city
    meeting.date = parse_date(merged.date)
    meeting.date_basis = merged.date_basis
    meeting.kind = merged.scalars.get("kind")
    meeting.quarter = merged.scalars.get("quarter")
    meeting.form = merged.scalars.get("form")
    meeting.time_of_day = merged.scalars.get("time_of_day")
    meeting.opening_speaker = merged.opening.value.speaker if merged.opening else None
    meeting.opening_text = merged.opening.value.text if merged.opening else None
    meeting.deployment_speaker = merged.deployment_speaker
    meeting.deployment_heading = merged.deployment_heading
    meeting.speech_topic = merged.topic
    meeting.conflicts = [c.to_json() for c in merged.conflicts]
    meeting.merged = {"primary": merged.primary, **merged.chosen}
    meeting.updated_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.flush()

    _write_appearances(session, meeting, merged, records, new)
    _write_speeches(session, meeting, merged, records, new)
    _write_ordered(session, Remark.__table__, meeting, _remark_rows(session, merged, records), new)
    _write_ordered(session, KeyWorkItem.__table__, meeting, _item_rows(merged, records), new)
    _write_terms(session, meeting, merged, records, texts, new)


def _write_appearances(
    session: Session, meeting: Meeting, merged: Consolidated[int], records: Mapping[int, MeetingRecord], new: bool
) -> None:
    if not new:
        session.execute(delete(Appearance).where(Appearance.meeting_id == meeting.id))
    rows: list[tuple[str, str, str | None, int, str]] = []  # role, name, title, source, path
    if merged.presider:
        rows.append(("presider", merged.presider.value.name, merged.presider.value.title,
                     merged.presider.source, "presider.name"))
    if merged.deployer:
        rows.append(("deployer", merged.deployer.value.name, merged.deployer.value.title,
                     merged.deployer.source, "deployer.name"))
    for tagged in merged.also_present:
        rows.append(("also_present", tagged.value.name, tagged.value.title, tagged.source, tagged.path))
    for tagged in merged.attendees:
        rows.append(("attendee", tagged.value, None, tagged.source, tagged.path))
    speakers: dict[str, tuple[int, str]] = {}
    if merged.opening and merged.opening.value.speaker:
        speakers[merged.opening.value.speaker] = (merged.opening.source, "opening.text")
    for tagged in merged.remarks:
        speakers.setdefault(tagged.value.speaker, (tagged.source, tagged.path))
    for name, (src, path) in speakers.items():
        rows.append(("speaker", name, None, src, path))
    ids = _name_ids(session, Person.__table__, (name for _, name, _, _, _ in rows))
    seen: set[tuple[str, str]] = set()
    values = []
    for position, (role, name, title, src, path) in enumerate(rows):
        if (role, name) in seen:
            continue
        seen.add((role, name))
        start, end = covering_span(records.get(src), path)
        values.append({"meeting_id": meeting.id, "person_id": ids[name], "role": role, "title": title,
                       "position": position, "source_id": src, "start": start, "end": end})
    if values:
        session.execute(insert(Appearance.__table__), values)


def _write_speeches(
    session: Session, meeting: Meeting, merged: Consolidated[int], records: Mapping[int, MeetingRecord], new: bool
) -> None:
    if not new:
        session.execute(delete(Speech).where(Speech.meeting_id == meeting.id))
    ids = _name_ids(session, Unit.__table__, (t.value for t in merged.units))
    values = []
    for order, tagged in enumerate(merged.units):
        start, end = covering_span(records.get(tagged.source), tagged.path)
        values.append({"meeting_id": meeting.id, "unit_id": ids[tagged.value], "order": order,
                       "topic": merged.topic, "source_id": tagged.source, "start": start, "end": end})
    if values:
        session.execute(insert(Speech.__table__), values)


def _remark_rows(
    session: Session, merged: Consolidated[int], records: Mapping[int, MeetingRecord]
) -> list[dict[str, Any]]:
    ids = _name_ids(session, Person.__table__, (t.value.speaker for t in merged.remarks))
    rows = []
    for tagged in merged.remarks:
        start, end = covering_span(records.get(tagged.source), tagged.path)
        speaker = tagged.value.speaker
        rows.append({"speaker": speaker, "person_id": ids.get(speaker) if speaker else None,
                     "heading": tagged.value.heading, "text": tagged.value.text,
                     "source_id": tagged.source, "start": start, "end": end})
    return rows


def _item_rows(merged: Consolidated[int], records: Mapping[int, MeetingRecord]) -> list[dict[str, Any]]:
    """Key-work item rows, with the ``domain`` the ORM would keep (bulk statements bypass its events)."""
    from jidu.analysis.domains import classify

    rows = []
    for tagged in merged.items:
        start, end = covering_span(records.get(tagged.source), tagged.path)
        rows.append({"text": tagged.value, "domain": classify(tagged.value or "").domain,
                     "heading": merged.deployment_heading,
                     "speaker": merged.deployment_speaker, "source_id": tagged.source, "start": start, "end": end})
    return rows


def _write_ordered(
    session: Session, table: Table, meeting: Meeting, rows: list[dict[str, Any]], new: bool
) -> None:
    """Remark or key-work item rows by order: updated in place (the workflow refers to their ids),
    added when the merged view has more, deleted when it has fewer."""
    existing: dict[int, int] = {}
    if not new:
        existing = dict(session.execute(
            select(table.c.order, table.c.id).where(table.c.meeting_id == meeting.id)).all())
    updates, inserts = [], []
    for order, row in enumerate(rows):
        if order in existing:
            updates.append({"row_id": existing.pop(order), **{f"v_{k}": v for k, v in row.items()}})
        else:
            inserts.append({"meeting_id": meeting.id, "order": order, **row})
    if updates:
        columns = {k: bindparam(f"v_{k}") for k in rows[0]}  # a bind may not share a column's name
        session.execute(update(table).where(table.c.id == bindparam("row_id")).values(columns), updates)
    if inserts:
        session.execute(insert(table), inserts)
    if existing:
        session.execute(delete(table).where(table.c.id.in_(list(existing.values()))))


def _write_terms(
    session: Session,
    meeting: Meeting,
    merged: Consolidated[int],
    records: Mapping[int, MeetingRecord],
    texts: Mapping[int, str],
    new: bool,
) -> None:
    """Every occurrence of each of a source's quoted terms in that source's text, with its sentence."""
    if not new:
        session.execute(delete(TermOccurrence).where(TermOccurrence.meeting_id == meeting.id))
    values = []
    for source_id in merged.sources:
        record, text = records.get(source_id), texts.get(source_id, "")
        if record is None:
            continue
        offset = body_offset(record, text)
        for term in dict.fromkeys(record.terms):
            for start, end in find_occurrences(text, term, offset):
                values.append({"term": term, "meeting_id": meeting.id, "source_id": source_id,
                               "sentence": sentence_around(text, start, end), "start": start, "end": end})
    if values:
        session.execute(insert(TermOccurrence.__table__), values)

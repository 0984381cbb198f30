"""Writing a consolidated meeting into the ledger's rows, each row pointing at its source span.

Remark and key-work item rows are updated in place by their order (their ids are referenced by
the key-work workflow); appearances, speeches and term occurrences are derived data and are
rewritten whole.  Everything happens in the caller's session, hence in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping

from sqlalchemy import delete, select
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


def apply(
    session: Session,
    meeting: Meeting,
    merged: Consolidated[int],
    records: Mapping[int, MeetingRecord],
    texts: Mapping[int, str],
) -> None:
    """Write ``merged`` (sources keyed by ``source.id``) into ``meeting`` and its child rows."""
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

    _write_appearances(session, meeting, merged, records)
    _write_speeches(session, meeting, merged, records)
    _write_remarks(session, meeting, merged, records)
    _write_items(session, meeting, merged, records)
    _write_terms(session, meeting, merged, records, texts)
    session.flush()


def _write_appearances(
    session: Session, meeting: Meeting, merged: Consolidated[int], records: Mapping[int, MeetingRecord]
) -> None:
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
    seen: set[tuple[str, str]] = set()
    for position, (role, name, title, src, path) in enumerate(rows):
        if (role, name) in seen:
            continue
        seen.add((role, name))
        start, end = covering_span(records.get(src), path)
        session.add(
            Appearance(
                meeting_id=meeting.id, person_id=get_person(session, name).id, role=role, title=title,
                position=position, source_id=src, start=start, end=end,
            )
        )


def _write_speeches(
    session: Session, meeting: Meeting, merged: Consolidated[int], records: Mapping[int, MeetingRecord]
) -> None:
    session.execute(delete(Speech).where(Speech.meeting_id == meeting.id))
    for order, tagged in enumerate(merged.units):
        start, end = covering_span(records.get(tagged.source), tagged.path)
        session.add(
            Speech(
                meeting_id=meeting.id, unit_id=get_unit(session, tagged.value).id, order=order,
                topic=merged.topic, source_id=tagged.source, start=start, end=end,
            )
        )


def _write_remarks(
    session: Session, meeting: Meeting, merged: Consolidated[int], records: Mapping[int, MeetingRecord]
) -> None:
    existing = {r.order: r for r in session.scalars(select(Remark).where(Remark.meeting_id == meeting.id))}
    for order, tagged in enumerate(merged.remarks):
        row = existing.pop(order, None) or Remark(meeting_id=meeting.id, order=order, text="")
        start, end = covering_span(records.get(tagged.source), tagged.path)
        row.speaker = tagged.value.speaker
        row.person_id = get_person(session, tagged.value.speaker).id if tagged.value.speaker else None
        row.heading = tagged.value.heading
        row.text = tagged.value.text
        row.source_id, row.start, row.end = tagged.source, start, end
        session.add(row)
    for row in existing.values():
        session.delete(row)


def _write_items(
    session: Session, meeting: Meeting, merged: Consolidated[int], records: Mapping[int, MeetingRecord]
) -> None:
    existing = {
        r.order: r for r in session.scalars(select(KeyWorkItem).where(KeyWorkItem.meeting_id == meeting.id))
    }
    for order, tagged in enumerate(merged.items):
        row = existing.pop(order, None) or KeyWorkItem(meeting_id=meeting.id, order=order, text="")
        start, end = covering_span(records.get(tagged.source), tagged.path)
        row.text = tagged.value
        row.heading = merged.deployment_heading
        row.speaker = merged.deployment_speaker
        row.source_id, row.start, row.end = tagged.source, start, end
        session.add(row)
    for row in existing.values():
        session.delete(row)


def _write_terms(
    session: Session,
    meeting: Meeting,
    merged: Consolidated[int],
    records: Mapping[int, MeetingRecord],
    texts: Mapping[int, str],
) -> None:
    """Every occurrence of each of a source's quoted terms in that source's text, with its sentence."""
    session.execute(delete(TermOccurrence).where(TermOccurrence.meeting_id == meeting.id))
    for source_id in merged.sources:
        record, text = records.get(source_id), texts.get(source_id, "")
        if record is None:
            continue
        offset = body_offset(record, text)
        for term in dict.fromkeys(record.terms):
            for start, end in find_occurrences(text, term, offset):
                session.add(
                    TermOccurrence(
                        term=term, meeting_id=meeting.id, source_id=source_id,
                        sentence=sentence_around(text, start, end), start=start, end=end,
                    )
                )

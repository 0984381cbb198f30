"""Ingest: readout files into the ledger, each file all-or-nothing, nothing silently dropped.

Every file given ends in exactly one :class:`Outcome`:

* ``ingested``: a new source, attached to a new meeting or consolidated into the meeting with the
  same organ, city and date;
* ``already present``: the same bytes (sha256) were ingested before, or the normalized text is a
  near-duplicate (MinHash over character shingles, estimated Jaccard >= :data:`NEAR_DUPLICATE`)
  of an ingested source, e.g. a re-posted or traditional-script copy;
* ``not a meeting``: the reader says it is not a meeting readout (with its reason);
* ``error``: the file could not be read or stored (with the reason).

Parsing happens before the file's transaction opens, so transactions stay short; the transaction
then re-checks the hash, writes the source and re-consolidates its meeting.  A process killed at
any moment leaves either the whole file or nothing, and a re-run completes the work because
already stored files are recognised by their hash.
"""

from __future__ import annotations

import enum
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from jidu.ledger import search, store
from jidu.ledger.consolidate import consolidate
from jidu.ledger.db import session_scope
from jidu.ledger.models import Meeting, Provenance, Source
from jidu.record import AnyRecord, ErrorRecord, MeetingRecord

NEAR_DUPLICATE = 0.9
"""Estimated Jaccard similarity of shingle sets above which two texts are the same readout."""
SHINGLE = 5
"""Shingle length in characters: long enough that two readouts of one meeting differ, short enough for re-posts."""
NUM_PERM = 128
SEED = 20220701

Parser = Callable[[bytes, str], "AnyRecord | list[AnyRecord]"]
"""Bytes and a name to the readout records the file holds (:func:`jidu.parse.parse_all`)."""


class Outcome(enum.StrEnum):
    INGESTED = "ingested"
    ALREADY_PRESENT = "already present"
    NOT_A_MEETING = "not a meeting"
    ERROR = "error"


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file."""

    path: str
    outcome: Outcome
    reason: str | None = None
    source_id: int | None = None
    meeting_id: int | None = None
    quarter: str | None = None
    date: str | None = None


@dataclass
class IngestReport:
    """Per-file outcomes of one ingest run, in the order the files were read."""

    files: list[FileOutcome] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome is outcome)

    def counts(self) -> dict[str, int]:
        return {o.value: self.count(o) for o in Outcome}

    @property
    def ok(self) -> bool:
        """True when no file ended in error (the CLI exits 1 otherwise)."""
        return self.count(Outcome.ERROR) == 0

    def to_json(self) -> dict[str, object]:
        return {"counts": self.counts(), "files": [_outcome_json(f) for f in self.files]}


def _outcome_json(f: FileOutcome) -> dict[str, object]:
    return {
        "path": f.path, "outcome": f.outcome.value, "reason": f.reason, "source_id": f.source_id,
        "meeting_id": f.meeting_id, "date": f.date, "quarter": f.quarter,
    }


def record_text(record: MeetingRecord) -> str:
    """The normalized text spans point into; records without one (hand-made) get their fields joined."""
    if record.text:
        return record.text
    parts = [record.source.title or ""]
    if record.opening:
        parts.append(record.opening.text)
    parts.extend(r.text for r in record.remarks)
    if record.deployment:
        parts.append("。".join(record.deployment.items))
    return "\n".join(p for p in parts if p)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Character k-grams of the text with white space removed (layout never makes texts differ)."""
    compact = "".join(text.split())
    if len(compact) <= k:
        return {compact} if compact else set()
    return {compact[i : i + k] for i in range(len(compact) - k + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint64 values) of the text's shingles."""
    from datasketch import MinHash  # imported on first use: it pulls in scipy (half a second)

    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return np.asarray(mh.hashvalues, dtype="<u8")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal MinHash values."""
    return float(np.mean(a == b))


def _default_parser() -> Parser:
    from jidu.parse import parse_all

    return parse_all


def _default_files(paths: Iterable[Path]) -> list[Path]:
    from jidu.parse import iter_readout_files

    return list(iter_readout_files(paths))


def _after_meeting_ingested(session: Session, meeting: Meeting) -> None:
    """Hook for the key-work workflow, called inside the file's transaction after ``meeting`` changed.

    The workflow (:mod:`jidu.work`) extends this to open or update ledger entries for the
    meeting's key-work items; whatever it writes commits or rolls back with the source itself.
    """
    from jidu.work.service import entries_from_meeting

    entries_from_meeting(session, meeting)


class SignatureIndex:
    """MinHash signatures of the stored sources in one matrix, loaded once and topped up with newer rows.

    Comparing a new readout with every stored one is a single vectorised comparison, fast enough
    for tens of thousands of readouts without an LSH index.
    """

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.paths: list[str] = []
        self.matrix = np.zeros((0, NUM_PERM), dtype="<u8")
        self.max_id = 0

    def refresh(self, session: Session) -> None:
        rows = session.execute(
            select(Source.id, Source.path, Source.minhash).where(Source.id > self.max_id).order_by(Source.id)
        ).all()
        new = [np.frombuffer(blob, dtype="<u8") for _, _, blob in rows if blob and len(blob) == NUM_PERM * 8]
        for sid, path, blob in rows:
            if blob and len(blob) == NUM_PERM * 8:
                self.ids.append(sid)
                self.paths.append(path)
            self.max_id = max(self.max_id, sid)
        if new:
            self.matrix = np.vstack([self.matrix, *new])

    def nearest(self, sig: np.ndarray) -> tuple[int, str, float] | None:
        """The stored source most similar to ``sig``: (id, path, estimated Jaccard), or None if none."""
        if not self.ids:
            return None
        sims = (self.matrix == sig).mean(axis=1)
        best = int(sims.argmax())
        return self.ids[best], self.paths[best], float(sims[best])


def _meeting_for(session: Session, record: MeetingRecord) -> Meeting:
    """The meeting with the record's organ, city and date, or a new one (always, without a valid date)."""
    meeting = None
    day = store.parse_date(record.date)
    if record.organ and day is not None:
        meeting = session.scalar(
            select(Meeting).where(Meeting.organ == record.organ, Meeting.city == record.city, Meeting.date == day)
        )
    if meeting is None:
        meeting = Meeting(organ=record.organ or "", city=record.city, conflicts=[], merged={})
        session.add(meeting)
        session.flush()
    return meeting


def reconsolidate(session: Session, meeting: Meeting) -> None:
    """Rebuild the meeting's rows from all its sources' records (after a source was added)."""
    sources = session.scalars(select(Source).where(Source.meeting_id == meeting.id).order_by(Source.id)).all()
    records = {s.id: MeetingRecord.model_validate(s.record) for s in sources}
    texts = {s.id: s.text for s in sources}
    merged = consolidate([(s.id, records[s.id]) for s in sources])
    store.apply(session, meeting, merged, records, texts)
    search.index_meeting(session, meeting.id)


def store_record(
    session: Session, record: MeetingRecord, *, path: str, sha256: str, sig: np.ndarray | None = None
) -> tuple[Source, Meeting]:
    """Add one meeting record as a source and consolidate its meeting, in the session's transaction."""
    text = record_text(record)
    meeting = _meeting_for(session, record)
    source = Source(
        meeting_id=meeting.id, path=path, sha256=sha256,
        minhash=(sig if sig is not None else signature(text)).tobytes(),
        format=record.source.format, script=record.source.script, encoding=record.source.encoding,
        outlet=record.source.outlet, title=record.source.title, published=record.source.published,
        text=text, record=record.to_json(),
    )
    session.add(source)
    session.flush()
    for name, spans in record.provenance.items():
        for start, end in spans:
            session.add(Provenance(source_id=source.id, field=name, start=int(start), end=int(end)))
    reconsolidate(session, meeting)
    _after_meeting_ingested(session, meeting)
    return source, meeting


def content_key(data: bytes, index: int, count: int) -> str:
    """The identity of one readout: sha256 of the file's bytes, or of the bytes and ``#n`` for the
    n-th readout of a file that holds several (a JSON Lines file)."""
    if count == 1:
        return hashlib.sha256(data).hexdigest()
    return hashlib.sha256(data + f"#{index + 1}".encode()).hexdigest()


def _parse(parser: Parser | None, data: bytes, name: str) -> list[AnyRecord]:
    records = (parser or _default_parser())(data, name)
    return list(records) if isinstance(records, list) else [records]


def _known(engine: Engine, key: str) -> tuple[int, str] | None:
    with session_scope(engine) as session:
        row = session.execute(select(Source.id, Source.path).where(Source.sha256 == key)).first()
    return (row[0], row[1]) if row is not None else None


def _serialize_writers(session: Session) -> None:
    """Take the database's write lock before looking for duplicates, so that two ingests cannot
    both decide that a readout is new: the second waits (busy timeout) and then sees the first's.

    SQLite: a write statement that changes nothing starts the write transaction; PostgreSQL: a
    transaction-scoped advisory lock.  Other databases rely on the unique keys alone.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.execute(text("UPDATE source SET id = id WHERE 1 = 0"))
    elif dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(20220701)"))


STORE_ATTEMPTS = 5
"""Tries to store one readout when concurrent ingests collide (unique keys, a locked database)."""


def ingest_record(
    engine: Engine, record: AnyRecord, *, key: str, signatures: SignatureIndex
) -> FileOutcome:
    """Store one parsed readout in its own transaction, unless it is known, not a meeting or an error.

    When another process stores the same readout or meeting at the same moment, the transaction
    fails on a unique key (or finds the database locked); it is rolled back and tried again, and
    the next try sees the other process's work.
    """
    name = record.source.file
    if isinstance(record, ErrorRecord):
        return FileOutcome(name, Outcome.ERROR, record.error)
    if not record.is_meeting:
        return FileOutcome(name, Outcome.NOT_A_MEETING, record.reason or "not a meeting readout")
    sig = signature(record_text(record))
    problem = ""
    for attempt in range(STORE_ATTEMPTS):
        known = _known(engine, key)
        if known is not None:
            reason = f"same content as source #{known[0]} ({known[1]})"
            return FileOutcome(name, Outcome.ALREADY_PRESENT, reason, known[0])
        try:
            with session_scope(engine) as session:
                _serialize_writers(session)
                signatures.refresh(session)
                near = signatures.nearest(sig)
                if near is not None and near[2] >= NEAR_DUPLICATE:
                    sid, other, sim = near
                    reason = f"near-duplicate ({sim:.2f}) of source #{sid} ({other})"
                    return FileOutcome(name, Outcome.ALREADY_PRESENT, reason, sid)
                source, meeting = store_record(session, record, path=name, sha256=key, sig=sig)
                return FileOutcome(
                    name, Outcome.INGESTED, None, source.id, meeting.id, meeting.quarter,
                    meeting.date.isoformat() if meeting.date else None,
                )
        except (IntegrityError, OperationalError) as exc:  # a concurrent ingest got there first
            problem = f"{type(exc).__name__}: {exc.orig}"
            time.sleep(0.05 * (attempt + 1))
        except Exception as exc:
            return FileOutcome(name, Outcome.ERROR, f"cannot store: {type(exc).__name__}: {exc}")
    return FileOutcome(name, Outcome.ERROR, f"cannot store after {STORE_ATTEMPTS} tries: {problem}")


def ingest_file(
    engine: Engine, path: Path, *, parser: Parser | None = None, signatures: SignatureIndex | None = None
) -> list[FileOutcome]:
    """Ingest one file, each readout it holds in its own transaction; one outcome per readout.

    A file whose bytes were ingested before is recognised before parsing.  Parsing happens
    outside any transaction.
    """
    name = str(path)
    signatures = signatures or SignatureIndex()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [FileOutcome(name, Outcome.ERROR, f"cannot read: {exc.strerror or exc}")]
    known = _known(engine, content_key(data, 0, 1))
    if known is not None:
        return [FileOutcome(name, Outcome.ALREADY_PRESENT, f"same content as source #{known[0]} ({known[1]})", known[0])]
    try:
        records = _parse(parser, data, name)
    except Exception as exc:  # a reader bug must not lose the file: it is reported as an error
        return [FileOutcome(name, Outcome.ERROR, f"reader failed: {type(exc).__name__}: {exc}")]
    if not records:
        return [FileOutcome(name, Outcome.NOT_A_MEETING, "the file holds no readout")]
    return [
        ingest_record(engine, record, key=content_key(data, i, len(records)), signatures=signatures)
        for i, record in enumerate(records)
    ]


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    progress: Callable[[FileOutcome, int, int], None] | None = None,
    *,
    parser: Parser | None = None,
    files: Callable[[Iterable[Path]], list[Path]] | None = None,
) -> IngestReport:
    """Ingest files and directories (recursively, sorted).

    ``progress(outcome, files_done, files_total)`` is called for every outcome (a JSON Lines file
    holding several readouts gives one outcome per readout).
    """
    paths = [Path(p) for p in paths]
    report = IngestReport()
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        report.files.append(FileOutcome(str(p), Outcome.ERROR, "no such file or directory"))
    todo = (files or _default_files)([p for p in paths if p.exists()])
    signatures = SignatureIndex()
    for done, path in enumerate(todo, start=1):
        for outcome in ingest_file(engine, path, parser=parser, signatures=signatures):
            report.files.append(outcome)
            if progress is not None:
                progress(outcome, done, len(todo))
    return report

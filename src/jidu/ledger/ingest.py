"""Ingest: readout files into the ledger, each file all-or-nothing, nothing silently dropped.

Every file given ends in exactly one :class:`Outcome`:

* ``ingested``: a new source, attached to a new meeting or consolidated into the meeting with the
  same organ, city and date;
* ``already present``: the same bytes (sha256) were ingested before, or the normalized text is a
  near-duplicate (MinHash over character shingles, estimated Jaccard >= :data:`NEAR_DUPLICATE`,
  found through LSH band keys) of an ingested source, e.g. a re-posted or traditional-script copy;
* ``not a meeting``: the reader says it is not a meeting readout (with its reason);
* ``error``: the file could not be read or stored (with the reason).

Parsing (and signing) happens in worker processes, outside any transaction; the main process
stores the parsed readouts in file order, a batch per transaction and a savepoint per readout.
The transaction re-checks the hashes, looks up near-duplicates by LSH band keys, writes the
sources and their meetings, and suggests the continuity links of the batch's new work entries.
A process killed at any moment leaves whole batches or nothing of a batch, and a re-run completes
the work because already stored files are recognised by their hash.
"""

from __future__ import annotations

import enum
import hashlib
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from jidu.ledger import search, store
from jidu.ledger.consolidate import consolidate
from jidu.ledger.db import session_scope
from jidu.ledger.models import Meeting, Provenance, Source, SourceBand
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

    entries_from_meeting(session, meeting, defer_links=session.info.get(DEFERRED_LINKS))


DEFERRED_LINKS = "jidu.ingest.deferred_links"
"""``session.info`` key: where the hook leaves a readout's new work entries; their continuity links
are suggested once for the whole batch (:func:`_link_batch`), in the batch's transaction."""


def _link_batch(session: Session, deferred: list[tuple[list[Any], list[Any]]]) -> None:
    from jidu.work.service import link_new_entries

    created = [e for new, _ in deferred for e in new]
    reworded = [e for _, changed in deferred for e in changed]
    if created or reworded:
        link_new_entries(session, created, reworded)


# ------------------------------------------------------------------------- near-duplicates (LSH)
BANDS = 16
ROWS = 8
"""The signature's ``NUM_PERM`` values cut into ``BANDS`` bands of ``ROWS``: two sources sharing any
band become candidates, then their whole signatures are compared.  A pair at Jaccard 0.9 shares a
band with probability 1 - (1 - 0.9**8)**16 = 0.9999 (0.95: 1 - 3e-8), a pair at 0.5 with 0.06."""


def band_keys(sig: np.ndarray) -> list[int]:
    """The LSH keys of a signature: a signed 64-bit hash of each band's number and values (distinct)."""
    blob = np.asarray(sig, dtype="<u8").tobytes()
    keys = []
    for band in range(BANDS):
        part = blob[band * ROWS * 8 : (band + 1) * ROWS * 8]
        keys.append(int.from_bytes(hashlib.blake2b(bytes([band]) + part, digest_size=8).digest(), "little", signed=True))
    return list(dict.fromkeys(keys))


def nearest(session: Session, sig: np.ndarray) -> tuple[int, str, float] | None:
    """The stored source most similar to ``sig`` among those sharing an LSH band with it:
    (id, path, estimated Jaccard), or None.  A few index lookups whatever the ledger's size;
    sources without a shared band are below the near-duplicate threshold (but for 1 in 10,000)."""
    ids = sorted(set(session.scalars(select(SourceBand.source_id).where(SourceBand.key.in_(band_keys(sig))))))
    best: tuple[int, str, float] | None = None
    for at in range(0, len(ids), 500):
        rows = session.execute(
            select(Source.id, Source.path, Source.minhash).where(Source.id.in_(ids[at : at + 500])).order_by(Source.id)
        )
        for sid, path, blob in rows:
            if blob and len(blob) == NUM_PERM * 8:
                sim = similarity(np.frombuffer(blob, dtype="<u8"), sig)
                if best is None or sim > best[2]:
                    best = (sid, path, sim)
    return best


# ------------------------------------------------------------------------------------- storing
def _meeting_for(session: Session, record: MeetingRecord) -> tuple[Meeting, bool]:
    """The meeting with the record's organ, city and date, or a new one (always, without a valid date);
    and whether it is new."""
    day = store.parse_date(record.date)
    if record.organ and day is not None:
        meeting = session.scalar(
            select(Meeting).where(Meeting.organ == record.organ, Meeting.city == record.city, Meeting.date == day)
        )
        if meeting is not None:
            return meeting, False
    meeting = Meeting(organ=record.organ or "", city=record.city, conflicts=[], merged={})
    session.add(meeting)
    session.flush()
    return meeting, True


def reconsolidate(session: Session, meeting: Meeting, known: Mapping[int, MeetingRecord] | None = None) -> None:
    """Rebuild the meeting's rows from all its sources' records (after a source was added).

    ``known`` gives records already in memory by source id (the one just parsed), which are not
    read back and validated again from their stored JSON.
    """
    known = known or {}
    rows = session.execute(
        select(Source.id, Source.record, Source.text).where(Source.meeting_id == meeting.id).order_by(Source.id)
    ).all()
    records = {sid: known.get(sid) or MeetingRecord.model_validate(rec) for sid, rec, _ in rows}
    texts = {sid: text_ for sid, _, text_ in rows}
    merged = consolidate([(sid, records[sid]) for sid, _, _ in rows])
    store.apply(session, meeting, merged, records, texts)
    search.index_meeting(session, meeting.id)


def store_record(
    session: Session, record: MeetingRecord, *, path: str, sha256: str, sig: np.ndarray | None = None
) -> tuple[int, Meeting]:
    """Add one meeting record as a source and consolidate its meeting, in the session's transaction;
    returns the new source's id and the meeting.

    A readout of a meeting not yet in the ledger is written straight from its record (a single
    source needs no merging with stored ones); one of a known meeting re-consolidates it.
    """
    text_ = record_text(record)
    sig = sig if sig is not None else signature(text_)
    meeting, new = _meeting_for(session, record)
    source_id = session.execute(
        insert(Source.__table__).values(
            meeting_id=meeting.id, path=path, sha256=sha256, minhash=np.asarray(sig, dtype="<u8").tobytes(),
            format=record.source.format, script=record.source.script, encoding=record.source.encoding,
            outlet=record.source.outlet, title=record.source.title, published=record.source.published,
            text=text_, record=record.to_json(),
        )
    ).inserted_primary_key[0]
    spans = [
        {"source_id": source_id, "field": name, "start": int(start), "end": int(end)}
        for name, pairs in record.provenance.items()
        for start, end in pairs
    ]
    if spans:
        session.execute(insert(Provenance.__table__), spans)
    session.execute(insert(SourceBand.__table__), [{"key": k, "source_id": source_id} for k in band_keys(sig)])
    if new:
        merged = consolidate([(source_id, record)])
        store.apply(session, meeting, merged, {source_id: record}, {source_id: text_}, new=True)
        search.index_meeting(session, meeting.id)
    else:
        reconsolidate(session, meeting, {source_id: record})
    _after_meeting_ingested(session, meeting)
    return source_id, meeting


def content_key(data: bytes, index: int, count: int) -> str:
    """The identity of one readout: sha256 of the file's bytes, or of the bytes and ``#n`` for the
    n-th readout of a file that holds several (a JSON Lines file)."""
    if count == 1:
        return hashlib.sha256(data).hexdigest()
    return hashlib.sha256(data + f"#{index + 1}".encode()).hexdigest()


def _parse(parser: Parser | None, data: bytes, name: str) -> list[AnyRecord]:
    records = (parser or _default_parser())(data, name)
    return list(records) if isinstance(records, list) else [records]


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
"""Tries to store a batch when concurrent ingests collide (unique keys, a locked database)."""
BATCH = 64
"""Readouts stored per transaction (each in its own savepoint): a commit per readout costs more
than storing a small one.  A killed ingest loses at most this uncommitted batch; a re-run redoes it."""
BATCH_SECONDS = 0.5
"""A batch is committed after this long even when not full, so others see progress."""


@dataclass
class Prepared:
    """One readout parsed and signed, ready to store, or the outcome it already has (error, not a
    meeting, known bytes).  Made in a parse worker or in-process, then stored in file order."""

    name: str
    key: str = ""
    record: MeetingRecord | None = None
    sig: np.ndarray | None = None
    outcome: FileOutcome | None = None


def prepare(name: str, data: bytes, parser: Parser | None = None) -> list[Prepared]:
    """Parse one file's bytes and sign its meeting records: the CPU-bound half of ingest, which
    runs in the parse workers.  Never raises: a reader failure becomes the file's error outcome."""
    try:
        records = _parse(parser, data, name)
    except Exception as exc:  # a reader bug must not lose the file: it is reported as an error
        return [Prepared(name, outcome=FileOutcome(name, Outcome.ERROR, f"reader failed: {type(exc).__name__}: {exc}"))]
    if not records:
        return [Prepared(name, outcome=FileOutcome(name, Outcome.NOT_A_MEETING, "the file holds no readout"))]
    out = []
    for i, record in enumerate(records):
        rname = record.source.file
        if isinstance(record, ErrorRecord):
            out.append(Prepared(rname, outcome=FileOutcome(rname, Outcome.ERROR, record.error)))
        elif not record.is_meeting:
            reason = record.reason or "not a meeting readout"
            out.append(Prepared(rname, outcome=FileOutcome(rname, Outcome.NOT_A_MEETING, reason)))
        else:
            out.append(Prepared(rname, content_key(data, i, len(records)), record, signature(record_text(record))))
    return out


def _store_one(session: Session, item: Prepared, known: dict[str, tuple[int, str]]) -> FileOutcome:
    """Store one readout in its own savepoint: a failure rolls back this readout only."""
    name, record = item.name, item.record
    assert record is not None and item.sig is not None
    if item.key in known:
        sid, other = known[item.key]
        return FileOutcome(name, Outcome.ALREADY_PRESENT, f"same content as source #{sid} ({other})", sid)
    near = nearest(session, item.sig)
    if near is not None and near[2] >= NEAR_DUPLICATE:
        sid, other, sim = near
        return FileOutcome(name, Outcome.ALREADY_PRESENT, f"near-duplicate ({sim:.2f}) of source #{sid} ({other})", sid)
    batch_links = session.info.get(DEFERRED_LINKS)
    session.info[DEFERRED_LINKS] = mine = []
    try:
        with session.begin_nested():
            source_id, meeting = store_record(session, record, path=name, sha256=item.key, sig=item.sig)
    except (IntegrityError, OperationalError):
        raise  # a concurrent ingest: the whole batch is tried again
    except Exception as exc:
        return FileOutcome(name, Outcome.ERROR, f"cannot store: {type(exc).__name__}: {exc}")
    finally:
        session.info[DEFERRED_LINKS] = batch_links
    if batch_links is not None:
        batch_links.extend(mine)  # only once the readout's savepoint is released
    else:
        _link_batch(session, mine)
    known[item.key] = (source_id, name)
    return FileOutcome(
        name, Outcome.INGESTED, None, source_id, meeting.id, meeting.quarter,
        meeting.date.isoformat() if meeting.date else None,
    )


def _known_keys(session: Session, keys: Sequence[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for at in range(0, len(keys), 500):
        rows = session.execute(select(Source.sha256, Source.id, Source.path).where(Source.sha256.in_(keys[at : at + 500])))
        found.update({key: (sid, path) for key, sid, path in rows})
    return found


def store_batch(engine: Engine, items: Sequence[Prepared]) -> list[FileOutcome]:
    """Store parsed readouts in one transaction, each in its own savepoint; one outcome each.

    The transaction first takes the write lock and re-checks the hashes, so readouts stored by a
    concurrent ingest (or earlier in the batch) are recognised.  When another process collides
    anyway (a unique key, a locked database), the whole batch is rolled back and tried again.
    """
    if not items:
        return []
    problem = ""
    for attempt in range(STORE_ATTEMPTS):
        try:
            with session_scope(engine) as session:
                _serialize_writers(session)
                known = _known_keys(session, [i.key for i in items])
                deferred: list[tuple[list[Any], list[Any]]] = []
                session.info[DEFERRED_LINKS] = deferred
                outcomes = [_store_one(session, item, known) for item in items]
                _link_batch(session, deferred)
                return outcomes
        except (IntegrityError, OperationalError) as exc:  # a concurrent ingest got there first
            problem = f"{type(exc).__name__}: {exc.orig}"
            time.sleep(0.05 * (attempt + 1))
        except Exception as exc:  # the commit itself failed: nothing of the batch is stored
            return [FileOutcome(i.name, Outcome.ERROR, f"cannot store: {type(exc).__name__}: {exc}") for i in items]
    return [FileOutcome(i.name, Outcome.ERROR, f"cannot store after {STORE_ATTEMPTS} tries: {problem}") for i in items]


def ingest_record(engine: Engine, record: AnyRecord, *, key: str) -> FileOutcome:
    """Store one parsed readout in its own transaction, unless it is known, not a meeting or an error."""
    name = record.source.file
    if isinstance(record, ErrorRecord):
        return FileOutcome(name, Outcome.ERROR, record.error)
    if not record.is_meeting:
        return FileOutcome(name, Outcome.NOT_A_MEETING, record.reason or "not a meeting readout")
    return store_batch(engine, [Prepared(name, key, record, signature(record_text(record)))])[0]


# ------------------------------------------------------------------------------- the pipeline
READ_AHEAD = 32
"""Files read and hash-checked together (one query for their hashes)."""
POOL_MIN_FILES = 64
"""Below this many files parsing stays in-process: starting workers would cost more than it saves."""


def default_workers() -> int:
    """Parse workers: one per core (the main process stores while they parse)."""
    return max(1, os.cpu_count() or 1)


def _pool(workers: int) -> ProcessPoolExecutor | None:
    """A process pool for parsing, forked: the readers are already imported, so workers start at
    once.  None (parse in-process) when the caller runs other threads (the web app's import jobs):
    forking a threaded process could copy a lock another thread holds, and a fork server or spawned
    workers would re-import the caller's main module."""
    import multiprocessing

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _picklable(parser: Parser | None) -> bool:
    try:
        pickle.dumps(parser)
    except Exception:
        return False
    return True


def _prepared(
    engine: Engine, todo: Sequence[Path], parser: Parser | None, workers: int
) -> Iterator[tuple[int, list[Prepared]]]:
    """``(file number, prepared readouts)`` for every file, in order.

    Files are read and their hashes looked up ``READ_AHEAD`` at a time (a file ingested before is
    not parsed again); the others are parsed by ``workers`` processes, at most a bounded number
    ahead of the store, so memory stays flat however many files there are.
    """
    if parser is None:
        _default_parser()  # imported before forking, so workers start with the readers loaded
    pool = _pool(workers) if workers > 0 else None
    ahead: deque[tuple[int, Future[list[Prepared]] | Callable[[], list[Prepared]], Callable[[], list[Prepared]]]]
    ahead = deque()
    window = max(READ_AHEAD, 8 * workers)
    try:
        for at in range(0, len(todo), READ_AHEAD):
            chunk: list[tuple[int, str, bytes | None, str]] = []
            for done, path in enumerate(todo[at : at + READ_AHEAD], start=at + 1):
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    outcome = FileOutcome(str(path), Outcome.ERROR, f"cannot read: {exc.strerror or exc}")
                    known_outcome = lambda o=outcome: [Prepared(o.path, outcome=o)]  # noqa: E731
                    ahead.append((done, known_outcome, known_outcome))
                    continue
                chunk.append((done, str(path), data, content_key(data, 0, 1)))
            with session_scope(engine) as session:
                known = _known_keys(session, [key for _, _, _, key in chunk])
            for done, name, data, key in chunk:
                here = lambda n=name, d=data: prepare(n, d, parser)  # noqa: E731
                if key in known:
                    sid, other = known[key]
                    outcome = FileOutcome(name, Outcome.ALREADY_PRESENT, f"same content as source #{sid} ({other})", sid)
                    known_outcome = lambda o=outcome: [Prepared(o.path, outcome=o)]  # noqa: E731
                    ahead.append((done, known_outcome, known_outcome))
                elif pool is not None:
                    try:
                        ahead.append((done, pool.submit(prepare, name, data, parser), here))
                    except Exception:  # a broken pool (a worker killed): parse the rest here
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = None
                        ahead.append((done, here, here))
                else:
                    ahead.append((done, here, here))
            while len(ahead) > window:
                yield _result(ahead.popleft())
        while ahead:
            yield _result(ahead.popleft())
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _result(
    entry: tuple[int, Future[list[Prepared]] | Callable[[], list[Prepared]], Callable[[], list[Prepared]]],
) -> tuple[int, list[Prepared]]:
    """A file's prepared readouts; a worker that died (killed, out of memory) is not the file's
    fault, so the file is then parsed here instead."""
    done, pending, here = entry
    if not isinstance(pending, Future):
        return done, pending()
    try:
        return done, pending.result()
    except Exception:
        return done, here()


def ingest_file(engine: Engine, path: Path, *, parser: Parser | None = None) -> list[FileOutcome]:
    """Ingest one file, in one transaction; one outcome per readout it holds."""
    return ingest_paths(engine, [path], parser=parser, files=lambda paths: list(paths), workers=0).files


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    progress: Callable[[FileOutcome, int, int], None] | None = None,
    *,
    parser: Parser | None = None,
    files: Callable[[Iterable[Path]], list[Path]] | None = None,
    workers: int | None = None,
    batch: int = BATCH,
    batch_seconds: float = BATCH_SECONDS,
) -> IngestReport:
    """Ingest files and directories (recursively, sorted).

    ``progress(outcome, files_done, files_total)`` is called for every outcome (a JSON Lines file
    holding several readouts gives one outcome per readout), when its batch is committed.
    Parsing runs in ``workers`` processes (default: one per core for ``POOL_MIN_FILES`` files or
    more; 0 parses in-process; a parser that cannot be sent to a worker is run in-process) while
    this process stores, ``batch`` readouts per transaction (or fewer, when the oldest of them has
    waited ``batch_seconds``).
    """
    paths = [Path(p) for p in paths]
    report = IngestReport()
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        report.files.append(FileOutcome(str(p), Outcome.ERROR, "no such file or directory"))
    todo = (files or _default_files)([p for p in paths if p.exists()])
    if workers is None:
        workers = default_workers() if len(todo) >= POOL_MIN_FILES and (os.cpu_count() or 1) > 1 else 0
    if parser is not None and not _picklable(parser):
        workers = 0
    queue: list[tuple[int, Prepared]] = []
    started = 0.0  # when the oldest readout waiting to be stored arrived

    def commit() -> None:
        stored = iter(store_batch(engine, [p for _, p in queue if p.outcome is None]))
        for done, p in queue:
            outcome = p.outcome or next(stored)
            report.files.append(outcome)
            if progress is not None:
                progress(outcome, done, len(todo))
        queue.clear()

    waiting = 0
    for done, items in _prepared(engine, todo, parser, workers):
        queue.extend((done, p) for p in items)
        fresh = sum(1 for p in items if p.outcome is None)
        if fresh and not waiting:
            started = time.monotonic()
        waiting += fresh
        if not waiting or waiting >= max(1, batch) or time.monotonic() - started >= batch_seconds:
            commit()
            waiting = 0
    commit()
    return report

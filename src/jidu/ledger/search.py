"""Full-text search over remarks and key-work items that works for Chinese.

On SQLite the index is an FTS5 table with the ``trigram`` tokenizer (any substring of three or
more characters matches, no word segmentation needed), kept in sync by :func:`index_meeting`
whenever ingest re-consolidates a meeting.  Queries shorter than three characters cannot use
trigrams and fall back to ``LIKE``, as does every other database, so the rest of the ledger stays
portable SQL.  Both paths return the same :class:`Hit` with a highlighted snippet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from jidu.ledger.models import KeyWorkItem, Meeting, Remark

FTS_TABLE = "search_fts"
MARK_OPEN = "["
MARK_CLOSE = "]"
SNIPPET_CONTEXT = 24
"""Characters of context kept on each side of a match in a snippet."""


@dataclass(frozen=True)
class Hit:
    """One matching remark or key-work item, with its meeting and a snippet marking the match."""

    kind: str  # "remark" or "item"
    id: int
    meeting_id: int
    date: str | None
    quarter: str | None
    order: int
    snippet: str
    text: str
    source_id: int | None
    start: int | None
    end: int | None


def _has_fts(connection: Connection) -> bool:
    """True when the database is SQLite and holds the index (an SQLite built without FTS5 has none)."""
    if connection.dialect.name != "sqlite":
        return False
    return (
        connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:n"), {"n": FTS_TABLE}
        ).first()
        is not None
    )


ROWS_TABLE = "search_rows"
"""Which index rows belong to which meeting.  The index's ``meeting_id`` is an unindexed FTS5
column, so deleting a meeting's rows by it reads the whole index: at tens of thousands of meetings
that made each ingested readout cost more than all the rest.  This ordinary table, indexed by
meeting, gives the rows' ids instead."""

_ROWS_OF_MEETING = (
    "SELECT text, 'remark', id, meeting_id FROM remark WHERE meeting_id = :m "
    "UNION ALL SELECT text, 'item', id, meeting_id FROM key_work_item WHERE meeting_id = :m"
)


def _has_table(connection: Connection, name: str) -> bool:
    return connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name=:n"), {"n": name}
    ).first() is not None


def ensure_index(connection: Connection) -> None:
    """Create and fill the FTS5 index on SQLite if it is missing (a no-op elsewhere), and the map
    of its rows to meetings (filled from an index made before the map existed).

    An SQLite without FTS5 or the trigram tokenizer (before 3.34) keeps working: search then
    uses the ``LIKE`` fallback.
    """
    if connection.dialect.name != "sqlite":
        return
    if _has_fts(connection):
        if not _has_table(connection, ROWS_TABLE):
            _create_rows_table(connection)
            connection.execute(text(f"INSERT INTO {ROWS_TABLE} (fts_rowid, meeting_id) SELECT rowid, meeting_id FROM {FTS_TABLE}"))
        return
    try:
        with connection.begin_nested():
            connection.execute(
                text(
                    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
                    "body, kind UNINDEXED, ref_id UNINDEXED, meeting_id UNINDEXED, tokenize='trigram')"
                )
            )
    except OperationalError:
        return
    connection.execute(text(f"DROP TABLE IF EXISTS {ROWS_TABLE}"))
    _create_rows_table(connection)
    connection.execute(
        text(
            f"INSERT INTO {FTS_TABLE} (body, kind, ref_id, meeting_id) "
            "SELECT text, 'remark', id, meeting_id FROM remark "
            "UNION ALL SELECT text, 'item', id, meeting_id FROM key_work_item"
        )
    )
    connection.execute(text(f"INSERT INTO {ROWS_TABLE} (fts_rowid, meeting_id) SELECT rowid, meeting_id FROM {FTS_TABLE}"))


def _create_rows_table(connection: Connection) -> None:
    connection.execute(text(f"CREATE TABLE {ROWS_TABLE} (fts_rowid INTEGER PRIMARY KEY, meeting_id INTEGER NOT NULL)"))
    connection.execute(text(f"CREATE INDEX {ROWS_TABLE}_meeting ON {ROWS_TABLE} (meeting_id)"))


def index_meeting(session: Session, meeting_id: int) -> None:
    """Replace a meeting's rows in the index with its current remarks and items (same transaction).

    The old rows are found through :data:`ROWS_TABLE`; the new ones get row ids above every id in
    use, recorded there too.
    """
    connection = session.connection()
    if not _has_fts(connection):
        return
    session.flush()
    m = {"m": meeting_id}
    connection.execute(
        text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN (SELECT fts_rowid FROM {ROWS_TABLE} WHERE meeting_id = :m)"), m
    )
    connection.execute(text(f"DELETE FROM {ROWS_TABLE} WHERE meeting_id = :m"), m)
    base = connection.execute(text(f"SELECT coalesce(max(fts_rowid), 0) FROM {ROWS_TABLE}")).scalar_one()
    connection.execute(
        text(
            f"INSERT INTO {FTS_TABLE} (rowid, body, kind, ref_id, meeting_id) "
            f"SELECT :base + row_number() OVER (), * FROM ({_ROWS_OF_MEETING})"
        ),
        {"m": meeting_id, "base": base},
    )
    connection.execute(
        text(
            f"INSERT INTO {ROWS_TABLE} (fts_rowid, meeting_id) "
            f"SELECT :base + row_number() OVER (), :m FROM ({_ROWS_OF_MEETING})"
        ),
        {"m": meeting_id, "base": base},
    )


def snippet(body: str, query: str, context: int = SNIPPET_CONTEXT) -> str:
    """The text around the first match of ``query`` with every match in the window marked ``[...]``."""
    at = body.find(query)
    if at < 0:
        return body[: 2 * context] + ("…" if len(body) > 2 * context else "")
    lo, hi = max(0, at - context), min(len(body), at + len(query) + context)
    window = body[lo:hi].replace(query, f"{MARK_OPEN}{query}{MARK_CLOSE}")
    return ("…" if lo > 0 else "") + window + ("…" if hi < len(body) else "")


def _fts_query(query: str) -> str:
    """An FTS5 phrase for the literal ``query`` (double quotes doubled), so user input is never syntax."""
    return '"' + query.replace('"', '""') + '"'


def _matching_ids(session: Session, query: str, limit: int) -> list[tuple[str, int]]:
    connection = session.connection()
    if _has_fts(connection) and len(query) >= 3:
        rows = connection.execute(
            text(f"SELECT kind, ref_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q ORDER BY rank LIMIT :n"),
            {"q": _fts_query(query), "n": limit},
        ).all()
        return [(str(kind), int(ref)) for kind, ref in rows]
    pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    remarks = session.scalars(
        select(Remark.id).where(Remark.text.like(pattern, escape="\\")).order_by(Remark.id).limit(limit)
    ).all()
    items = session.scalars(
        select(KeyWorkItem.id)
        .where(KeyWorkItem.text.like(pattern, escape="\\"))
        .order_by(KeyWorkItem.id)
        .limit(limit)
    ).all()
    return ([("remark", i) for i in remarks] + [("item", i) for i in items])[:limit]


def _rows(session: Session, model: type[Remark] | type[KeyWorkItem], ids: list[int]) -> list[Any]:
    """The matched rows with their meeting's date and quarter, in one query per kind (not one per hit)."""
    if not ids:
        return []
    stmt = (
        select(model.id, model.meeting_id, model.order, model.text, model.source_id, model.start, model.end,
               Meeting.date, Meeting.quarter)
        .outerjoin(Meeting, Meeting.id == model.meeting_id)
        .where(model.id.in_(ids))
    )
    return list(session.execute(stmt))


def search(session: Session, query: str, limit: int = 50) -> list[Hit]:
    """Remarks and key-work items containing ``query``, newest meetings first, with snippets."""
    query = query.strip()
    if not query:
        return []
    hits: list[Hit] = []
    matching = _matching_ids(session, query, limit)
    rows = {
        kind: {r.id: r for r in _rows(session, model, [ref for k, ref in matching if k == kind])}
        for kind, model in (("remark", Remark), ("item", KeyWorkItem))
    }
    for kind, ref in matching:
        row = rows[kind].get(ref)
        if row is None:
            continue
        hits.append(
            Hit(
                kind=kind,
                id=row.id,
                meeting_id=row.meeting_id,
                date=row.date.isoformat() if row.date else None,
                quarter=row.quarter,
                order=row.order,
                snippet=snippet(row.text, query),
                text=row.text,
                source_id=row.source_id,
                start=row.start,
                end=row.end,
            )
        )
    hits.sort(key=lambda h: (h.kind != "item", h.order))
    hits.sort(key=lambda h: h.date or "", reverse=True)
    return hits


def rebuild(engine: Engine) -> None:
    """Drop and refill the index from the tables (repair after manual edits)."""
    with engine.begin() as connection:
        if connection.dialect.name != "sqlite":
            return
        connection.execute(text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))
        ensure_index(connection)

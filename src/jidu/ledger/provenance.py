"""Where each field of a stored readout was read: the provenance spans of one source.

The ledger keeps every span of every record field (``date``, ``presider``, ``remarks[2].text``...)
in the ``provenance`` table; this module answers "which spans of source N back field F", so an
interface can show a value next to the exact text it came from.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jidu.ledger.models import Provenance

Span = tuple[int, int]


def field_spans(session: Session, source_id: int) -> dict[str, list[Span]]:
    """Field path -> its ``[start, end)`` spans in the source's normalized text, in text order."""
    rows = session.execute(
        select(Provenance.field, Provenance.start, Provenance.end)
        .where(Provenance.source_id == source_id)
        .order_by(Provenance.start, Provenance.id)
    )
    out: dict[str, list[Span]] = {}
    for name, start, end in rows:
        out.setdefault(name, []).append((int(start), int(end)))
    return out


def spans_of(spans: dict[str, list[Span]], prefix: str) -> list[Span]:
    """The spans of a field and of everything under it (``remarks[0]`` covers its heading and text)."""
    return sorted(
        span for name, values in spans.items()
        if name == prefix or name.startswith(prefix + ".") or name.startswith(prefix + "[")
        for span in values
    )

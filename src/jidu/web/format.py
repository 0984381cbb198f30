"""Small pure helpers that turn library data into what templates show.

They return plain segments (text, flag) rather than HTML, so Jinja2's autoescaping stays the
only thing that ever writes readout text into a page.
"""

from __future__ import annotations

import datetime as dt
import re

from jidu.work.clock import SHANGHAI

Segment = tuple[str, bool]
"""A piece of text and whether it is highlighted."""

SNIPPET_CONTEXT = 30


def split_span(text: str, start: int | None, end: int | None) -> list[Segment]:
    """``text`` cut into before / highlighted ``[start, end)`` / after; whole text if no valid span."""
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return [(text, False)]
    return [(s, flag) for s, flag in ((text[:start], False), (text[start:end], True), (text[end:], False)) if s]


def mark_all(text: str, query: str) -> list[Segment]:
    """Every occurrence of ``query`` in ``text`` flagged (case-insensitive for Latin letters)."""
    if not query:
        return [(text, False)]
    out: list[Segment] = []
    pos = 0
    for m in re.finditer(re.escape(query), text, flags=re.IGNORECASE):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def snippet(text: str, query: str, context: int = SNIPPET_CONTEXT) -> list[Segment]:
    """The window around the first match with every match in it flagged, ellipses where cut."""
    at = text.lower().find(query.lower()) if query else -1
    if at < 0:
        head = text[: 2 * context]
        return [(head + ("…" if len(text) > len(head) else ""), False)]
    lo, hi = max(0, at - context), min(len(text), at + len(query) + context)
    segments = mark_all(text[lo:hi], query)
    if lo > 0:
        segments.insert(0, ("…", False))
    if hi < len(text):
        segments.append(("…", False))
    return segments


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def split_units(value: str) -> list[str]:
    """Unit names typed in one field, separated by Chinese or Latin commas, 顿号 or semicolons."""
    return [part.strip() for part in re.split(r"[,，、;；\n]+", value or "") if part.strip()]


SCALAR_FIELDS = ("date", "time_of_day", "form", "quarter", "presider", "deployer")
LIST_FIELDS = ("also_present", "attendees", "remarks", "deployment.items", "speeches.units", "terms")


def _count(spans: dict[str, list[tuple[int, int]]], prefix: str) -> int:
    """How many list entries (``prefix[n]...``) a source has spans for."""
    marker = prefix + "["
    return len({name[len(marker):].split("]", 1)[0] for name in spans if name.startswith(marker)})


def source_values(spans: dict[str, list[tuple[int, int]]], text: str) -> dict[str, str]:
    """What one readout says for the fields compared across sources: the text of scalar fields,
    the number of entries of list fields, so two readouts of one meeting can be read side by side."""
    out: dict[str, str] = {}
    for name in SCALAR_FIELDS:
        found = spans.get(name)
        out[name] = text[found[0][0]:found[0][1]] if found else ""
    for name in LIST_FIELDS:
        out[name] = str(_count(spans, name))
    return out


def compare_rows(values: list[dict[str, str]]) -> list[tuple[str, list[str], bool]]:
    """One row per compared field: the field, each source's value, and whether the sources differ."""
    rows = []
    for name in SCALAR_FIELDS + LIST_FIELDS:
        vals = [v.get(name, "") for v in values]
        rows.append((name, vals, len(set(vals)) > 1))
    return rows


def local_time(value: dt.datetime | None) -> str:
    """A stored UTC instant as Shanghai wall-clock time, the time people in the office read."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")

"""One meeting, many readouts: merging the records of one meeting without losing anything.

Different outlets report the same meeting (same organ, city and date) in different lengths and
scripts.  :func:`consolidate` merges their records, given in ingest order, into one view:

* lists of people and units are united in order (a name missing from the first readout is placed
  after the name that precedes it in the readout that has it);
* remarks come from the readout that reports them most fully (most remarks, then most text), and
  deployment items from the readout with the most items (then most text): mixing remarks of two
  readouts would interleave two editors' cuts of one speech;
* a scalar (form, time of day, quarter, presider, deployer...) on which readouts disagree is not
  overwritten: the first readout's value is kept and a :class:`Conflict` lists every value by source.

Everything here is pure: records in, a :class:`Consolidated` out, each element tagged with the
source it came from and its field path in that source's record (to look up provenance spans).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from jidu.record import MeetingRecord, Person

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")

DATE_BASIS_RANK = {"body": 0, "published": 1, "inferred": 2}
"""A date stated in the body beats one taken from the publication time, which beats an inference."""

SCALAR_FIELDS = ("kind", "quarter", "form", "time_of_day")


def meeting_key(record: MeetingRecord) -> tuple[str, str, str] | None:
    """The identity of the meeting a record reports: organ, city, date; None when any is unknown."""
    if not record.is_meeting or not record.organ or not record.date:
        return None
    return (record.organ, record.city or "", record.date)


@dataclass(frozen=True)
class Tagged(Generic[K, T]):
    """A merged value with the source it was taken from and its field path in that source's record."""

    value: T
    source: K
    path: str


@dataclass(frozen=True)
class Conflict(Generic[K]):
    """Readouts of one meeting disagree on ``field``: every distinct value with the sources stating it."""

    field: str
    values: list[tuple[Any, list[K]]]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "values": [{"value": v, "sources": list(s)} for v, s in self.values]}


@dataclass
class Consolidated(Generic[K]):
    """The merged view of one meeting over all its readouts."""

    sources: list[K]
    primary: K
    organ: str | None = None
    city: str | None = None
    date: str | None = None
    date_basis: str | None = None
    scalars: dict[str, Any] = field(default_factory=dict)
    presider: Tagged[K, Person] | None = None
    deployer: Tagged[K, Person] | None = None
    also_present: list[Tagged[K, Person]] = field(default_factory=list)
    attendees: list[Tagged[K, str]] = field(default_factory=list)
    opening: Tagged[K, Any] | None = None
    remarks: list[Tagged[K, Any]] = field(default_factory=list)
    deployment_speaker: str | None = None
    deployment_heading: str | None = None
    items: list[Tagged[K, str]] = field(default_factory=list)
    units: list[Tagged[K, str]] = field(default_factory=list)
    topic: str | None = None
    terms: list[str] = field(default_factory=list)
    conflicts: list[Conflict[K]] = field(default_factory=list)
    chosen: dict[str, K] = field(default_factory=dict)


def union_pairs(
    lists: Sequence[Sequence[T]], key: Callable[[T], Hashable] = lambda x: x
) -> list[tuple[int, int]]:
    """The ordered union of ``lists`` as ``(list index, item index)`` pairs of each element's first carrier.

    The first list gives the order; an element only a later list has is inserted right after the
    element that precedes it in that list (or first, when it opens the list).
    """
    merged: list[tuple[int, int]] = []
    keys: list[Hashable] = []
    for li, items in enumerate(lists):
        previous: Hashable | None = None
        for ii, item in enumerate(items):
            k = key(item)
            if k not in keys:
                at = 0 if previous is None else keys.index(previous) + 1
                merged.insert(at, (li, ii))
                keys.insert(at, k)
            previous = k
    return merged


def _scalar(
    name: str, values: list[tuple[K, Any]], conflicts: list[Conflict[K]]
) -> tuple[Any, K | None]:
    """The first stated value; when sources disagree, a conflict listing every value is recorded."""
    stated = [(src, v) for src, v in values if v not in (None, "")]
    if not stated:
        return None, None
    distinct: dict[Any, list[K]] = {}
    for src, v in stated:
        distinct.setdefault(_hashable(v), []).append(src)
    if len(distinct) > 1:
        conflicts.append(Conflict(field=name, values=[(_plain(v), s) for v, s in distinct.items()]))
    return stated[0][1], stated[0][0]


def _hashable(value: Any) -> Hashable:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def _plain(value: Any) -> Any:
    return dict(value) if isinstance(value, tuple) else value


def _person(
    name: str, records: Sequence[tuple[K, MeetingRecord]], conflicts: list[Conflict[K]]
) -> Tagged[K, Person] | None:
    """A role held by one person: conflicts on the name; the fullest stated title is kept."""
    people = [(src, getattr(rec, name)) for src, rec in records if getattr(rec, name) is not None]
    chosen_name, src = _scalar(name, [(s, p.name) for s, p in people], conflicts)
    if chosen_name is None or src is None:
        return None
    titles = [p.title for _, p in people if p.name == chosen_name and p.title]
    title = max(titles, key=len) if titles else None
    return Tagged(Person(name=chosen_name, title=title), src, f"{name}.name")


def _fullness(texts: Sequence[str]) -> tuple[int, int]:
    return (len(texts), sum(len(t) for t in texts))


def _fullest(records: Sequence[tuple[K, MeetingRecord]], texts: Callable[[MeetingRecord], list[str]]) -> int:
    """Index of the record whose list is fullest (count, then characters); the earliest on ties."""
    best = 0
    for i, (_, rec) in enumerate(records):
        if _fullness(texts(rec)) > _fullness(texts(records[best][1])):
            best = i
    return best


def _text_length(record: MeetingRecord) -> int:
    return len(record.text or "") or sum(len(r.text) for r in record.remarks)


def consolidate(records: Sequence[tuple[K, MeetingRecord]]) -> Consolidated[K]:
    """Merge the records of one meeting, given as ``(source, record)`` in ingest order."""
    if not records:
        raise ValueError("consolidate needs at least one record")
    records = [(s, r) for s, r in records if r.is_meeting] or list(records)
    conflicts: list[Conflict[K]] = []
    primary = max(records, key=lambda sr: _text_length(sr[1]))[0]
    out: Consolidated[K] = Consolidated(sources=[s for s, _ in records], primary=primary, conflicts=conflicts)
    first = records[0][1]
    out.organ, out.city, out.date = first.organ, first.city, first.date
    bases = [r.date_basis for _, r in records if r.date_basis]
    out.date_basis = min(bases, key=lambda b: DATE_BASIS_RANK.get(b, 9)) if bases else None

    for name in SCALAR_FIELDS:
        value, src = _scalar(name, [(s, getattr(r, name)) for s, r in records], conflicts)
        out.scalars[name] = value
        if src is not None:
            out.chosen[name] = src
    out.presider = _person("presider", records, conflicts)
    out.deployer = _person("deployer", records, conflicts)

    pairs = union_pairs([r.also_present for _, r in records], key=lambda p: p.name)
    out.also_present = [
        Tagged(records[li][1].also_present[ii], records[li][0], f"also_present[{ii}]") for li, ii in pairs
    ]
    pairs = union_pairs([r.attendees for _, r in records])
    out.attendees = [Tagged(records[li][1].attendees[ii], records[li][0], f"attendees[{ii}]") for li, ii in pairs]
    pairs = union_pairs([r.speeches.units for _, r in records])
    out.units = [
        Tagged(records[li][1].speeches.units[ii], records[li][0], f"speeches.units[{ii}]") for li, ii in pairs
    ]
    out.topic, topic_src = _scalar("speeches.topic", [(s, r.speeches.topic) for s, r in records], conflicts)
    if topic_src is not None:
        out.chosen["speeches.topic"] = topic_src

    openings = [(s, r.opening) for s, r in records if r.opening is not None]
    if openings:
        src, opening = max(openings, key=lambda so: len(so[1].text))
        out.opening = Tagged(opening, src, "opening.text")
        out.chosen["opening"] = src

    ri = _fullest(records, lambda r: [x.text for x in r.remarks])
    src, rec = records[ri]
    out.remarks = [Tagged(remark, src, f"remarks[{i}].text") for i, remark in enumerate(rec.remarks)]
    if rec.remarks:
        out.chosen["remarks"] = src

    di = _fullest(records, lambda r: list(r.deployment.items) if r.deployment else [])
    src, rec = records[di]
    if rec.deployment is not None:
        out.deployment_speaker = rec.deployment.speaker
        out.deployment_heading = rec.deployment.heading
        out.items = [Tagged(item, src, f"deployment.items[{i}]") for i, item in enumerate(rec.deployment.items)]
        out.chosen["deployment"] = src

    out.terms = [records[li][1].terms[ii] for li, ii in union_pairs([r.terms for _, r in records])]
    return out

"""Continuity across quarters: which earlier entry a new entry most likely continues.

Deployment items recur from quarter to quarter in new words ("全力推进民心工程和民生实事" becomes
"圆满完成民心工程和民生实事任务").  A candidate predecessor must come from an earlier quarter and
come from the same organ's meetings (a city committee's work does not continue a district's),
and either share the entry's policy domain and enough wording, share a quoted policy term
(“五个新城”), or be so similar in wording that the domain does not matter.  Wording is compared
as sets of character bigrams of the Chinese text (Dice coefficient), after removing stock phrases
that every item shares ("要按照市委部署要求").

Everything here is pure; the service stores the suggestions as links a supervisor confirms or
breaks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jidu.work.quarters import Quarter, parse_quarter

STOCK_PHRASES = (
    "要按照市委部署要求", "要按照市委部署", "按照市委部署", "下更大力气", "全力以赴", "加快推进", "切实",
    "全力", "扎实有力", "持续", "加快", "着力", "要",
)
"""Phrases that open many items of every quarter and say nothing about the subject."""

_CJK = re.compile(r"[\u3400-\u9fff0-9A-Za-z+]+")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』，。！？；：]{2,20})[”\"」』]")

MIN_SAME_DOMAIN = 0.2
"""Dice similarity enough for a predecessor in the same domain."""
MIN_ANY_DOMAIN = 0.45
"""Dice similarity enough whatever the domains (the assignment of one of them may be wrong)."""


@dataclass(frozen=True)
class EntryText:
    """What continuity needs to know of an entry."""

    id: int
    quarter: str
    text: str
    domain: str | None = None
    terms: tuple[str, ...] = ()
    organ: str | None = None
    """The convening body (上海市委, 示例市政府...): work continues within one organ's meetings."""


@dataclass(frozen=True)
class LinkCandidate:
    """A likely predecessor, with the evidence a supervisor reads before confirming it."""

    entry_id: int
    predecessor_id: int
    similarity: float
    same_domain: bool
    shared_terms: tuple[str, ...]
    shared_words: tuple[str, ...]

    def evidence(self) -> str:
        parts = [f"字词相似度 {self.similarity:.2f}"]
        if self.same_domain:
            parts.append("同一领域")
        if self.shared_terms:
            parts.append("共同提法 " + "、".join(f"“{t}”" for t in self.shared_terms))
        if self.shared_words:
            parts.append("共同词语 " + "、".join(self.shared_words[:8]))
        return "；".join(parts)


def strip_stock(text: str) -> str:
    for phrase in STOCK_PHRASES:
        text = text.replace(phrase, "，")
    return text


@lru_cache(maxsize=8192)
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams within runs of Chinese characters, letters and digits (never across punctuation)."""
    grams: set[str] = set()
    for run in _CJK.findall(strip_stock(text)):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(grams)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets: 2|A∩B| / (|A|+|B|), 0 for two empty sets."""
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


@lru_cache(maxsize=8192)
def quoted_terms(text: str) -> tuple[str, ...]:
    """Quoted spans “…” of 2-20 characters without sentence punctuation, in order, distinct."""
    return tuple(dict.fromkeys(_QUOTED.findall(text)))


def _shared_words(a: str, b: str) -> tuple[str, ...]:
    """Maximal common runs (3+ characters) shown as evidence: the phrases both texts use."""
    runs_b = _CJK.findall(strip_stock(b))
    found: list[str] = []
    for run in _CJK.findall(strip_stock(a)):
        i = 0
        while i < len(run) - 2:
            best = ""
            for j in range(len(run), i + 2, -1):
                piece = run[i:j]
                if any(piece in r for r in runs_b):
                    best = piece
                    break
            if best:
                if best not in found:
                    found.append(best)
                i += len(best)
            else:
                i += 1
    return tuple(found)


@lru_cache(maxsize=1024)
def _quarter(value: str) -> Quarter:
    return parse_quarter(value)


def score(entry: EntryText, earlier: EntryText) -> LinkCandidate | None:
    """Whether ``earlier`` is a plausible predecessor of ``entry``, and why; None if it is not."""
    candidate = _score(entry, earlier)
    if candidate is None:
        return None
    return _with_words(candidate, entry, earlier)


def _with_words(candidate: LinkCandidate, entry: EntryText, earlier: EntryText) -> LinkCandidate:
    return LinkCandidate(candidate.entry_id, candidate.predecessor_id, candidate.similarity, candidate.same_domain,
                         candidate.shared_terms, _shared_words(entry.text, earlier.text))


def _score(entry: EntryText, earlier: EntryText) -> LinkCandidate | None:
    """:func:`score` without the shared words (evidence wanted only for the chosen candidate)."""
    if _quarter(earlier.quarter) >= _quarter(entry.quarter):
        return None
    if entry.organ and earlier.organ and entry.organ != earlier.organ:
        return None
    sim = round(dice(bigrams(entry.text), bigrams(earlier.text)), 4)
    same = entry.domain is not None and entry.domain == earlier.domain and entry.domain != "other"
    terms_a = set(entry.terms) | set(quoted_terms(entry.text))
    terms_b = set(earlier.terms) | set(quoted_terms(earlier.text))
    shared = tuple(t for t in dict.fromkeys((*entry.terms, *quoted_terms(entry.text))) if t in terms_b & terms_a)
    if not (shared or (same and sim >= MIN_SAME_DOMAIN) or sim >= MIN_ANY_DOMAIN):
        return None
    return LinkCandidate(entry.id, earlier.id, sim, same, shared, ())


def _rank(candidate: LinkCandidate) -> float:
    """Order of preference: similarity, plus a bonus for a shared term and for the same domain."""
    return candidate.similarity + 0.15 * bool(candidate.shared_terms) + 0.1 * candidate.same_domain


def best_predecessor(entry: EntryText, earlier: Iterable[EntryText]) -> LinkCandidate | None:
    """The likely predecessor: the best candidate of the most recent earlier quarter that has one."""
    by_quarter: dict[Quarter, list[LinkCandidate]] = {}
    for other in earlier:
        if other.id == entry.id:
            continue
        candidate = score(entry, other)
        if candidate is not None:
            by_quarter.setdefault(parse_quarter(other.quarter), []).append(candidate)
    if not by_quarter:
        return None
    latest = max(by_quarter)
    return max(by_quarter[latest], key=lambda c: (_rank(c), -c.predecessor_id))


def best_in_latest_quarter(
    entry: EntryText, quarters: Iterable[Sequence[EntryText]]
) -> LinkCandidate | None:
    """:func:`best_predecessor` over earlier entries given one quarter at a time, latest first.

    The first quarter holding a plausible predecessor decides, so the scoring stops there: the
    caller fetches older quarters only while none was found (an index lookup per quarter instead
    of scoring every entry of the ledger).
    """
    for group in quarters:
        found = [(c, other) for other in group if other.id != entry.id and (c := _score(entry, other)) is not None]
        if found:
            best, other = max(found, key=lambda co: (_rank(co[0]), -co[0].predecessor_id))
            return _with_words(best, entry, other)
    return None


def suggest_links(entries: Sequence[EntryText]) -> list[LinkCandidate]:
    """For each entry, its likely predecessor among the others (entries with none are left out).

    Entries are grouped by organ and quarter once, so each entry is scored only against its own
    organ's (and organ-less) entries of earlier quarters, latest quarter first.
    """
    by_quarter: dict[Quarter, dict[str | None, list[EntryText]]] = {}
    for e in entries:
        by_quarter.setdefault(parse_quarter(e.quarter), {}).setdefault(e.organ or None, []).append(e)
    order = sorted(by_quarter, reverse=True)
    out = []
    for entry in entries:
        mine = parse_quarter(entry.quarter)

        def groups(entry: EntryText = entry, mine: Quarter = mine) -> Iterable[list[EntryText]]:
            for q in order:
                if q >= mine:
                    continue
                organs = by_quarter[q]
                if entry.organ:
                    yield [*organs.get(entry.organ, []), *organs.get(None, [])]
                else:
                    yield [e for group in organs.values() for e in group]

        candidate = best_in_latest_quarter(entry, groups())
        if candidate is not None:
            out.append(candidate)
    return out

"""Trends across quarters: how the deployed key work spreads over policy domains.

Pure functions: ``(quarter, item text)`` pairs in, a table of counts and shares per quarter out.
Each item is classified with :func:`jidu.analysis.domains.classify`, the same rules the workflow
uses for its entries, so the trends page and the ledger board speak of the same domains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jidu.analysis.domains import LABELS, OTHER, TAXONOMY, classify

DOMAIN_ORDER: tuple[str, ...] = tuple(d.key for d in TAXONOMY) + (OTHER,)


@dataclass
class DomainShares:
    """Items per domain per quarter; ``shares`` gives each quarter's percentages."""

    quarters: list[str]
    domains: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """``counts[domain][quarter]``."""

    def total(self, quarter: str) -> int:
        return sum(self.counts[d].get(quarter, 0) for d in self.domains)

    def share(self, domain: str, quarter: str) -> float:
        """Percentage of the quarter's items in ``domain`` (0 for an empty quarter)."""
        total = self.total(quarter)
        return round(100 * self.counts[domain].get(quarter, 0) / total, 1) if total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "quarters": self.quarters,
            "domains": [
                {
                    "key": d, "label": LABELS.get(d, d),
                    "counts": [self.counts[d].get(q, 0) for q in self.quarters],
                    "shares": [self.share(d, q) for q in self.quarters],
                }
                for d in self.domains
            ],
            "totals": [self.total(q) for q in self.quarters],
        }


def domain_shares(items: Iterable[tuple[str, str]]) -> DomainShares:
    """Count items per (domain, quarter); only domains that occur are kept, in taxonomy order."""
    return shares_from_counts((quarter, classify(text).domain, 1) for quarter, text in items)


def shares_from_counts(rows: Iterable[tuple[str, str, int]]) -> DomainShares:
    """The same table from ``(quarter, domain, count)`` rows already counted (by the database)."""
    counts: dict[str, dict[str, int]] = {}
    quarters: set[str] = set()
    for quarter, domain, n in rows:
        if n <= 0:
            continue
        quarters.add(quarter)
        per_quarter = counts.setdefault(domain, {})
        per_quarter[quarter] = per_quarter.get(quarter, 0) + n
    domains = [d for d in DOMAIN_ORDER if d in counts] + sorted(d for d in counts if d not in DOMAIN_ORDER)
    return DomainShares(quarters=sorted(quarters), domains=domains, counts=counts)


def term_series(by_quarter: dict[str, int], quarters: list[str]) -> list[int]:
    """A term's counts aligned on ``quarters`` (0 where it does not occur), for a line chart."""
    return [by_quarter.get(q, 0) for q in quarters]

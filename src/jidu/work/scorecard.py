"""The per-unit scorecard of a quarter (赛马场): who owns what, closes on time, runs late.

Units are ranked the way meetings compare districts and departments: by the share of their
entries closed on time, then by average evaluation score, then by fewer overdue and red entries.
Units that only cooperate on others' entries are listed after the units that lead work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from jidu.work.clock import utcnow
from jidu.work.lifecycle import Status
from jidu.work.lights import Light, LightSettings
from jidu.work.queries import UNASSIGNED, EntryView, closed_on_time, list_entries


@dataclass
class UnitScore:
    """One unit's line of the scorecard."""

    unit: str
    owned: int = 0
    cooperating: int = 0
    closed: int = 0
    closed_on_time: int = 0
    pending_review: int = 0
    overdue: int = 0
    yellow: int = 0
    red: int = 0
    carried_over: int = 0
    scores: list[float] = field(default_factory=list)
    rank: int = 0

    @property
    def on_time_rate(self) -> float:
        return self.closed_on_time / self.owned if self.owned else 0.0

    @property
    def average_score(self) -> float | None:
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("scores")
        data["on_time_rate"] = round(self.on_time_rate, 4)
        data["average_score"] = self.average_score
        data["evaluated"] = len(self.scores)
        return data


def build_scorecard(views: Sequence[EntryView]) -> list[UnitScore]:
    """Score and rank units from a quarter's entry views (pure: the views carry lights and overdue)."""
    table: dict[str, UnitScore] = {}
    for v in views:
        e = v.entry
        if e.lead_unit is None:
            continue
        row = table.setdefault(v.lead, UnitScore(v.lead))
        row.owned += 1
        status = Status(e.status)
        row.closed += status is Status.CLOSED
        row.closed_on_time += closed_on_time(e)
        row.pending_review += status is Status.PENDING_REVIEW
        row.carried_over += status is Status.CARRIED_OVER
        row.overdue += v.overdue
        if v.light is not None:
            row.yellow += v.light.light is Light.YELLOW
            row.red += v.light.light is Light.RED
        if e.evaluation is not None:
            row.scores.append(e.evaluation.score)
        for name in v.cooperating:
            table.setdefault(name, UnitScore(name)).cooperating += 1
    return rank(table.values())


def rank(rows: Iterable[UnitScore]) -> list[UnitScore]:
    """The 赛马场 order (units with work first, then on-time rate, score, fewer overdue and red,
    more work, name), with each row's rank set; the unassigned row is left out."""
    ranked = sorted(
        (r for r in rows if r.unit != UNASSIGNED),
        key=lambda r: (r.owned == 0, -r.on_time_rate, -(r.average_score or -1), r.overdue, r.red, -r.owned, r.unit),
    )
    for i, row in enumerate(ranked, start=1):
        row.rank = i
    return ranked


def scorecard(
    session: Session, quarter: str, *, now: dt.datetime | None = None, settings: LightSettings | None = None
) -> list[UnitScore]:
    """The scorecard of a quarter at ``now``."""
    return build_scorecard(list_entries(session, quarter=quarter, now=now or utcnow(), settings=settings))

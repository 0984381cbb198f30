"""The status bulletin (督查通报) of a quarter: counts by status and light, and the late units named.

A bulletin is what the supervision office circulates mid-quarter and at its end.  It is built as
data (:class:`Bulletin`) and rendered as Markdown, so the CLI prints it, the web app can show it
and the briefing reuses the counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from jidu.work.clock import local_date, utcnow
from jidu.work.lifecycle import Status
from jidu.work.lights import Light, LightSettings
from jidu.work.queries import EntryView, list_entries


@dataclass(frozen=True)
class LateUnit:
    unit: str
    overdue: int
    red: int
    yellow: int
    entries: tuple[int, ...]


@dataclass(frozen=True)
class Bulletin:
    quarter: str
    as_of: dt.date
    total: int
    by_status: dict[str, int]
    by_light: dict[str, int]
    overdue: int
    late_units: tuple[LateUnit, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter, "as_of": self.as_of.isoformat(), "total": self.total,
            "by_status": self.by_status, "by_light": self.by_light, "overdue": self.overdue,
            "late_units": [u.__dict__ | {"entries": list(u.entries)} for u in self.late_units],
        }


def build_bulletin(quarter: str, views: Sequence[EntryView], now: dt.datetime) -> Bulletin:
    """Counts by status (every status listed, zeros included) and light; units with late work named."""
    statuses = Counter(v.entry.status for v in views)
    lights = Counter(v.light.light.value for v in views if v.light is not None)
    late: dict[str, dict[str, Any]] = {}
    for v in views:
        is_red = v.light is not None and v.light.light is Light.RED
        is_yellow = v.light is not None and v.light.light is Light.YELLOW
        if not (v.overdue or is_red or is_yellow):
            continue
        row = late.setdefault(v.lead, {"overdue": 0, "red": 0, "yellow": 0, "entries": []})
        row["overdue"] += v.overdue
        row["red"] += is_red
        row["yellow"] += is_yellow
        row["entries"].append(v.entry.id)
    late_units = tuple(
        LateUnit(name, r["overdue"], r["red"], r["yellow"], tuple(r["entries"]))
        for name, r in sorted(late.items(), key=lambda kv: (-kv[1]["overdue"], -kv[1]["red"], -kv[1]["yellow"], kv[0]))
    )
    return Bulletin(
        quarter=quarter, as_of=local_date(now), total=len(views),
        by_status={s.value: statuses.get(s.value, 0) for s in Status},
        by_light={light.value: lights.get(light.value, 0) for light in Light},
        overdue=sum(v.overdue for v in views), late_units=late_units,
    )


def bulletin(
    session: Session, quarter: str, *, now: dt.datetime | None = None, settings: LightSettings | None = None
) -> Bulletin:
    now = now or utcnow()
    return build_bulletin(quarter, list_entries(session, quarter=quarter, now=now, settings=settings), now)


def render_markdown(b: Bulletin) -> str:
    """The bulletin as a Markdown document a person can read or paste into a notice."""
    lines = [f"# {b.quarter} 重点工作督查通报", "", f"截至 {b.as_of.isoformat()}，本季度台账共 {b.total} 项。", ""]
    lines += ["## 办理状态", "", "| 状态 | 项数 |", "| --- | ---: |"]
    lines += [f"| {Status(k).label} | {n} |" for k, n in b.by_status.items()]
    lines += ["", "## 三色预警", "", "| 预警 | 项数 |", "| --- | ---: |"]
    lines += [f"| {Light(k).label} | {n} |" for k, n in b.by_light.items()]
    lines += ["", f"逾期未办结 {b.overdue} 项。", "", "## 需督促的单位", ""]
    if not b.late_units:
        lines.append("无逾期或预警事项。")
    else:
        lines += ["| 单位 | 逾期 | 红灯 | 黄灯 | 事项编号 |", "| --- | ---: | ---: | ---: | --- |"]
        lines += [f"| {u.unit} | {u.overdue} | {u.red} | {u.yellow} | {'、'.join(map(str, u.entries))} |"
                  for u in b.late_units]
    return "\n".join(lines) + "\n"

"""Early warning (三色预警): the light of an open entry, computed and explained, never stored.

The light compares the share of the entry's time that has elapsed (序时进度) with the progress
the unit reported:

* **red** when the deadline has passed (逾期), or progress lags the elapsed share by more than
  ``red_lag`` percentage points (default 30);
* **yellow** when it lags by ``yellow_lag`` points or more (default 10), or the deadline is
  ``near_days`` days away or less (default 3) and the work is not reported complete;
* **green** otherwise.

Time runs from the start of the entry's start day to the end of its deadline day, both in
Asia/Shanghai.  Every light carries its explanation: elapsed share, progress, lag, the rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from jidu.work import clock
from jidu.work.errors import InvalidInput


class Light(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[self.value]

    @property
    def label_en(self) -> str:
        return {"green": "Green", "yellow": "Yellow", "red": "Red"}[self.value]


@dataclass(frozen=True)
class LightSettings:
    """The warning thresholds; kept in the ``work_setting`` table, with these defaults."""

    yellow_lag: float = 10.0
    red_lag: float = 30.0
    near_days: int = 3

    def __post_init__(self) -> None:
        if not 0 <= self.yellow_lag <= self.red_lag <= 100:
            raise InvalidInput(
                "阈值须满足 0 ≤ 黄灯滞后 ≤ 红灯滞后 ≤ 100",
                f"thresholds need 0 <= yellow_lag <= red_lag <= 100 (got {self.yellow_lag}, {self.red_lag})",
            )
        if self.near_days < 0:
            raise InvalidInput("临近天数不能为负", "near_days cannot be negative")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LightReading:
    """A light with its reasons: what a list, a bulletin or a web page shows next to the colour."""

    light: Light
    rule: str
    elapsed: float
    """Share of the entry's time elapsed, in percent (0-100)."""
    progress: float
    lag: float
    """``elapsed - progress`` in percentage points (negative when ahead)."""
    days_left: int
    overdue: bool
    rule_en: str = ""

    def explain(self, lang: str = "zh") -> str:
        """The light and why, in Chinese (the office's language) or English (``lang="en"``)."""
        # An overdue entry's rule already says how many days late it is; "-N days left" would repeat it.
        if lang == "en":
            left = "" if self.overdue else f", {self.days_left} days left"
            return (f"{self.light.label_en}: {self.elapsed:.0f}% of the time elapsed, {self.progress:.0f}% "
                    f"reported, {self.lag:.0f} points behind{left}; {self.rule_en or self.rule}")
        left = "" if self.overdue else f"，剩余 {self.days_left} 天"
        return (f"{self.light.label}：序时进度 {self.elapsed:.0f}%，报送进度 {self.progress:.0f}%，"
                f"滞后 {self.lag:.0f} 个百分点{left}；{self.rule}")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["light"] = self.light.value
        data["explanation"] = self.explain()
        data["explanation_en"] = self.explain("en")
        return data


def elapsed_share(start: dt.date, deadline: dt.date, now: dt.datetime) -> float:
    """Percent of the time from ``start`` (its Shanghai midnight) to the end of ``deadline`` elapsed."""
    begin, end = clock.day_start(start), clock.deadline_end(deadline)
    total = (end - begin).total_seconds()
    if total <= 0:
        return 100.0
    share = (clock.as_utc(now) - begin).total_seconds() / total
    return round(min(max(share, 0.0), 1.0) * 100, 4)


def compute_light(
    start: dt.date,
    deadline: dt.date,
    progress: float | None,
    now: dt.datetime,
    settings: LightSettings | None = None,
) -> LightReading:
    """The light of an open entry at ``now``; the first rule that fires, in order of severity, wins."""
    settings = settings or LightSettings()
    done = float(progress or 0)
    elapsed = elapsed_share(start, deadline, now)
    lag = round(elapsed - done, 4)
    left = clock.days_left(deadline, now)
    overdue = clock.is_past_deadline(deadline, now)

    def reading(light: Light, rule: str, rule_en: str) -> LightReading:
        return LightReading(light, rule, elapsed, done, lag, left, overdue, rule_en)

    if overdue:
        return reading(Light.RED, f"已逾期 {-left} 天（截止 {deadline.isoformat()}）",
                       f"overdue by {-left} days (deadline {deadline.isoformat()})")
    if lag > settings.red_lag:
        return reading(Light.RED, f"进度滞后超过 {settings.red_lag:g} 个百分点",
                       f"progress lags by more than {settings.red_lag:g} points")
    if lag >= settings.yellow_lag:
        return reading(Light.YELLOW, f"进度滞后 {settings.yellow_lag:g}–{settings.red_lag:g} 个百分点",
                       f"progress lags by {settings.yellow_lag:g}-{settings.red_lag:g} points")
    if left <= settings.near_days and done < 100:
        return reading(Light.YELLOW, f"距截止不足 {settings.near_days} 天且尚未完成",
                       f"fewer than {settings.near_days} days to the deadline and not done")
    return reading(Light.GREEN, "进度正常", "on track")

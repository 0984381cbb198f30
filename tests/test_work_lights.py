import datetime as dt

import pytest

from jidu.work.clock import SHANGHAI, UTC
from jidu.work.errors import InvalidInput
from jidu.work.lights import Light, LightSettings, compute_light, elapsed_share

START = dt.date(2022, 7, 1)
DEADLINE = dt.date(2022, 9, 30)  # 92 days from Jul 1 00:00 to Oct 1 00:00 Shanghai


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI).astimezone(UTC)


def day_for_share(percent: float) -> dt.datetime:
    """The instant at which ``percent`` of the 92 days has elapsed."""
    begin = dt.datetime(2022, 7, 1, tzinfo=SHANGHAI)
    return (begin + dt.timedelta(days=92 * percent / 100)).astimezone(UTC)


def test_elapsed_share_runs_from_start_day_to_end_of_deadline_day():
    assert elapsed_share(START, DEADLINE, dt.datetime(2022, 7, 1, tzinfo=SHANGHAI)) == 0
    assert elapsed_share(START, DEADLINE, day_for_share(50)) == pytest.approx(50)
    assert elapsed_share(START, DEADLINE, dt.datetime(2022, 10, 1, tzinfo=SHANGHAI)) == 100
    assert elapsed_share(START, DEADLINE, dt.datetime(2022, 6, 1, tzinfo=SHANGHAI)) == 0


@pytest.mark.parametrize(
    ("progress", "light"),
    [(50, Light.GREEN), (41, Light.GREEN), (40, Light.YELLOW), (20, Light.YELLOW), (19, Light.RED), (0, Light.RED)],
)
def test_lag_thresholds_at_their_edges(progress, light):
    # at 50 % elapsed: lag 9 green, lag 10 yellow (edge), lag 30 yellow (edge), lag 31 red
    reading = compute_light(START, DEADLINE, progress, day_for_share(50))
    assert reading.light is light
    assert reading.lag == pytest.approx(50 - progress)


def test_near_deadline_is_yellow_unless_complete():
    now = at(dt.date(2022, 9, 27))  # 3 days left
    reading = compute_light(START, DEADLINE, 97, now)
    assert reading.days_left == 3
    assert reading.light is Light.YELLOW and "不足 3 天" in reading.rule
    assert compute_light(START, DEADLINE, 100, now).light is Light.GREEN
    assert compute_light(START, DEADLINE, 100, at(dt.date(2022, 9, 26))).days_left == 4
    assert compute_light(START, DEADLINE, 99, at(dt.date(2022, 9, 26))).light is Light.GREEN


def test_overdue_is_red_from_shanghai_midnight_after_the_deadline():
    last_moment = dt.datetime(2022, 9, 30, 23, 59, 59, tzinfo=SHANGHAI)
    assert compute_light(START, DEADLINE, 100, last_moment).overdue is False
    first_late = dt.datetime(2022, 10, 1, 0, 0, tzinfo=SHANGHAI)
    reading = compute_light(START, DEADLINE, 100, first_late)
    assert reading.overdue and reading.light is Light.RED and "已逾期" in reading.rule
    # 2022-09-30 17:00 UTC is already Oct 1 in Shanghai: overdue, though still Sep 30 in UTC
    assert compute_light(START, DEADLINE, 100, dt.datetime(2022, 9, 30, 16, 30, tzinfo=UTC)).overdue
    assert not compute_light(START, DEADLINE, 100, dt.datetime(2022, 9, 30, 15, 59, tzinfo=UTC)).overdue


def test_settings_change_the_thresholds():
    s = LightSettings(yellow_lag=5, red_lag=15, near_days=0)
    assert compute_light(START, DEADLINE, 45, day_for_share(50), s).light is Light.YELLOW
    assert compute_light(START, DEADLINE, 34, day_for_share(50), s).light is Light.RED
    assert compute_light(START, DEADLINE, 97, at(dt.date(2022, 9, 29)), s).light is Light.GREEN


def test_settings_are_validated():
    with pytest.raises(InvalidInput):
        LightSettings(yellow_lag=40, red_lag=30)
    with pytest.raises(InvalidInput):
        LightSettings(near_days=-1)


def test_reading_explains_itself():
    reading = compute_light(START, DEADLINE, 20, day_for_share(50))
    text = reading.explain()
    assert "序时进度 50%" in text and "报送进度 20%" in text and "滞后 30" in text
    assert reading.as_dict()["light"] == "yellow"


def test_overdue_explanation_says_late_not_negative_days_left():
    reading = compute_light(START, DEADLINE, 20, at(DEADLINE + dt.timedelta(days=5)))
    text = reading.explain()
    assert reading.overdue and "剩余" not in text and "逾期" in text
    assert "剩余" in compute_light(START, DEADLINE, 20, day_for_share(50)).explain()


def test_explanation_in_english():
    text = compute_light(START, DEADLINE, 20, day_for_share(50)).explain("en")
    assert text.startswith("Yellow: 50% of the time elapsed, 20% reported, 30 points behind")
    late = compute_light(START, DEADLINE, 20, at(DEADLINE + dt.timedelta(days=5))).explain("en")
    assert "overdue by" in late and "left" not in late

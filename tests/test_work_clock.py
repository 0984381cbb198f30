import datetime as dt

from jidu.work.clock import (
    SHANGHAI,
    UTC,
    as_utc,
    day_start,
    days_left,
    deadline_end,
    is_past_deadline,
    local_date,
)


def test_deadline_ends_at_shanghai_midnight_at_the_year_end():
    end = deadline_end(dt.date(2022, 12, 31))
    assert end == dt.datetime(2022, 12, 31, 16, 0, tzinfo=UTC)  # 2023-01-01 00:00 in Shanghai
    assert not is_past_deadline(dt.date(2022, 12, 31), dt.datetime(2022, 12, 31, 15, 59, 59, tzinfo=UTC))
    assert is_past_deadline(dt.date(2022, 12, 31), dt.datetime(2022, 12, 31, 16, 0, tzinfo=UTC))


def test_the_same_instant_in_any_zone_gives_the_same_answer():
    new_york = dt.timezone(dt.timedelta(hours=-5))
    instant = dt.datetime(2022, 9, 30, 11, 30, tzinfo=new_york)  # 2022-10-01 00:30 in Shanghai
    assert local_date(instant) == dt.date(2022, 10, 1)
    assert is_past_deadline(dt.date(2022, 9, 30), instant)
    assert days_left(dt.date(2022, 9, 30), instant) == -1


def test_naive_times_are_taken_as_utc():
    naive = dt.datetime(2022, 6, 30, 16, 0)
    assert as_utc(naive) == dt.datetime(2022, 6, 30, 16, 0, tzinfo=UTC)
    assert local_date(naive) == dt.date(2022, 7, 1)


def test_days_left_counts_shanghai_calendar_days():
    morning = dt.datetime(2022, 9, 27, 8, 0, tzinfo=SHANGHAI)
    assert days_left(dt.date(2022, 9, 30), morning) == 3
    assert days_left(dt.date(2022, 9, 30), dt.datetime(2022, 9, 30, 23, 0, tzinfo=SHANGHAI)) == 0
    assert day_start(dt.date(2022, 7, 1)) == dt.datetime(2022, 6, 30, 16, 0, tzinfo=UTC)

import datetime as dt

import pytest

from jidu.work.errors import InvalidInput
from jidu.work.quarters import Quarter, parse_quarter, quarter_of


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("2022Q1", (2022, 1, 1), (2022, 3, 31)), ("2024Q1", (2024, 1, 1), (2024, 3, 31)),
     ("2022q2", (2022, 4, 1), (2022, 6, 30)), ("2022Q3", (2022, 7, 1), (2022, 9, 30)),
     (" 2022Q4 ", (2022, 10, 1), (2022, 12, 31))],
)
def test_first_and_last_days(text, first, last):
    q = parse_quarter(text)
    assert q.first_day == dt.date(*first) and q.last_day == dt.date(*last)


def test_neighbours_cross_years_and_order():
    assert Quarter(2022, 4).next() == Quarter(2023, 1)
    assert Quarter(2023, 1).previous() == Quarter(2022, 4)
    assert sorted([Quarter(2023, 1), Quarter(2022, 4), Quarter(2022, 1)]) == [
        Quarter(2022, 1), Quarter(2022, 4), Quarter(2023, 1)]
    assert Quarter(2023, 1).index() - Quarter(2022, 3).index() == 2
    assert str(Quarter(2021, 3)) == "2021Q3"


def test_quarter_of_a_date():
    assert quarter_of(dt.date(2022, 1, 5)) == Quarter(2022, 1)
    assert quarter_of(dt.date(2022, 9, 30)) == Quarter(2022, 3)
    assert quarter_of(dt.date(2022, 10, 1)) == Quarter(2022, 4)


@pytest.mark.parametrize("bad", ["2022Q5", "2022-3", "Q3", "", "二〇二二年三季度"])
def test_bad_quarters_are_refused(bad):
    with pytest.raises(InvalidInput, match="2022Q3"):
        parse_quarter(bad)

"""What each date precision allows, and the days it occupies."""

from datetime import date

import pytest

from calendars.dates import When, exclusive_end, problems, resolve, yearly_day
from models.events import DatePrecision as P

VALID = [
    When(P.day, starts_on=date(2024, 6, 12)),
    When(P.day_range, starts_on=date(2024, 10, 31), ends_on=date(2024, 11, 1)),
    When(P.day_range, starts_on=date(2024, 5, 1), ends_on=date(2024, 5, 1)),
    When(P.month, year=2024, month=5),
    When(P.separate_schedule, year=2024),
    When(P.continuous, year=2024),
    When(P.quarterly, year=2024),
]

INVALID = [
    (When(P.month, year=2024, month=5, starts_on=date(2024, 5, 3)), ("starts_on", "not_allowed")),
    (When(P.month, year=2024), ("month", "missing")),
    (When(P.month, year=2024, month=13), ("month", "out_of_range")),
    (When(P.day), ("starts_on", "missing")),
    (When(P.day, starts_on=date(2024, 1, 1), ends_on=date(2024, 1, 2)), ("ends_on", "not_allowed")),
    (When(P.day_range, starts_on=date(2024, 11, 1), ends_on=date(2024, 10, 31)),
     ("ends_on", "before_start")),
    (When(P.day_range, starts_on=date(2024, 11, 1)), ("ends_on", "missing")),
    (When(P.continuous, year=2024, starts_on=date(2024, 1, 1)), ("starts_on", "not_allowed")),
    (When(P.separate_schedule), ("year", "missing")),
    (When(P.quarterly, year=1800), ("year", "out_of_range")),
]


@pytest.mark.parametrize("when", VALID, ids=lambda w: w.precision)
def test_precision_accepts_what_it_allows(when):
    assert problems(when) == []


@pytest.mark.parametrize(("when", "problem"), INVALID)
def test_precision_refuses_what_it_does_not_allow(when, problem):
    assert problem in problems(when)


def test_month_only_date_spans_the_whole_month():
    assert resolve(When(P.month, year=2024, month=2)) == (2024, date(2024, 2, 1), date(2024, 2, 29))


def test_undated_item_keeps_its_plan_year_and_no_days():
    assert resolve(When(P.continuous, year=2024)) == (2024, None, None)


def test_all_day_end_is_exclusive():
    assert exclusive_end(date(2024, 11, 1)) == date(2024, 11, 2)
    assert exclusive_end(date(2024, 12, 31)) == date(2025, 1, 1)


def test_yearly_29_february_falls_on_the_28th_in_common_years():
    assert yearly_day(2025, 2, 29) == date(2025, 2, 28)
    assert yearly_day(2028, 2, 29) == date(2028, 2, 29)

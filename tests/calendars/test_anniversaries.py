"""City days and jubilees computed from the cities table, checked against the plan."""

from datetime import date

import pytest

from calendars import store
from calendars.anniversaries import Jubilee, capital_days, is_jubilee_age, jubilees
from seeding.loader import read_seed


def as_expected(found, end_days=False):
    table = {}
    for item in found:
        day = item.day if isinstance(item, Jubilee) else item
        entry = {"age": item.age, "day": day.starts_on.strftime("%m-%d")}
        if end_days and day.ends_on != day.starts_on:
            entry["end_day"] = day.ends_on.day
        table[item.city.slug] = entry
    return table


def test_2024_jubilees_are_exactly_the_plans_eight(seeded):
    expected = read_seed()["expected"]["jubilees_2024"]
    assert as_expected(jubilees(store.dated_cities(seeded), 2024)) == expected


def test_2024_capital_days_are_exactly_the_plans_nine(seeded):
    expected = read_seed()["expected"]["capital_days_2024"]
    found = as_expected(capital_days(store.dated_cities(seeded), 2024), end_days=True)
    assert found == expected


def test_yerevan_founded_bc_is_2806_in_2024(seeded):
    days = {day.city.slug: day for day in capital_days(store.dated_cities(seeded), 2024)}
    assert days["yerevan"].age == 2806
    assert days["sukhum"].age == 2508


def test_next_years_jubilees_follow_from_founding_years(seeded):
    cities = store.dated_cities(seeded)
    ages_2025 = {c.slug: c.age_in(2025) for c in cities if c.status == "member"}
    expected = sorted(slug for slug, age in ages_2025.items() if age and age % 5 == 0)
    assert sorted(j.city.slug for j in jubilees(cities, 2025)) == expected
    # Five years on, the same eight cities are round again.
    assert {j.city.slug: j.age for j in jubilees(cities, 2029)} == {
        slug: value["age"] + 5
        for slug, value in read_seed()["expected"]["jubilees_2024"].items()}


def test_city_day_range_stays_a_range_every_year(seeded):
    days = {day.city.slug: day for day in capital_days(store.dated_cities(seeded), 2031)}
    assert (days["moscow"].starts_on, days["moscow"].ends_on) == (date(2031, 9, 8),
                                                                  date(2031, 9, 9))


@pytest.mark.parametrize(("age", "round_"), [(5, True), (450, True), (2805, True), (0, False),
                                              (-5, False), (146, False), (None, False)])
def test_jubilee_is_a_positive_multiple_of_five(age, round_):
    assert is_jubilee_age(age) is round_

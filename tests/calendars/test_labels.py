"""An event's date in words, as precise as the plan gives it, in both languages."""

from datetime import date

import pytest

from calendars.labels import date_label
from models.events import DatePrecision as P
from models.events import Event


def event(precision, starts_on=None, ends_on=None, approximate=False):
    return Event(uid="x", kind="forum", precision=precision, year=2024, starts_on=starts_on,
                 ends_on=ends_on, approximate=approximate)


@pytest.mark.parametrize(("subject", "ru", "en"), [
    (event(P.day, date(2024, 6, 12), date(2024, 6, 12)), "12 июня 2024 г.", "12 June 2024"),
    (event(P.day_range, date(2024, 9, 8), date(2024, 9, 9)), "8–9 сентября 2024 г.",
     "8–9 September 2024"),
    (event(P.day_range, date(2024, 10, 31), date(2024, 11, 1)),
     "31 октября – 1 ноября 2024 г.", "31 October – 1 November 2024"),
    (event(P.month, date(2024, 5, 1), date(2024, 5, 31)), "май 2024", "May 2024"),
    (event(P.continuous), "Постоянно, 2024", "Continuous, 2024"),
    (event(P.day, date(2024, 6, 2), date(2024, 6, 2), approximate=True),
     "2 июня 2024 г. (ориентировочно)", "2 June 2024 (approximate)"),
])
def test_date_label_says_exactly_what_the_plan_knows(subject, ru, en):
    ru = ru.replace(" г.", "\u202fг.")  # Babel's narrow no-break space before "г."
    assert (date_label(subject, "ru"), date_label(subject, "en")) == (ru, en)

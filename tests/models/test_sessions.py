"""Roman numerals and decision references."""

from datetime import date

import pytest

from models.sessions import DecisionRef, from_roman, parse_decision, to_roman


@pytest.mark.parametrize(("number", "roman"), [(1, "I"), (4, "IV"), (29, "XXIX"), (30, "XXX"),
                                               (49, "XLIX"), (1999, "MCMXCIX")])
def test_roman_numerals_round_trip(number, roman):
    assert to_roman(number) == roman
    assert from_roman(roman) == number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("XXIX:1.3", DecisionRef("session", session_number=29, item="1.3")),
        ("xxix : 3.4", DecisionRef("session", session_number=29, item="3.4")),
        ("29:1.1", DecisionRef("session", session_number=29, item="1.1")),
        ("board:2024-03-01:5", DecisionRef("board", minute_date=date(2024, 3, 1), minute_number="5")),
    ],
)
def test_decision_references_parse(text, expected):
    assert parse_decision(text) == expected


@pytest.mark.parametrize("text", ["", "XXIX", "IIII:1", "XXIX:", "0:1.1", "board:2024-02-30:1",
                                  "session 29 item 3", "<script>:1"])
def test_malformed_references_are_refused(text):
    with pytest.raises(ValueError):
        parse_decision(text)


def test_reference_prints_as_the_association_writes_it():
    assert str(parse_decision("29:1.3")) == "XXIX:1.3"

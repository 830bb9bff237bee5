"""The one amount parser and the one date parser every form field uses."""

from datetime import date
from decimal import Decimal

import pytest

from models.formatting import format_plain_amount, format_rate
from models.reading import Unreadable, read_day, read_decimal

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("language", "typed", "read"), [
    ("ru", "1000", Decimal("1000")),
    ("ru", "1 000", Decimal("1000")),
    ("ru", f"1{NBSP}000", Decimal("1000")),
    ("ru", f"1{NNBSP}000", Decimal("1000")),
    ("ru", "1 000,50", Decimal("1000.50")),
    ("ru", f"1{NBSP}000,50", Decimal("1000.50")),
    ("ru", f"1{NNBSP}000,50", Decimal("1000.50")),
    ("ru", "1000,50", Decimal("1000.50")),
    ("ru", "1000.50", Decimal("1000.50")),
    ("ru", "1 000.50", Decimal("1000.50")),
    ("ru", "250 000", Decimal("250000")),
    ("ru", "1 234 567,8", Decimal("1234567.8")),
    ("ru", "  4000 ", Decimal("4000")),
    ("ru", "0,5", Decimal("0.5")),
    ("ru", "0", Decimal("0")),
    ("en", "1,000.50", Decimal("1000.50")),
    ("en", "1000.50", Decimal("1000.50")),
    ("en", "1,000", Decimal("1000")),
    ("en", "1,234,567.89", Decimal("1234567.89")),
    ("en", "4000", Decimal("4000")),
    ("en", "0.5", Decimal("0.5")),
])
def test_an_amount_is_read_as_the_page_language_writes_it(language, typed, read):
    assert read_decimal(typed, language, places=2) == read


@pytest.mark.parametrize(("language", "typed", "reason"), [
    # issue 22: exponent, underscore, full-width and Arabic-Indic digits
    ("ru", "1e3", "malformed"),
    ("en", "1e3", "malformed"),
    ("ru", "1_000", "malformed"),
    ("en", "1_000", "malformed"),
    ("ru", "１０００", "malformed"),
    ("en", "１０００", "malformed"),
    ("ru", "١٠٠٠", "malformed"),
    ("en", "١٠٠٠", "malformed"),
    ("ru", "۱۰۰۰", "malformed"),
    # signs, words, stray or doubled separators
    ("ru", "-100", "malformed"),
    ("ru", "+100", "malformed"),
    ("ru", "NaN", "malformed"),
    ("en", "Infinity", "malformed"),
    ("ru", "сто", "malformed"),
    ("ru", "", "malformed"),
    ("ru", "   ", "malformed"),
    ("ru", ",50", "malformed"),
    ("ru", "100,", "malformed"),
    ("ru", "1,000,50", "malformed"),
    ("ru", "1 000,50.1", "malformed"),
    ("ru", "1,5.0", "malformed"),
    ("ru", "10 00", "malformed"),
    ("ru", "1  000", "malformed"),
    ("ru", "1\t000", "malformed"),
    ("ru", "1 000 ,50", "malformed"),
    ("ru", "1'000", "malformed"),
    ("ru", "1,000.50", "malformed"),
    ("ru", "€100", "malformed"),
    ("ru", "1" * 41, "malformed"),
    # English groups with commas only and writes a decimal point
    ("en", "1 000", "malformed"),
    ("en", f"1{NBSP}000.50", "malformed"),
    ("en", "1000,50", "malformed"),
    ("en", "1,5", "malformed"),
    ("en", "10,00.5", "malformed"),
    ("en", "1.000.000", "malformed"),
    # a Russian dot that groups thousands the German way, or a decimal?
    ("ru", "1.000", "ambiguous"),
    ("ru", "12.500", "ambiguous"),
    ("ru", "1.000.000", "ambiguous"),
    # more decimals than an amount has
    ("ru", "10,123", "too_precise"),
    ("en", "10.123", "too_precise"),
])
def test_what_is_not_an_amount_is_refused_with_its_reason(language, typed, reason):
    with pytest.raises(Unreadable) as refused:
        read_decimal(typed, language, places=2)
    assert refused.value.reason == reason


@pytest.mark.parametrize(("language", "typed", "read"), [
    ("ru", "0,0105", Decimal("0.0105")),
    ("ru", "0.0105", Decimal("0.0105")),
    ("en", "0.0105", Decimal("0.0105")),
    ("en", "1.123456", Decimal("1.123456")),
    ("en", "1.000", Decimal("1.000")),
])
def test_a_rate_takes_six_decimals(language, typed, read):
    assert read_decimal(typed, language, places=6) == read


@pytest.mark.parametrize(("language", "stored", "shown"), [
    ("en", Decimal("0.010500"), "0.0105"),
    ("ru", Decimal("0.010500"), "0,0105"),
    ("en", Decimal("1.000000"), "1"),
    ("en", Decimal("95.123456"), "95.123456"),
    ("ru", Decimal("1500.250000"), "1\u00a0500,25"),
])
def test_a_rate_is_shown_with_its_significant_digits_only(language, stored, shown):
    assert format_rate(stored, language) == shown


@pytest.mark.parametrize(("language", "amount", "shown"), [
    ("ru", Decimal("1000.50"), "1\u00a0000,50"),
    ("en", Decimal("1000.50"), "1,000.50"),
    ("ru", Decimal("4000.00"), "4\u00a0000"),
])
def test_an_amount_is_shown_back_as_it_would_be_typed(language, amount, shown):
    assert format_plain_amount(amount, language) == shown
    assert read_decimal(shown, language, places=2) == amount


@pytest.mark.parametrize(("language", "typed", "read"), [
    ("ru", "25.05.2023", date(2023, 5, 25)),
    ("ru", "5.6.2023", date(2023, 6, 5)),
    ("ru", "2023-05-25", date(2023, 5, 25)),
    ("ru", " 25.05.2023 ", date(2023, 5, 25)),
    ("en", "2023-05-25", date(2023, 5, 25)),
    ("ru", "29.02.2024", date(2024, 2, 29)),
])
def test_a_day_is_read_in_iso_and_on_russian_pages_as_dd_mm_yyyy(language, typed, read):
    assert read_day(typed, language) == read


@pytest.mark.parametrize(("language", "typed", "reason"), [
    ("en", "25.05.2023", "malformed"),
    ("ru", "25/05/2023", "malformed"),
    ("ru", "25.05.23", "malformed"),
    ("ru", "2023-5-25", "malformed"),
    ("ru", "вчера", "malformed"),
    ("ru", "", "malformed"),
    ("ru", "２０２３-05-25", "malformed"),
    ("ru", "25.05.2023 12:00", "malformed"),
    ("ru", "31.02.2023", "no_such_day"),
    ("ru", "2023-13-01", "no_such_day"),
    ("en", "2023-02-30", "no_such_day"),
    ("ru", "0000-01-01", "no_such_day"),
])
def test_what_is_not_a_day_is_refused_with_its_reason(language, typed, reason):
    with pytest.raises(Unreadable) as refused:
        read_day(typed, language)
    assert refused.value.reason == reason

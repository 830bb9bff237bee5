"""Russian by default, complete English, and the reader's formats."""

from datetime import date
from decimal import Decimal

import pytest

from models.formatting import format_day, format_day_of_year, format_money
from translations.catalog import missing, unextracted


def test_site_opens_in_russian(client, seeded):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="ru">' in page
    assert "Международная Ассамблея столиц и крупных городов" in page


def test_lang_parameter_switches_to_english_and_sticks(client, seeded):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "International Assembly of Capitals and Major Cities" in page
    assert '<html lang="en">' in client.get("/cities").get_data(as_text=True)


def test_accept_language_is_used_without_a_choice(client, seeded):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_saved_preference_wins_over_accept_language(client, seeded, auth):
    auth.login("moscow@demo.magflow")
    client.get("/?lang=en")
    auth.logout()
    fresh = client.application.test_client()
    fresh.post("/login", data={"email": "moscow@demo.magflow", "password": "magflow-demo-2024"})
    page = fresh.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_unknown_language_is_explained_not_an_error(client, seeded):
    response = client.get("/?lang=xx")
    assert response.status_code == 200
    assert "Этот язык недоступен" in response.get_data(as_text=True)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_message_is_translated(language):
    assert missing(language) == []


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_message_of_the_code_is_in_the_catalog(language):
    """A string added without ``make i18n`` would show untranslated: the catalogs hold them all."""
    assert unextracted(language) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "25 мая 2023\u202fг."), ("en", "25 May 2023")],
)
def test_dates_follow_the_readers_language(language, expected):
    assert format_day(date(2023, 5, 25), language) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        ("4000", "EUR", "ru", "4\xa0000\xa0€"),
        ("4000", "EUR", "en", "€4,000"),
        ("250000", "RUB", "ru", "250\xa0000\xa0₽"),
        ("12.50", "EUR", "en", "€12.50"),
    ],
)
def test_money_follows_the_readers_language(amount, currency, language, expected):
    assert format_money(Decimal(amount), currency, language) == expected


def test_city_day_ranges_read_naturally():
    assert format_day_of_year(7, 5, 6, "ru") == "5–6 июля"
    assert format_day_of_year(9, 8, 9, "en") == "8–9 September"

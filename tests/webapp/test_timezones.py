"""Times shown on the association's clock, or the reader's own, with the zone named."""

from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from models.formatting import format_moment
from webapp import create_app, timezones
from webapp.config import ConfigurationError, from_environment

AT = datetime(2023, 5, 25, 11, 5, tzinfo=UTC)


@pytest.mark.parametrize(("zone", "language", "text"), [
    ("Europe/Moscow", "ru", "25 мая 2023, 14:05 (Москва, UTC+3)"),
    ("Europe/Moscow", "en", "25 May 2023, 14:05 (Moscow, UTC+3)"),
    ("Asia/Vladivostok", "ru", "25 мая 2023, 21:05 (Владивосток, UTC+10)"),
    ("Europe/Kaliningrad", "en", "25 May 2023, 13:05 (Kaliningrad, UTC+2)"),
    ("Asia/Kolkata", "en", "25 May 2023, 16:35 (Kolkata, UTC+5:30)"),
    ("UTC", "en", "25 May 2023, 11:05 (UTC)"),
])
def test_a_time_is_shown_on_a_named_clock(zone, language, text):
    assert format_moment(AT, ZoneInfo(zone), language) == text


def test_a_stored_naive_time_is_read_as_utc():
    naive = AT.replace(tzinfo=None)
    assert format_moment(naive, ZoneInfo("Europe/Moscow"), "en").startswith("25 May 2023, 14:05")


def test_the_association_zone_is_a_setting(tmp_path):
    assert from_environment({"MAGFLOW_TIMEZONE": "Asia/Vladivostok"}) == {
        "TIMEZONE": "Asia/Vladivostok"}
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["TIMEZONE"] == "Europe/Moscow"
    with pytest.raises(ConfigurationError, match="MAGFLOW_TIMEZONE"):
        create_app({"TIMEZONE": "Mars/Olympus", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


@pytest.mark.parametrize(("own", "expected"), [
    ("Asia/Vladivostok", "21:05 (Владивосток, UTC+10)"),
    (None, "19:05 (Иркутск, UTC+8)"),  # no zone of their own: the association's
    ("Not/AZone", "19:05 (Иркутск, UTC+8)"),
])
def test_a_users_own_zone_wins_where_the_profile_gives_one(tmp_path, monkeypatch, own,
                                                            expected):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "TIMEZONE": "Asia/Irkutsk"})
    user = SimpleNamespace(is_authenticated=True, timezone=own, locale="ru")
    monkeypatch.setattr(timezones, "current_user", user)
    with app.test_request_context("/"):
        assert timezones.moment(AT).endswith(expected)


def test_the_day_of_a_stored_time_is_the_readers_day(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    late = datetime(2026, 3, 1, 22, 30, tzinfo=UTC)  # already 2 March in Moscow
    with app.test_request_context("/"):
        assert timezones.local_day(late) == date(2026, 3, 2)
        assert timezones.local_day(date(2026, 3, 1)) == date(2026, 3, 1)

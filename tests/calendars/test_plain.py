"""The JSON feed's texts are plain text, whatever markup a person typed."""

import json

import pytest

from calendars.plain import plain_text
from tests.webapp.test_calendar_views import SECRETARIAT, event_form


@pytest.mark.parametrize(("text", "one_line", "plain"), [
    ("<b>Форум</b> <img src=x onerror=alert(1)>городов", True, "Форум городов"),
    ("Forum<script>alert(1)</script> &amp; <i>co</i>", True, "Forum & co"),
    ("<p>One</p><p>Two<br>three</p>", False, "One\n\nTwo\nthree"),
    ("<p>One</p><p>Two<br>three</p>", True, "One Two three"),
    ("a < b, 5 > 3", True, "a < b, 5 > 3"),
    ("Первая строка\n\n\n\nвторая", False, "Первая строка\n\nвторая"),
    (None, False, ""),
])
def test_markup_becomes_plain_text(text, one_line, plain):
    assert plain_text(text, one_line=one_line) == plain


def test_the_json_feed_sends_titles_and_descriptions_as_plain_text(client, seeded, auth):
    auth.login(SECRETARIAT)
    form = event_form(
        title_ru='<b>Диалог</b> <img src=x onerror="alert(1)">на Волге', city="volgograd",
        title_en="Dialogue <script>alert(2)</script>on the Volga", precision="day_range",
        starts_on="2024-10-30", ends_on="2024-11-01", version="1",
        organisers_ru="<a href='javascript:x'>МАГ</a>",
        description_ru="<p>Первый день</p><script>alert(3)</script><p>Второй &amp; третий</p>")
    assert client.post("/calendar/events/10/edit", data=form).status_code == 302
    (event,) = json.loads(client.get("/calendar/events.json?city=volgograd").data)["events"]
    assert event["title"] == {"ru": "Диалог на Волге", "en": "Dialogue on the Volga"}
    assert event["organisers"]["ru"] == ["МАГ"]
    assert event["description"]["ru"] == "Первый день\n\nВторой & третий"
    assert "<" not in json.dumps(event, ensure_ascii=False)

"""CSRF: every state-changing request without its token is refused and changes nothing."""

import re

import pytest

from seeding.loader import demo_password
from tests.webapp.test_authorization import DEMO_EMAIL, _fingerprint


def _state_changing_rules(app):
    """Every (rule, method) of the app that is not a plain read, read from the app itself."""
    return sorted((rule.rule, method) for rule in app.url_map.iter_rules()
                  for method in rule.methods - {"GET", "HEAD", "OPTIONS"})


def _logged_in(app, who):
    """A client logged in through the real form, CSRF token and all."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": DEMO_EMAIL[who], "password": demo_password(),
                                           "csrf_token": token})
    assert response.status_code == 302
    return client


def _url(rule):
    """A concrete URL for a rule: ids 1 and 2, names the seed has."""
    filled = {"<int:number>": "29", "<int:application_id>": "2", "<workflow>": "admission",
              "<transition>": "forward", "<name>": "mark_held", "<token>": "unknown",
              "<any(request_release, release):action>": "release"}
    for placeholder, value in filled.items():
        rule = rule.replace(placeholder, value)
    return re.sub(r"<int:[a-z_]+>", "1", rule)


@pytest.mark.parametrize("who", ["admin", "applicant"])
def test_posts_without_a_token_are_refused_and_change_nothing(csrf_app, seeded, who):
    client = _logged_in(csrf_app, who)
    before = _fingerprint(seeded)
    seeded.rollback()
    for rule, method in _state_changing_rules(csrf_app):
        response = client.open(_url(rule), method=method, data={"comment": "x", "version": "1"})
        assert response.status_code == 400, (rule, response.status_code)
        assert "Форма устарела" in response.get_data(as_text=True), rule
        assert _fingerprint(seeded) == before, (rule, "changed the database")
        seeded.rollback()

"""Each role's home page: the waiting count and the pages of the role's work."""

import re

import pytest

from webapp.public.home import PAGES

ACCOUNTS = {
    "applicant": "brest@demo.magflow", "member": "moscow@demo.magflow",
    "secretariat": "secretariat@demo.magflow", "board": "board1@demo.magflow",
    "audit": "audit@demo.magflow", "president": "president@demo.magflow",
    "admin": "admin@demo.magflow",
}


def _links(page):
    section = re.search(r'<ul class="role-links">(.*?)</ul>', page, re.S).group(1)
    return re.findall(r'<a href="([^"]+)">', section)


@pytest.mark.parametrize("role", sorted(ACCOUNTS))
def test_every_link_of_a_role_home_opens_for_that_role(client, seeded, auth, role):
    auth.login(ACCOUNTS[role])
    links = _links(client.get("/?lang=en").get_data(as_text=True))
    assert len(links) == len(PAGES[role]) + 1  # and the list of cities
    for href in links:
        assert client.get(href).status_code == 200, href


def test_roles_get_the_pages_of_their_own_work(client, seeded, auth):
    auth.login(ACCOUNTS["secretariat"])
    secretariat = client.get("/?lang=en").get_data(as_text=True)
    assert "/office/invitations" in secretariat and "/dues/fees" in secretariat
    auth.logout()
    auth.login(ACCOUNTS["member"])
    member = client.get("/?lang=en").get_data(as_text=True)
    assert _links(member)[0] == "/dues/mine" and "/office/invitations" not in member


def test_home_says_how_much_waits_in_the_readers_language(client, seeded, auth):
    auth.login(ACCOUNTS["secretariat"])  # six applications in review wait for it, and more
    english = client.get("/?lang=en").get_data(as_text=True)
    count = int(re.search(r"(\d+) items wait for your action", english).group(1))
    assert count >= 6
    russian = client.get("/?lang=ru").get_data(as_text=True)
    assert re.search(rf"{count} (дело|дела|дел) жд(ёт|ут) ваших действий", russian)
    auth.logout()
    auth.login(ACCOUNTS["member"])  # nothing waits for Moscow
    assert "Nothing is waiting for you." in client.get("/?lang=en").get_data(as_text=True)

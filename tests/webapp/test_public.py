"""The public pages: home, the cities, a city."""


def test_cities_page_lists_members_and_applicants(client, seeded):
    page = client.get("/cities").get_data(as_text=True)
    members, applicants = page.split('id="applicants"')
    assert "Москва" in members and "Батуми" in members
    for city in ["Аркадаг", "Брест", "Биробиджан", "Витебск", "Комсомольск-на-Амуре",
                 "Южно-Сахалинск"]:
        assert city in applicants
    assert "Херсон" not in page


def test_city_page_shows_both_names_founding_and_city_day(client, seeded):
    page = client.get("/cities/yerevan?lang=en").get_data(as_text=True)
    assert "Ереван" in page and "Yerevan" in page
    assert "782 BC" in page
    assert "13 October" in page and "approximate" in page


def test_city_page_in_russian(client, seeded):
    page = client.get("/cities/astana").get_data(as_text=True)
    assert "5–6 июля" in page and "1998" in page


def test_unknown_city_is_a_404_in_the_layout(client, seeded):
    response = client.get("/cities/atlantis")
    assert response.status_code == 404
    assert "Такого города в Ассоциации нет." in response.get_data(as_text=True)


def test_unknown_url_is_a_translated_404(client, seeded):
    response = client.get("/no/such/page?lang=en")
    assert response.status_code == 404
    assert "This page does not exist." in response.get_data(as_text=True)

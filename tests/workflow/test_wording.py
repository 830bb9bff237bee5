"""Russian as the XXIX session's decision writes it: cases, order, people, numerals.

Morphology is checked on its own (stored forms left out) against every city
and person the decision names, so a new city drafted tomorrow reads right too.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from workflow import decision_text, wording

SEED = Path("/work/shared/seeds/decision-29th-session-2023.txt")
if not SEED.exists():  # the repository's copy of the shared seeds
    SEED = Path(__file__).resolve().parents[2] / "seeds" / SEED.name

# Item 1.3 in the decision's genitive forms, nominative first.
WARNED = [
    ("Астрахань", "Астрахани"), ("Барнаул", "Барнаула"), ("Батуми", "Батуми"),
    ("Благовещенск", "Благовещенска"), ("Владикавказ", "Владикавказа"),
    ("Владивосток", "Владивостока"), ("Гомель", "Гомеля"), ("Гродно", "Гродно"),
    ("Ижевск", "Ижевска"), ("Йошкар-Ола", "Йошкар-Олы"), ("Караганда", "Караганды"),
    ("Красноярск", "Красноярска"), ("Могилев", "Могилева"), ("Мурманск", "Мурманска"),
    ("Нижний Новгород", "Нижнего Новгорода"), ("Ош", "Оша"),
    ("Петропавловск", "Петропавловска"), ("Саратов", "Саратова"), ("Серпухов", "Серпухова"),
    ("Талдыкорган", "Талдыкоргана"), ("Шымкент", "Шымкента"), ("Элиста", "Элисты"),
]
# Item 3.x: (surname, given, patronymic) -> the accusative the decision writes.
PEOPLE = [
    (("Кульгинов", "Алтай", "Сейдирович"), "Кульгинова Алтая Сейдировича"),
    (("Волков", "Владимир", "Михайлович"), "Волкова Владимира Михайловича"),
    (("Кочиев", "Алан", "Григорьевич"), "Кочиева Алана Григорьевича"),
    (("Марутян", "Айк", None), "Марутяна Айка"),
    (("Шулепов", "Евгений", "Борисович"), "Шулепова Евгения Борисовича"),
    (("Ялалов", "Ирек", "Ишмухаметович"), "Ялалова Ирека Ишмухаметовича"),
    (("Касымбек", "Женис", "Махмудулы"), "Касымбека Жениса Махмудулы"),
    (("Кобец", "Александр", "Юрьевич"), "Кобеца Александра Юрьевича"),
    (("Кулемзин", "Алексей", "Валерьевич"), "Кулемзина Алексея Валерьевича"),
    (("Молчанов", "Артём", "Владимирович"), "Молчанова Артёма Владимировича"),
    (("Пилавов", "Манолис", "Васильевич"), "Пилавова Манолиса Васильевича"),
    (("Хугаев", "Ромео", "Сверланович"), "Хугаева Ромео Сверлановича"),
]
TITLES = [
    ("аким города Астаны", "акима города Астаны"),
    ("глава администрации города Херсона", "главу администрации города Херсона"),
    ("мэр города Ярославля", "мэра города Ярославля"),
    ("заместитель председателя Комитета Совета Федерации ФС РФ по экономической политике, "
     "вице-президент МАГ",
     "заместителя председателя Комитета Совета Федерации ФС РФ по экономической политике, "
     "вице-президента МАГ"),
]


def seed_text() -> str:
    """The decision with its line breaks and double spaces folded."""
    return re.sub(r"\s+", " ", SEED.read_text(encoding="utf-8"))


def city(name_ru, forms=None, **fields):
    return SimpleNamespace(name_ru=name_ru, ru_forms=forms or {}, **fields)


def person(surname, given, patronymic, forms=None, title_ru=None):
    return SimpleNamespace(surname_ru=surname, given_ru=given, patronymic_ru=patronymic,
                           initials_ru=None, ru_forms=forms or {}, title_ru=title_ru,
                           full_name=lambda locale: " ".join(filter(None, [surname, given, patronymic])))


@pytest.mark.parametrize(("name", "genitive"), WARNED, ids=[n for n, _ in WARNED])
def test_morphology_gives_the_genitive_of_item_1_3(name, genitive):
    assert genitive in seed_text()
    assert wording.decline_city(name, "gent") == genitive


@pytest.mark.parametrize(("name", "genitive"), [
    ("Комсомольск-на-Амуре", "Комсомольска-на-Амуре"), ("Улан-Удэ", "Улан-Удэ"),
    ("Южно-Сахалинск", "Южно-Сахалинска"), ("Ростов-на-Дону", "Ростова-на-Дону"),
    ("Цхинвал", "Цхинвала"),
])
def test_compound_and_indeclinable_names_decline_as_russian_does(name, genitive):
    assert wording.decline_city(name, "gent") == genitive


def test_stored_form_wins_over_morphology():
    assert wording.city_form(city("Цхинвал", {"gent": "Цхинвал"}), "gent") == "Цхинвал"
    assert wording.city_form(city("Хабаровск"), "loct") == "Хабаровске"


def test_russian_order_sorts_yo_as_ye_and_ignores_case():
    names = ["Ёлки", "Елань", "ежевика", "Жуков", "Дубна"]
    assert wording.sorted_ru(names, key=str) == ["Дубна", "ежевика", "Елань", "Ёлки", "Жуков"]


@pytest.mark.parametrize(("parts", "accusative"), PEOPLE, ids=[p[1] for p in PEOPLE])
def test_morphology_gives_the_accusative_of_items_3_1_to_3_4(parts, accusative):
    assert accusative in seed_text()
    assert wording.decline_name(person(*parts), "accs") == accusative


@pytest.mark.parametrize(("title", "accusative"), TITLES, ids=[t for _, t in TITLES])
def test_titles_take_the_accusative_on_their_head(title, accusative):
    assert accusative in seed_text()
    assert wording.decline_phrase(title, "accs") == accusative


def test_person_line_uses_stored_forms_and_an_en_dash():
    kasymbek = person("Касымбек", "Женис", "Махмудулы", title_ru="аким города Астаны",
                      forms={"accs": "Касымбека Жениса Махмудулы",
                             "title_accs": "акима города Астаны"})
    assert wording.person_line(kasymbek) == "Касымбека Жениса Махмудулы – акима города Астаны"


def test_session_numbers_read_as_the_decision_reads():
    assert wording.roman(29) == "XXIX"
    assert wording.session_ordinal(29, "ru") == "Двадцать девятой"
    assert "Двадцать девятой сессии" in seed_text()
    assert wording.session_ordinal(29, "en") == "Twenty-Ninth"
    assert wording.session_ordinal(30, "ru") == "Тридцатой"


def test_signature_puts_initials_first():
    kravchuk = SimpleNamespace(surname_ru="Кравчук", initials_ru="С.А.", given_ru=None,
                               patronymic_ru=None)
    assert wording.signature_name(kravchuk, "ru") == "С.А. Кравчук"


def test_warning_item_reads_as_item_1_3():
    cities = [city(n, {}, name_en=n) for n, _ in WARNED]
    text_ru, _text_en = decision_text.warnings(cities)
    assert f"1.3. {text_ru}" in seed_text()


def test_continue_admission_names_the_country_as_the_decision_does():
    arkadag = city("Аркадаг", {}, name_en="Arkadag", country_ru="Туркменистан",
                   country_en="Turkmenistan")
    text_ru, text_en = decision_text.continue_admission([arkadag])
    assert "города Аркадаг (Республика Туркменистан)." in text_ru  # one city: singular
    assert "Arkadag (Turkmenistan)" in text_en


@pytest.mark.parametrize(("name", "dative", "accusative"), [
    ("Пермь", "Перми", "Пермь"), ("Уфа", "Уфе", "Уфу"), ("Брест", "Бресту", "Брест"),
    ("Нижний Новгород", "Нижнему Новгороду", "Нижний Новгород"),
    ("Йошкар-Ола", "Йошкар-Оле", "Йошкар-Олу"),
    ("Комсомольск-на-Амуре", "Комсомольску-на-Амуре", "Комсомольск-на-Амуре"),
    ("Батуми", "Батуми", "Батуми"), ("Улан-Удэ", "Улан-Удэ", "Улан-Удэ"),
])
def test_cities_take_the_dative_and_the_inanimate_accusative(name, dative, accusative):
    assert wording.decline_city(name, "datv") == dative
    assert wording.decline_city(name, "accs") == accusative


def test_a_refused_city_keeps_its_country_after_its_dative():
    brest = city("Брест", {}, name_en="Brest", country_ru="Беларусь", country_en="Belarus")
    vitebsk = city("Витебск", {}, name_en="Vitebsk", country_ru="Беларусь",
                   country_en="Belarus")
    assert decision_text.rejections([brest]) == (
        "Отказать в приеме в члены МАГ городу Бресту (Беларусь).",
        "To refuse the admission to membership of MAG of the city of Brest (Belarus).")
    assert decision_text.rejections([brest, vitebsk])[0] == (
        "Отказать в приеме в члены МАГ городам Бресту (Беларусь), Витебску (Беларусь).")

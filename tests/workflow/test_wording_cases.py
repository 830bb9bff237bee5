"""Every seeded city and person in every case the drafts and letters use.

The table below is written by hand (not read from the code): the forms the
association's documents would write. Indeclinable names (Батуми, Гродно,
Улан-Удэ, Душанбе, Кокшетау, Алматы) stay as they are; the stored forms of
the seed win over morphology, and morphology is fixed where it errs (Сухум,
Ош).
"""

import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from workflow import decision_text, wording

SEED = Path(__file__).resolve().parents[2] / "seeding" / "mag.toml"
CASES = ("gent", "datv", "accs", "ablt", "loct")

# slug, nominative, genitive, dative, accusative, instrumental, prepositional
FORMS = [
    ("arkadag", "Аркадаг", "Аркадага", "Аркадагу", "Аркадаг", "Аркадагом", "Аркадаге"),
    ("brest", "Брест", "Бреста", "Бресту", "Брест", "Брестом", "Бресте"),
    ("birobidzhan", "Биробиджан", "Биробиджана", "Биробиджану", "Биробиджан", "Биробиджаном", "Биробиджане"),
    ("vitebsk", "Витебск", "Витебска", "Витебску", "Витебск", "Витебском", "Витебске"),
    ("komsomolsk-on-amur", "Комсомольск-на-Амуре", "Комсомольска-на-Амуре", "Комсомольску-на-Амуре", "Комсомольск-на-Амуре", "Комсомольском-на-Амуре", "Комсомольске-на-Амуре"),
    ("yuzhno-sakhalinsk", "Южно-Сахалинск", "Южно-Сахалинска", "Южно-Сахалинску", "Южно-Сахалинск", "Южно-Сахалинском", "Южно-Сахалинске"),
    ("astrakhan", "Астрахань", "Астрахани", "Астрахани", "Астрахань", "Астраханью", "Астрахани"),
    ("barnaul", "Барнаул", "Барнаула", "Барнаулу", "Барнаул", "Барнаулом", "Барнауле"),
    ("batumi", "Батуми", "Батуми", "Батуми", "Батуми", "Батуми", "Батуми"),
    ("blagoveshchensk", "Благовещенск", "Благовещенска", "Благовещенску", "Благовещенск", "Благовещенском", "Благовещенске"),
    ("vladikavkaz", "Владикавказ", "Владикавказа", "Владикавказу", "Владикавказ", "Владикавказом", "Владикавказе"),
    ("vladivostok", "Владивосток", "Владивостока", "Владивостоку", "Владивосток", "Владивостоком", "Владивостоке"),
    ("gomel", "Гомель", "Гомеля", "Гомелю", "Гомель", "Гомелем", "Гомеле"),
    ("grodno", "Гродно", "Гродно", "Гродно", "Гродно", "Гродно", "Гродно"),
    ("izhevsk", "Ижевск", "Ижевска", "Ижевску", "Ижевск", "Ижевском", "Ижевске"),
    ("yoshkar-ola", "Йошкар-Ола", "Йошкар-Олы", "Йошкар-Оле", "Йошкар-Олу", "Йошкар-Олой", "Йошкар-Оле"),
    ("karaganda", "Караганда", "Караганды", "Караганде", "Караганду", "Карагандой", "Караганде"),
    ("krasnoyarsk", "Красноярск", "Красноярска", "Красноярску", "Красноярск", "Красноярском", "Красноярске"),
    ("mogilev", "Могилев", "Могилева", "Могилеву", "Могилев", "Могилевом", "Могилеве"),
    ("murmansk", "Мурманск", "Мурманска", "Мурманску", "Мурманск", "Мурманском", "Мурманске"),
    ("nizhny-novgorod", "Нижний Новгород", "Нижнего Новгорода", "Нижнему Новгороду", "Нижний Новгород", "Нижним Новгородом", "Нижнем Новгороде"),
    ("osh", "Ош", "Оша", "Ошу", "Ош", "Ошом", "Оше"),
    ("petropavlovsk", "Петропавловск", "Петропавловска", "Петропавловску", "Петропавловск", "Петропавловском", "Петропавловске"),
    ("saratov", "Саратов", "Саратова", "Саратову", "Саратов", "Саратовом", "Саратове"),
    ("serpukhov", "Серпухов", "Серпухова", "Серпухову", "Серпухов", "Серпуховом", "Серпухове"),
    ("taldykorgan", "Талдыкорган", "Талдыкоргана", "Талдыкоргану", "Талдыкорган", "Талдыкорганом", "Талдыкоргане"),
    ("shymkent", "Шымкент", "Шымкента", "Шымкенту", "Шымкент", "Шымкентом", "Шымкенте"),
    ("elista", "Элиста", "Элисты", "Элисте", "Элисту", "Элистой", "Элисте"),
    ("kazan", "Казань", "Казани", "Казани", "Казань", "Казанью", "Казани"),
    ("perm", "Пермь", "Перми", "Перми", "Пермь", "Пермью", "Перми"),
    ("ufa", "Уфа", "Уфы", "Уфе", "Уфу", "Уфой", "Уфе"),
    ("chelyabinsk", "Челябинск", "Челябинска", "Челябинску", "Челябинск", "Челябинском", "Челябинске"),
    ("ulan-ude", "Улан-Удэ", "Улан-Удэ", "Улан-Удэ", "Улан-Удэ", "Улан-Удэ", "Улан-Удэ"),
    ("yakutsk", "Якутск", "Якутска", "Якутску", "Якутск", "Якутском", "Якутске"),
    ("khabarovsk", "Хабаровск", "Хабаровска", "Хабаровску", "Хабаровск", "Хабаровском", "Хабаровске"),
    ("bishkek", "Бишкек", "Бишкека", "Бишкеку", "Бишкек", "Бишкеком", "Бишкеке"),
    ("dushanbe", "Душанбе", "Душанбе", "Душанбе", "Душанбе", "Душанбе", "Душанбе"),
    ("astana", "Астана", "Астаны", "Астане", "Астану", "Астаной", "Астане"),
    ("sukhum", "Сухум", "Сухума", "Сухуму", "Сухум", "Сухумом", "Сухуме"),
    ("yerevan", "Ереван", "Еревана", "Еревану", "Ереван", "Ереваном", "Ереване"),
    ("minsk", "Минск", "Минска", "Минску", "Минск", "Минском", "Минске"),
    ("moscow", "Москва", "Москвы", "Москве", "Москву", "Москвой", "Москве"),
    ("tskhinval", "Цхинвал", "Цхинвала", "Цхинвалу", "Цхинвал", "Цхинвалом", "Цхинвале"),
    ("tiraspol", "Тирасполь", "Тирасполя", "Тирасполю", "Тирасполь", "Тирасполем", "Тирасполе"),
    ("simferopol", "Симферополь", "Симферополя", "Симферополю", "Симферополь", "Симферополем", "Симферополе"),
    ("kirov", "Киров", "Кирова", "Кирову", "Киров", "Кировом", "Кирове"),
    ("kokshetau", "Кокшетау", "Кокшетау", "Кокшетау", "Кокшетау", "Кокшетау", "Кокшетау"),
    ("magadan", "Магадан", "Магадана", "Магадану", "Магадан", "Магаданом", "Магадане"),
    ("volgograd", "Волгоград", "Волгограда", "Волгограду", "Волгоград", "Волгоградом", "Волгограде"),
    ("rostov-on-don", "Ростов-на-Дону", "Ростова-на-Дону", "Ростову-на-Дону", "Ростов-на-Дону", "Ростовом-на-Дону", "Ростове-на-Дону"),
    ("almaty", "Алматы", "Алматы", "Алматы", "Алматы", "Алматы", "Алматы"),
    ("novosibirsk", "Новосибирск", "Новосибирска", "Новосибирску", "Новосибирск", "Новосибирском", "Новосибирске"),
    ("saint-petersburg", "Санкт-Петербург", "Санкт-Петербурга", "Санкт-Петербургу", "Санкт-Петербург", "Санкт-Петербургом", "Санкт-Петербурге"),
    ("kherson", "Херсон", "Херсона", "Херсону", "Херсон", "Херсоном", "Херсоне"),
    ("donetsk", "Донецк", "Донецка", "Донецку", "Донецк", "Донецком", "Донецке"),
    ("yaroslavl", "Ярославль", "Ярославля", "Ярославлю", "Ярославль", "Ярославлем", "Ярославле"),
    ("lugansk", "Луганск", "Луганска", "Луганску", "Луганск", "Луганском", "Луганске"),
]
EXPECTED = {row[0]: dict(zip(("nomn", *CASES), row[1:], strict=True)) for row in FORMS}


def _seed() -> dict:
    with SEED.open("rb") as handle:
        return tomllib.load(handle)


def _city(record: dict) -> SimpleNamespace:
    return SimpleNamespace(name_ru=record["ru"], name_en=record["en"], ru_forms=record.get("forms", {}),
                           country_ru=record.get("country_ru"), country_en=record.get("country_en"))


SEEDED_CITIES = {record["slug"]: _city(record) for record in _seed()["cities"]}


def test_the_table_covers_every_seeded_city():
    assert set(EXPECTED) == set(SEEDED_CITIES)
    assert all(EXPECTED[slug]["nomn"] == city.name_ru for slug, city in SEEDED_CITIES.items())


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_seeded_city_takes_its_case_form(slug, case):
    assert wording.city_form(SEEDED_CITIES[slug], case) == EXPECTED[slug][case]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_morphology_alone_declines_every_seeded_city(slug, case):
    """A city drafted without stored forms (invited tomorrow) reads right too."""
    assert wording.decline_city(EXPECTED[slug]["nomn"], case) == EXPECTED[slug][case]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_a_draft_naming_one_city_is_singular_and_declined(slug):
    city, forms = SEEDED_CITIES[slug], EXPECTED[slug]
    country = f" ({city.country_ru})" if city.country_ru else ""
    country = country.replace("(Туркменистан)", "(Республика Туркменистан)")
    assert f"в МАГ города {forms['nomn']}{country}." in decision_text.continue_admission([city])[0]
    assert f"Принять в члены МАГ город {forms['accs']}{country}." == decision_text.admissions([city])[0]
    assert f"МАГ городу {forms['datv']}{country}." in decision_text.rejections([city])[0]
    warning = decision_text.warnings([city])[0]
    assert warning.startswith(f"Предупредить руководителя города {forms['gent']} о необходимости "
                              "выполнения им требований")
    assert f"членов МАГ город {forms['accs']}." in decision_text.board_proposals([city])[0]


def test_a_list_of_cities_stays_plural():
    kazan, perm = SEEDED_CITIES["kazan"], SEEDED_CITIES["perm"]
    assert "в МАГ городов Казань, Пермь." in decision_text.continue_admission([kazan, perm])[0]
    assert decision_text.warnings([kazan, perm])[0].startswith(
        "Предупредить руководителей городов: Казани, Перми о необходимости выполнения ими")
    assert "the heads of the cities of Kazan, Perm" in decision_text.warnings([kazan, perm])[1]
    assert "the head of the city of Kazan of" in decision_text.warnings([kazan])[1]
    assert "of the city of Kazan." in decision_text.continue_admission([kazan])[1]


# ---------------------------------------------------------------- people ----

def _person(record: dict) -> SimpleNamespace:
    fields = ("surname_ru", "given_ru", "patronymic_ru", "initials_ru", "title_ru", "gender")
    person = SimpleNamespace(**{name: record.get(name) for name in fields},
                             ru_forms=record.get("forms", {}), surname_en=record["surname_en"],
                             given_en=record.get("given_en"), initials_en=record.get("initials_en"),
                             patronymic_en=record.get("patronymic_en"),
                             title_en=record.get("title_en"))
    person.full_name = lambda locale: " ".join(filter(None, [
        person.surname_ru, person.given_ru or person.initials_ru, person.patronymic_ru]))
    return person


SEEDED_PEOPLE = {record["slug"]: _person(record) for record in _seed()["people"]}
POSITION = SimpleNamespace(slug="vice-president", title_ru="вице-президент",
                           title_en="Vice-President")


@pytest.mark.parametrize("slug", sorted(SEEDED_PEOPLE))
def test_every_seeded_person_reads_right_in_releases_and_elections(slug):
    person = SEEDED_PEOPLE[slug]
    accusative = person.ru_forms.get("accs") or f"{person.surname_ru}а {person.initials_ru}"
    assert wording.decline_name(person, "accs") == accusative  # morphology agrees with the seed
    for text in (decision_text.releases(POSITION, [person], "resigned")[0],
                 decision_text.elections(POSITION, [person], [(None, None)])[0]):
        assert accusative in text
        assert ".." not in text and text.endswith(".")


def test_initials_end_a_sentence_with_one_full_stop():
    kravchuk = SEEDED_PEOPLE["kravchuk"]
    text = decision_text.releases(POSITION, [kravchuk], "term_ended")[0]
    assert text.endswith("Кравчука С.А.") and not text.endswith("..")
    listed = decision_text.releases(POSITION, [SEEDED_PEOPLE["volkov"], kravchuk], "term_ended")[0]
    assert listed.endswith("Кравчука С.А.") and "Волкова Владимира Михайловича;" in listed


def _woman(surname, given, patronymic, gender=None):
    return SimpleNamespace(surname_ru=surname, given_ru=given, patronymic_ru=patronymic,
                           initials_ru=None, gender=gender, ru_forms={},
                           full_name=lambda locale: " ".join(filter(None, [surname, given,
                                                                           patronymic])))


WOMEN = [
    (("Иванова", "Мария", "Петровна"),
     ("Ивановой Марии Петровны", "Ивановой Марии Петровне", "Иванову Марию Петровну",
      "Ивановой Марией Петровной", "Ивановой Марии Петровне")),
    (("Кравчук", "Светлана", "Андреевна"),
     ("Кравчук Светланы Андреевны", "Кравчук Светлане Андреевне", "Кравчук Светлану Андреевну",
      "Кравчук Светланой Андреевной", "Кравчук Светлане Андреевне")),
    (("Ковальская", "Анна", "Ильинична"),
     ("Ковальской Анны Ильиничны", "Ковальской Анне Ильиничне", "Ковальскую Анну Ильиничну",
      "Ковальской Анной Ильиничной", "Ковальской Анне Ильиничне")),
    (("Алиева", "Айгуль", "Гасан кызы"),
     ("Алиевой Айгуль Гасан кызы", "Алиевой Айгуль Гасан кызы", "Алиеву Айгуль Гасан кызы",
      "Алиевой Айгуль Гасан кызы", "Алиевой Айгуль Гасан кызы")),
]


@pytest.mark.parametrize(("parts", "forms"), WOMEN, ids=[w[0][0] for w in WOMEN])
def test_a_womans_name_declines_as_a_womans(parts, forms):
    woman = _woman(*parts)
    assert wording.gender_of(woman) == "female"
    assert tuple(wording.decline_name(woman, case) for case in CASES) == forms


def test_the_stored_gender_wins_over_the_patronymic():
    # Only initials, no patronymic: only the record can tell.
    initials = {"surname_ru": "Кравчук", "initials_ru": "С.А.", "surname_en": "Kravchuk"}
    assert wording.decline_name(_person(initials), "accs") == "Кравчука С.А."
    woman = _person({**initials, "gender": "female"})
    assert wording.gender_of(woman) == "female"
    assert wording.decline_name(woman, "gent") == "Кравчук С.А."


@pytest.mark.parametrize(("patronymic", "gender"), [
    ("Петровна", "female"), ("Ильинична", "female"), ("Гасан кызы", "female"),
    ("Михайлович", "male"), ("Ильич", "male"), ("Алиоглы", "male"), ("Махмудулы", "male"),
    (None, None), ("", None),
])
def test_the_gender_defaults_from_the_patronymic(patronymic, gender):
    assert wording.gender_from_patronymic(patronymic) == gender


def test_a_woman_is_elected_in_her_own_forms():
    woman = _woman("Иванова", "Мария", "Петровна")
    woman.title_ru, woman.title_en = "мэр города Казани", "Mayor of Kazan"
    woman.surname_en, woman.given_en, woman.patronymic_en = "Ivanova", "Maria", "Petrovna"
    woman.initials_en = None
    text = decision_text.elections(POSITION, [woman], [(None, None)])[0]
    assert "Иванову Марию Петровну, мэра города Казани." in text


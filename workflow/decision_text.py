"""The wording of decision items that act on workflows, in Russian and English.

Pure functions from cities and people (already in the order the item lists
them) to the item's text, written as the XXIX session's decision writes it.
An item's text is generated from its subjects until the secretariat edits
it by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workflow.wording import city_form, person_line, person_line_en, position_phrase

# Countries as the decisions name them where that differs from the short name.
COUNTRY_IN_DECISIONS = {"Туркменистан": "Республика Туркменистан"}

# «В связи с …» and "In connection with …" for each release reason.
RELEASE_REASONS = {
    "moved_to_other_work": ("В связи с переходом на другую работу",
                            "In connection with the transfer to other work"),
    "resigned": ("В связи с личным заявлением", "At their own request"),
    "term_ended": ("В связи с истечением срока полномочий",
                   "In connection with the end of the term of office"),
    "elected_to_other_office": ("В связи с избранием на другую должность",
                                "In connection with the election to another office"),
    "other": ("", ""),
}


# Item 1.3's instruction to the Audit Commission, which the warning letter quotes.
AUDIT_INSTRUCTION = (
    "Поручить Ревизионной комиссии МАГ проконтролировать исполнение данного решения и при "
    "необходимости внести предложения в Правление МАГ.",
    "To instruct the MAG Audit Commission to monitor the implementation of this decision and, "
    "where necessary, to submit proposals to the MAG Board.",
)

# «город» agreeing with the number of cities and the case the verb governs.
CITY_WORD = {"accs": ("город", "города"), "datv": ("городу", "городам"),
             "gent": ("города", "городов")}
CITY_WORD_EN = ("the city of", "the cities of")


def _city_with_country(city: Any, locale: str, case: str = "nomn") -> str:
    if locale == "en":
        return f"{city.name_en} ({city.country_en})" if city.country_en else city.name_en
    country = (city.ru_forms or {}).get("country") or COUNTRY_IN_DECISIONS.get(
        city.country_ru or "", city.country_ru)
    name = city_form(city, case)
    return f"{name} ({country})" if country else name


def _cities(cities: Sequence[Any], locale: str, *, countries: bool = True,
            case: str = "nomn") -> str:
    if countries:
        return ", ".join(_city_with_country(c, locale, case) for c in cities)
    if locale == "en":
        return ", ".join(c.name_en for c in cities)
    return ", ".join(city_form(c, case) for c in cities)


def _the_cities(cities: Sequence[Any], case: str, *, countries: bool = True) -> tuple[str, str]:
    """«городу Перми» / «городам Перми, Уфе» and "the city of Perm" / "the cities of …"."""
    plural = len(cities) > 1
    return (f"{CITY_WORD[case][plural]} {_cities(cities, 'ru', countries=countries, case=case)}",
            f"{CITY_WORD_EN[plural]} {_cities(cities, 'en', countries=countries)}")


def _end(text: str, mark: str = ".") -> str:
    """``text`` closed by ``mark``, without a second full stop after initials («С.А.»)."""
    return text if mark == "." and text.endswith(".") else f"{text}{mark}"


def continue_admission(cities: Sequence[Any]) -> tuple[str, str]:
    """Item 1.1: the secretariat goes on with the applicants' organisational work.

    As the decision writes it, the names stay in the nominative after «городов»
    («городов Аркадаг (Республика Туркменистан), Брест (Беларусь)»).
    """
    plural = len(cities) > 1
    return (
        "Секретариату МАГ проводить дальнейшую организационную работу по вступлению "
        f"в МАГ {CITY_WORD['gent'][plural]} {_cities(cities, 'ru')}.",
        "The MAG Secretariat is to continue the organisational work on the admission "
        f"to MAG of {CITY_WORD_EN[plural]} {_cities(cities, 'en')}.",
    )


def admissions(cities: Sequence[Any]) -> tuple[str, str]:
    """Admit the cities the Board recommended."""
    ru, en = _the_cities(cities, "accs")
    return f"Принять в члены МАГ {ru}.", f"To admit {en} to membership of MAG."


def rejections(cities: Sequence[Any]) -> tuple[str, str]:
    """Refuse the applications the Board declined."""
    ru, en = _the_cities(cities, "datv")
    return (f"Отказать в приеме в члены МАГ {ru}.",
            f"To refuse the admission to membership of MAG of {en}.")


def warnings(cities: Sequence[Any]) -> tuple[str, str]:
    """Item 1.3: warn the heads of cities in arrears; the Audit Commission controls."""
    names_ru = _cities(cities, "ru", countries=False, case="gent")
    names_en = _cities(cities, "en", countries=False)
    if len(cities) > 1:
        heads_ru, by_ru = f"руководителей городов: {names_ru}", "ими"
        heads_en = f"the heads of the cities of {names_en}"
    else:
        heads_ru, by_ru = f"руководителя города {names_ru}", "им"
        heads_en = f"the head of the city of {names_en}"
    return (
        f"Предупредить {heads_ru} о необходимости выполнения {by_ru} требований Устава МАГ "
        "и о погашении образовавшейся задолженности по уплате в МАГ членских взносов. "
        f"{AUDIT_INSTRUCTION[0]}",
        f"To warn {heads_en} of the need to comply with the requirements of the MAG Charter "
        f"and to pay off the arrears in membership fees owed to MAG. {AUDIT_INSTRUCTION[1]}",
    )


def board_proposals(cities: Sequence[Any]) -> tuple[str, str]:
    """Exclude the suspended members the Board proposes to exclude."""
    ru, en = _the_cities(cities, "accs", countries=False)
    return (
        "По предложению Правления МАГ в связи с неуплатой членских взносов исключить из "
        f"членов МАГ {ru}.",
        "On the proposal of the MAG Board, to exclude from membership of MAG for non-payment "
        f"of membership fees {en}.",
    )


def _listing(lines: Sequence[str]) -> str:
    """The decision's vertical list: one line each, «;» between, «.» at the end."""
    return "\n".join(_end(line, "." if i == len(lines) - 1 else ";")
                     for i, line in enumerate(lines))


def releases(position: Any, people: Sequence[Any], reason: str) -> tuple[str, str]:
    """Items 3.1–3.2: release from the duties of a position, one reason for all."""
    lead_ru, lead_en = RELEASE_REASONS.get(reason, RELEASE_REASONS["other"])
    verb_ru = "освободить" if lead_ru else "Освободить"
    verb_en = "to release" if lead_en else "To release"
    lead_ru = f"{lead_ru} " if lead_ru else ""
    lead_en = f"{lead_en}, " if lead_en else ""
    plural = len(people) > 1
    gent = position_phrase(position, "gent", plural=plural)
    english = position_phrase(position, "en", plural=plural)
    if not plural:
        person = people[0]
        return (_end(f"{lead_ru}{verb_ru} от обязанностей {gent} {person_line(person, title='')}"),
                f"{lead_en}{verb_en} {person_line_en(person, title='')} from the duties of "
                f"{english}.")
    return (
        f"{lead_ru}{verb_ru} от обязанностей {gent}:\n"
        + _listing([person_line(p, title="") for p in people]),
        f"{lead_en}{verb_en} from the duties of {english}:\n"
        + _listing([person_line_en(p, title="") for p in people]),
    )


def elections(position: Any, people: Sequence[Any],
              titles: Sequence[tuple[str | None, str | None]]) -> tuple[str, str]:
    """Items 3.3–3.4: elect to a position; each person with the title given at nomination."""
    plural = len(people) > 1
    ablt = position_phrase(position, "ablt", plural=plural)
    english = position_phrase(position, "en_elect", plural=plural)
    if not plural:
        person, (title_ru, title_en) = people[0], titles[0]
        return (_end(f"Избрать {ablt} {person_line(person, title=title_ru, separator=', ')}"),
                f"To elect {person_line_en(person, title=title_en, separator=', ')}"
                f"{',' if title_en or person.title_en else ''} as {english}.")
    return (
        f"Избрать {ablt}:\n" + _listing(
            [person_line(p, title=t[0]) for p, t in zip(people, titles, strict=True)]),
        f"To elect as {english}:\n" + _listing(
            [person_line_en(p, title=t[1]) for p, t in zip(people, titles, strict=True)]),
    )

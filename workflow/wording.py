"""Russian (and English) as the association's decisions write it.

Pure functions, no Flask: city names in a grammatical case, lists in Russian
alphabetical order, people named in the accusative with their titles, and
the phrases that name positions. Stored forms (``City.ru_forms``,
``Person.ru_forms``: taken from the documents) always win; pymorphy3 fills
in what is not stored, with the rules below where it is known to err:

* indeclinable names stay as they are (Батуми, Гродно, Улан-Удэ);
* compound names decline word by word (Нижний Новгород → Нижнего Новгорода)
  or on their head part (Йошкар-Ола → Йошкар-Олы, Комсомольск-на-Амуре →
  Комсомольска-на-Амуре);
* «ё» is written only where the name itself has it (Могилев → Могилева);
* Turkic patronymics (…улы, …кызы, …оглы) do not decline;
* a woman's name declines as a woman's (Иванову Марию Петровну), a woman's
  surname ending in a consonant not at all (Кравчук); the gender is the one
  stored on the person, else read from the patronymic (``gender_of``);
* a few names pymorphy3 reads as something else (Сухум as the plural of a
  given name) take their forms from ``CITY_FORMS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# Names pymorphy3 may not know as indeclinable.
INDECLINABLE_ENDINGS = ("и", "о", "е", "э", "у", "ю")
TURKIC_PATRONYMICS = ("улы", "уулу", "кызы", "оглы", "гызы")
# Forms where pymorphy3 errs (stored forms of a city still win over these).
CITY_FORMS: dict[str, dict[str, str]] = {
    "Сухум": {"gent": "Сухума", "datv": "Сухуму", "accs": "Сухум", "ablt": "Сухумом",
              "loct": "Сухуме"},
    "Ош": {"ablt": "Ошом"},
}
FEMALE_PATRONYMICS = ("вна", "чна", "кызы", "гызы")
MALE_PATRONYMICS = ("вич", "ич", "оглы", "улы", "уулу")
# Hyphenated parts that are prepositions inside a name: only the head declines.
LINKING_WORDS = {"на", "над", "под", "у", "в", "по"}


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def sort_key(text: str) -> str:
    """Russian alphabetical order: case-blind, «ё» sorted as «е»."""
    return text.casefold().replace("ё", "е")


def sorted_ru(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """``items`` in Russian alphabetical order of ``key``."""
    return sorted(items, key=lambda item: sort_key(key(item)))


def _match_case(word: str, model: str) -> str:
    """``word`` written with the capitals of ``model`` (and «е» where it has «е»)."""
    if "ё" not in model.lower():
        word = word.replace("ё", "е").replace("Ё", "Е")
    parts, models = word.split("-"), model.split("-")
    if len(parts) != len(models):
        models = [model] * len(parts)
    return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p
                    for p, m in zip(parts, models, strict=True))


def _inflect_word(word: str, case: str, *, prefer: Sequence[str] = (), number: str = "sing",
                  animate: bool | None = None) -> str:
    """One word in ``case``; unchanged when pymorphy3 cannot inflect it."""
    parses = _morph().parse(word)
    if not parses:
        return word
    chosen = next((p for p in parses if all(tag in p.tag for tag in prefer)), parses[0])
    if "Fixd" in chosen.tag:
        return word
    wanted = {case, number}
    if case == "accs" and "ADJF" in chosen.tag and "masc" in chosen.tag:
        if animate:
            wanted = {"gent", number}
        elif animate is False:  # «Нижний Новгород», not «Нижнего Новгород»
            wanted = {case, number, "inan"}
    form = chosen.inflect(wanted)
    return _match_case(form.word, word) if form is not None else word


def decline_city(name: str, case: str) -> str:
    """A city's name in ``case``, by morphology and the rules in the module docstring."""
    if case == "nomn" or not name:
        return name
    if case in CITY_FORMS.get(name, {}):
        return CITY_FORMS[name][case]
    words = name.split(" ")
    if len(words) > 1:
        return " ".join(decline_city(word, case) for word in words)
    parts = name.split("-")
    if len(parts) > 1 and any(p.lower() in LINKING_WORDS for p in parts[1:]):
        return "-".join([decline_city(parts[0], case), *parts[1:]])
    if name.lower().endswith(INDECLINABLE_ENDINGS):
        return name
    prefer = ("Geox",) if any("Geox" in p.tag for p in _morph().parse(name)) else ()
    if len(parts) > 1:
        return _match_case(_inflect_word(name.lower(), case, prefer=prefer, animate=False), name)
    return _inflect_word(name, case, prefer=prefer, animate=False)


def city_form(city: Any, case: str) -> str:
    """A city in ``case``: the stored form from the documents wins, else morphology."""
    stored = (city.ru_forms or {}).get(case)
    return stored or decline_city(city.name_ru, case)


# ---------------------------------------------------------------- people ----


def gender_from_patronymic(patronymic: str | None) -> str | None:
    """«female» for …вна, …чна, …кызы; «male» for …вич, …ич, …оглы; else None."""
    ending = (patronymic or "").strip().lower()
    if ending.endswith(FEMALE_PATRONYMICS):
        return "female"
    if ending.endswith(MALE_PATRONYMICS):
        return "male"
    return None


def gender_of(person: Any) -> str:
    """The person's stored gender, else the patronymic's, else the given name's, else male."""
    stored = getattr(person, "gender", None)
    if stored:
        return str(getattr(stored, "value", stored))
    found = gender_from_patronymic(getattr(person, "patronymic_ru", None))
    if found is None and getattr(person, "given_ru", None):
        tags = [p.tag for p in _morph().parse(person.given_ru) if "Name" in p.tag]
        found = "female" if tags and "femn" in tags[0] else None
    return found or "male"


def _decline_surname(surname: str, case: str, gender: str = "masc") -> str:
    parses = [p for p in _morph().parse(surname) if "Surn" in p.tag and gender in p.tag]
    if parses and "Fixd" in parses[0].tag:
        return surname
    if parses:
        form = parses[0].inflect({case, "sing"})
        if form is not None:
            return _match_case(form.word, surname)
    if gender == "femn":
        return _decline_womans_surname(surname, case)
    if surname.lower().endswith(INDECLINABLE_ENDINGS + ("а", "я")) and case != "nomn":
        return _inflect_word(surname, case, prefer=("sing",))
    if surname[-1:].lower() in "бвгджзклмнпрстфхцчшщ":
        russian = surname.lower().endswith(("ов", "ев", "ёв", "ин", "ын"))
        endings = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ым" if russian else "ом",
                   "loct": "е"}
        return surname + endings.get(case, "")
    return surname


def _decline_womans_surname(surname: str, case: str) -> str:
    """A surname the dictionary does not know: -ова, -ина, -ая as adjectives, -а as nouns."""
    lower = surname.lower()
    if lower.endswith(("ова", "ева", "ёва", "ина", "ына")):
        return surname[:-1] + ("у" if case == "accs" else "ой")
    if lower.endswith("ая"):
        return surname[:-2] + ("ую" if case == "accs" else "ой")
    if lower.endswith(("а", "я")):
        return _inflect_word(surname, case, prefer=("sing",))
    return surname  # Кравчук, Шевчук: a woman's surname on a consonant does not decline


def _decline_given(given: str, case: str, gender: str = "masc") -> str:
    if any("Name" in p.tag for p in _morph().parse(given)):
        return _inflect_word(given, case, prefer=("Name", gender))
    if gender == "femn":  # a woman's name the dictionary does not know: only -а, -я decline
        return _inflect_word(given, case) if given.lower().endswith(("а", "я")) else given
    # A name the dictionary does not know as one (Алтай): a man's name, declined as such.
    if given.endswith("й"):
        endings = {"gent": "я", "accs": "я", "datv": "ю", "ablt": "ем", "loct": "е"}
        return given[:-1] + endings[case] if case in endings else given
    if given[-1:].lower() in "бвгджзклмнпрстфхцчшщ":
        endings = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ом", "loct": "е"}
        return given + endings.get(case, "")
    return given


def _decline_patronymic(patronymic: str, case: str, gender: str = "masc") -> str:
    if patronymic.lower().endswith(TURKIC_PATRONYMICS):
        return patronymic
    return _inflect_word(patronymic, case, prefer=("Patr", gender))


def decline_name(person: Any, case: str) -> str:
    """Surname, given name and patronymic in ``case``, part by part, by the person's gender."""
    if case == "nomn":
        return person.full_name("ru")
    gender = "femn" if gender_of(person) == "female" else "masc"
    parts = [_decline_surname(person.surname_ru, case, gender)]
    if person.given_ru:
        parts.append(_decline_given(person.given_ru, case, gender))
    elif person.initials_ru:
        return f"{parts[0]} {person.initials_ru}"
    if person.patronymic_ru:
        parts.append(_decline_patronymic(person.patronymic_ru, case, gender))
    return " ".join(parts)


def person_name(person: Any, case: str = "accs") -> str:
    """A person as the decision writes them: stored form first, else morphology."""
    return (person.ru_forms or {}).get(case) or decline_name(person, case)


def decline_phrase(phrase: str, case: str, *, animate: bool = True) -> str:
    """A title in ``case``: the head of each comma- or dash-separated part declines.

    «аким города Астаны» → «акима города Астаны»; «глава администрации» →
    «главу администрации»; leading adjectives agree («первый вице-президент»).
    """
    if case == "nomn":
        return phrase
    parts = phrase.split(", ")
    return ", ".join(" – ".join(_decline_head(p, case, animate) for p in part.split(" – "))
                     for part in parts)


def _decline_head(text: str, case: str, animate: bool) -> str:
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        tag = _morph().parse(word.lower())[0].tag if word[:1].isalpha() else None
        if tag is not None and "ADJF" in tag:
            out.append(_inflect_word(word, case, prefer=("ADJF",), animate=animate))
            continue
        prefer = ("NOUN", "anim") if animate else ("NOUN",)
        out.append(_inflect_word(word, case, prefer=prefer))
        out.extend(words[index + 1:])
        break
    return " ".join(out)


def person_title(person: Any, case: str = "accs", title: str | None = None) -> str | None:
    """The person's own title in ``case``; the stored ``title_<case>`` form wins."""
    stored = (person.ru_forms or {}).get(f"title_{case}")
    if stored and title in (None, person.title_ru):
        return stored
    text = title if title is not None else person.title_ru
    return decline_phrase(text, case) if text else None


def person_line(person: Any, *, title: str | None = None, separator: str = " – ") -> str:
    """«Касымбека Жениса Махмудулы – акима города Астаны» (accusative)."""
    name = person_name(person, "accs")
    title_accs = person_title(person, "accs", title)
    return f"{name}{separator}{title_accs}" if title_accs else name


def person_line_en(person: Any, *, title: str | None = None, separator: str = " – ") -> str:
    """«Zhenis Makhmuduly Kasymbek – Akim of Astana»: given names first, in English."""
    parts = [person.given_en, person.patronymic_en, person.surname_en]
    if not person.given_en and person.initials_en:
        parts = [person.initials_en, person.surname_en]
    name = " ".join(p for p in parts if p)
    text = title if title is not None else person.title_en
    return f"{name}{separator}{text}" if text else name


def signature_name(person: Any, locale: str) -> str:
    """«С.А. Кравчук» / «S.A. Kravchuk»: initials before the surname, as signatures are."""
    if locale == "en":
        initials = person.initials_en or _initials(person.given_en, person.patronymic_en)
        return f"{initials} {person.surname_en}".strip()
    initials = person.initials_ru or _initials(person.given_ru, person.patronymic_ru)
    return f"{initials} {person.surname_ru}".strip()


def _initials(*names: str | None) -> str:
    return "".join(f"{n[0]}." for n in names if n)


# ------------------------------------------------------------- positions ----

# How decisions name each position: (singular, plural) in the genitive (release
# "from the duties of") and the instrumental (elect "as"); English likewise.
POSITION_PHRASES: dict[str, dict[str, tuple[str, str]]] = {
    "president": {
        "gent": ("Президента МАГ", "Президентов МАГ"),
        "ablt": ("Президентом МАГ", "Президентами МАГ"),
        "en": ("President of MAG", "Presidents of MAG"),
    },
    "first-vice-president": {
        "gent": ("первого вице-президента МАГ", "первых вице-президентов МАГ"),
        "ablt": ("членом Правления – первым вице-президентом МАГ",
                 "членами Правления – первыми вице-президентами МАГ"),
        "en": ("First Vice-President of MAG", "First Vice-Presidents of MAG"),
        "en_elect": ("Member of the Board – First Vice-President of MAG",
                     "Members of the Board – First Vice-Presidents of MAG"),
    },
    "vice-president": {
        "gent": ("члена Правления – вице-президента МАГ",
                 "членов Правления – вице-президентов МАГ"),
        "ablt": ("членом Правления – вице-президентом МАГ",
                 "членами Правления – вице-президентами МАГ"),
        "en": ("Member of the Board – Vice-President of MAG",
               "Members of the Board – Vice-Presidents of MAG"),
    },
    "executive-vice-president": {
        "gent": ("Исполнительного вице-президента – генерального директора МАГ",
                 "Исполнительных вице-президентов – генеральных директоров МАГ"),
        "ablt": ("Исполнительным вице-президентом – генеральным директором МАГ",
                 "Исполнительными вице-президентами – генеральными директорами МАГ"),
        "en": ("Executive Vice-President – General Director of MAG",
               "Executive Vice-Presidents – General Directors of MAG"),
    },
    "audit-member": {
        "gent": ("члена Ревизионной комиссии МАГ", "членов Ревизионной комиссии МАГ"),
        "ablt": ("членом Ревизионной комиссии МАГ", "членами Ревизионной комиссии МАГ"),
        "en": ("Member of the Audit Commission of MAG", "Members of the Audit Commission of MAG"),
    },
}


def position_phrase(position: Any, form: str, *, plural: bool = False) -> str:
    """A position as decisions name it: ``form`` is gent, ablt, en or en_elect."""
    phrases = POSITION_PHRASES.get(position.slug, {})
    if form == "en_elect" and form not in phrases:
        form = "en"
    if form in phrases:
        return phrases[form][1 if plural else 0]
    if form.startswith("en"):
        return str(position.title_en)
    number = "plur" if plural else "sing"
    return " ".join(_inflect_word(w, form, number=number) if i == 0 else w
                    for i, w in enumerate(position.title_ru.split(" ")))


# --------------------------------------------------------------- numbers ----


def roman(number: int) -> str:
    """29 → XXIX (the numbering of sessions)."""
    from models.sessions import to_roman

    return to_roman(number)


ORDINALS_RU = {
    1: "Первой", 2: "Второй", 3: "Третьей", 4: "Четвертой", 5: "Пятой", 6: "Шестой",
    7: "Седьмой", 8: "Восьмой", 9: "Девятой", 10: "Десятой", 11: "Одиннадцатой",
    12: "Двенадцатой", 13: "Тринадцатой", 14: "Четырнадцатой", 15: "Пятнадцатой",
    16: "Шестнадцатой", 17: "Семнадцатой", 18: "Восемнадцатой", 19: "Девятнадцатой",
}
TENS_RU = {20: "Двадцать", 30: "Тридцать", 40: "Сорок", 50: "Пятьдесят", 60: "Шестьдесят",
           70: "Семьдесят", 80: "Восемьдесят", 90: "Девяносто"}
TENS_ORDINAL_RU = {20: "Двадцатой", 30: "Тридцатой", 40: "Сороковой", 50: "Пятидесятой",
                   60: "Шестидесятой", 70: "Семидесятой", 80: "Восьмидесятой",
                   90: "Девяностой"}
ORDINALS_EN = ["", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh",
               "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth",
               "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"]
TENS_EN = {20: "Twenty", 30: "Thirty", 40: "Forty", 50: "Fifty", 60: "Sixty", 70: "Seventy",
           80: "Eighty", 90: "Ninety"}
TENS_ORDINAL_EN = {20: "Twentieth", 30: "Thirtieth", 40: "Fortieth", 50: "Fiftieth",
                   60: "Sixtieth", 70: "Seventieth", 80: "Eightieth", 90: "Ninetieth"}


def session_ordinal(number: int, locale: str) -> str:
    """«Двадцать девятой» / «Twenty-Ninth» (genitive feminine: «сессии»); Roman past 99."""
    if not 0 < number < 100:
        return roman(number)
    tens, unit = divmod(number, 10)
    if locale == "en":
        if number < 20:
            return ORDINALS_EN[number]
        return TENS_ORDINAL_EN[number] if not unit else f"{TENS_EN[tens * 10]}-{ORDINALS_EN[unit]}"
    if number < 20:
        return ORDINALS_RU[number]
    if not unit:
        return TENS_ORDINAL_RU[number]
    return f"{TENS_RU[tens * 10]} {ORDINALS_RU[unit].lower()}"

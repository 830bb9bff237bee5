"""Hostile input at every form: never a 500, and a refused form saves nothing.

Hypothesis sends unicode digits ("²", "٣"), NUL, huge strings, "1e309", "NaN",
impossible dates, markup, SQL-ish text, repeated and missing fields. Each form
starts from valid values with a few fields spoiled (or all, or one twist on
every value), so the bad value reaches the operation behind the form and not
only the first validator. A response that is not a redirect free of error
messages is a refusal, and then every table must read as before.
``test_hostile_steps_and_feeds.py`` uses the same strategies and oracle.
"""

import io
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlmodel import SQLModel, select

from models import City, CityStatus, Role, User
from models.admission import Application
from models.dues import Charge
from workflow import ledger

# Reproducible in CI, quick on two cores: every test runs on SQLite and PostgreSQL.
HOSTILE = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow])
PASSWORD = "magflow-demo-2024"
SECRETARIAT = "secretariat@demo.magflow"

NASTY = [
    "", " ", "\x00", "a\x00b", "-1", "0", "-0", "+1", "1e309", "-1e309", "1E+30", "NaN", "nan",
    "sNaN", "Infinity", "-Infinity", "²", "٣", "١٢٣", "１２", "½", "0.000000000000000000001",
    "123456789012.123456789012", "9" * 30, "1,5", "1 000", "0x1F", "2024-02-30", "0000-01-01",
    "99999-01-01", "2024-13-45", "1899-12-31", "2024-1-1", "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>", "' OR '1'='1", "'; DROP TABLE users; --", "{{ 7*7 }}",
    "%(name)s %s %n", "../../etc/passwd", "\u202egnp.exe", "\ufeff", "😀", "\r\n", "null", "[]",
    "9" * 400, "1" + "0" * 5000,
]
HUGE = st.builds(lambda c, n: c * n, st.sampled_from(["9", "a", "я", "٣", "<", " ", "1."]),
                 st.integers(300, 6000))
# Ways to spoil a value that would otherwise pass.
TWISTS: list[Callable[[str], str]] = [
    lambda v: v + "\x00", lambda v: "\x00" + v, lambda v: v * 400, lambda v: f" {v} ",
    lambda v: v.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), lambda v: v + "'--",
    lambda v: f"<b>{v}</b>", lambda v: v.replace("-", "\u2212"), lambda v: v + "\u0301",
]
MISSING = object()


def hostile(*plausible: str) -> st.SearchStrategy[str]:
    """A text value: one of ``plausible`` (or one spoiled), a known troublemaker, or anything."""
    known = st.sampled_from(plausible or NASTY)
    twisted = st.builds(lambda value, twist: twist(value), known, st.sampled_from(TWISTS))
    return st.one_of(
        known, twisted, twisted, st.sampled_from(NASTY), st.sampled_from(NASTY),
        st.text(max_size=30), HUGE,
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.integers(-(10**25), 10**25).map(str),
        st.dates().map(date.isoformat),
    )


def segment(*known: str) -> st.SearchStrategy[str]:
    """A URL path segment: a real one, or hostile text (quoted, so it stays one segment)."""
    return st.one_of(st.sampled_from(known), hostile().filter(bool).map(
        lambda text: quote(text[:300], safe="")))


class Upload:
    """A file field's content, made into a fresh stream for each request."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data, self.name = data, name

    def __repr__(self) -> str:
        return f"Upload({self.data[:20]!r}..., {self.name!r})"


def one_field(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field sent once, left out, or repeated."""
    return st.one_of(values, st.just(MISSING), st.lists(values, min_size=2, max_size=3))


@st.composite
def spoiled(draw: Any, base: dict[str, Any], fields: dict[str, st.SearchStrategy[Any]]) -> dict:
    """``base`` (a valid form) with a few or all of ``fields`` spoiled, or one twist on all."""
    data = dict(base)
    how = draw(st.sampled_from(["few", "all", "twist"]))
    if how == "twist":
        twist = draw(st.sampled_from(TWISTS))
        data = {name: twist(value) for name, value in data.items()}
    else:
        chosen = sorted(fields) if how == "all" else draw(
            st.lists(st.sampled_from(sorted(fields)), unique=True, min_size=1, max_size=3))
        for name in chosen:
            data[name] = draw(one_field(fields[name]))
    return {name: value for name, value in data.items() if value is not MISSING}


def forms(table: list[tuple[str, dict, dict]]) -> st.SearchStrategy[tuple[str, dict]]:
    """(path, spoiled form) from rows of (path, valid form, fields to spoil)."""
    return st.sampled_from(table).flatmap(
        lambda row: st.tuples(st.just(row[0]), spoiled(row[1], row[2])))


def each_form(table: list[tuple[str, dict, dict]]) -> Any:
    """One test per form of the table, each with examples of its own."""
    return pytest.mark.parametrize("form", table, ids=[row[0] for row in table])


# -------------------------------------------------------------------- oracle ----


# Logging in dates the account, and each example logs in: that write is not the form's.
LOGIN_COLUMN = "last_login_at"


def fingerprint(engine: Engine, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every row of every table, so any saved change shows (the data set is small).

    PostgreSQL hashes each table itself, in one round trip; SQLite is read row by row.
    """
    names = [t.name for t in SQLModel.metadata.sorted_tables if t.name not in skip]
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if engine.dialect.name == "postgresql":
            row = f"(to_jsonb(t) - '{LOGIN_COLUMN}')::text"
            cursor.execute(" UNION ALL ".join(
                f"SELECT '{name}', (SELECT md5(coalesce(string_agg({row}, '|' ORDER BY "
                f"{row}), '')) FROM \"{name}\" AS t)" for name in names))
            return dict(cursor.fetchall())
        found = {}
        for name in names:
            cursor.execute(f'SELECT * FROM "{name}"')
            kept = [i for i, column in enumerate(cursor.description) if column[0] != LOGIN_COLUMN]
            found[name] = sorted(repr([row[i] for i in kept]) for row in cursor.fetchall())
        return found
    finally:
        connection.close()


class Tables:
    """The database's fingerprint, kept between examples while nothing was accepted."""

    def __init__(self, engine: Engine, skip: tuple[str, ...] = ()) -> None:
        self.engine, self.skip, self.known = engine, skip, None

    def now(self) -> dict[str, Any]:
        self.known = fingerprint(self.engine, self.skip)
        return self.known

    def before(self) -> dict[str, Any]:
        """The fingerprint before a request (forgotten until the request is judged)."""
        known, self.known = self.known, None
        return known if known is not None else fingerprint(self.engine, self.skip)


@pytest.fixture
def tables(engine: Engine) -> Tables:
    return Tables(engine)


def flashed_errors(client: FlaskClient) -> list[str]:
    """The error messages waiting in the session (taken out, so they do not pile up)."""
    with client.session_transaction() as session:
        flashes = session.pop("_flashes", [])
    return [message for category, message in flashes if category == "error"]


def _payload(data: dict[str, Any]) -> dict[str, Any]:
    made = {}
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        made[name] = [(io.BytesIO(v.data), v.name) if isinstance(v, Upload) else v
                      for v in values]
    return made


def redirected(response: Any) -> bool:
    """Most forms answer success with a redirect."""
    return response.status_code in (302, 303)


def submit(client: FlaskClient, tables: Tables, url: str, data: dict[str, Any], *,
           accepted: Callable[[Any], bool] = redirected) -> None:
    """POST hostile data: never a 500; unless accepted, every table is as it was."""
    before = tables.before()
    response = client.post(url, data=_payload(data))
    response.close()
    assert response.status_code < 500, (url, data, response.status_code)
    if flashed_errors(client) or not accepted(response):
        assert tables.now() == before, (url, data, response.status_code, "saved")


def logged_in(app: Any, email: str) -> FlaskClient:
    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    flashed_errors(client)
    return client


# ------------------------------------------------------------------ accounts ----


@HOSTILE
@given(data=spoiled({"email": SECRETARIAT, "password": "wrong-password"},
                    {"email": hostile(SECRETARIAT, "SECRETARIAT@demo.magflow ", "a@b"),
                     "password": hostile(PASSWORD)}),
       after=hostile("/", "/inbox", "//evil.example", "/\\evil.example", "javascript:x"))
@example(data={"email": "a\x00b@demo.magflow", "password": "x"}, after="/")  # was a 500
def test_login_survives_hostile_input(app, seeded, tables, data, after):
    tables.skip = ("failed_attempts",)  # counting failed attempts is the login's job
    submit(app.test_client(), tables, f"/login?next={quote(after, safe='')}", data)


@pytest.fixture
def invite(seeded) -> Callable[[], str]:
    """A factory of fresh invitation tokens (each example may use one up)."""
    from webapp.auth.operations import invite_city

    secretariat = seeded.exec(select(User).where(User.email == SECRETARIAT)).one()

    def make() -> str:
        # A new address each time: an accepted one has its account, and is not invited again.
        email = f"tver-{uuid.uuid4().hex[:8]}@test.magflow"
        _invitation, token = invite_city(seeded, name_ru="Тверь", name_en="Tver",
                                         email=email, issued_by=secretariat, days=14)
        seeded.commit()
        return token

    return make


@HOSTILE
@given(data=spoiled({"display_name": "Иван Петров", "password": "a-long-password",
                     "confirm": "a-long-password"},
                    {"display_name": hostile("Иван"), "password": hostile("a-long-password"),
                     "confirm": hostile("a-long-password")}),
       token=st.one_of(st.none(), segment("unknown", "0")))
def test_accepting_an_invitation_survives_hostile_input(app, tables, invite, data, token):
    url = f"/invitation/{token or invite()}"
    tables.known = None  # a new invitation was just saved
    submit(app.test_client(), tables, url, data)


@HOSTILE
@given(data=spoiled({"name_ru": "Тверь", "name_en": "Tver", "email": "tver@test.magflow"},
                    {"name_ru": hostile("Тверь"), "name_en": hostile("Tver", "Тверь"),
                     "email": hostile("tver@test.magflow", "ivan@тверь.рф")}))
def test_issuing_an_invitation_survives_hostile_input(app, seeded, tables, data):
    # The new link is shown on the page itself, not after a redirect.
    submit(logged_in(app, SECRETARIAT), tables, "/office/invitations", data,
           accepted=lambda response: b'id="invitation-link"' in response.data)


# ----------------------------------------------------------------- admission ----


@pytest.fixture
def draft(seeded, make_user, app) -> tuple[FlaskClient, int]:
    """A newly invited city's applicant, logged in, with its application open."""
    city = City(slug="tver", name_ru="Тверь", name_en="Tver", status=CityStatus.applicant)
    seeded.add(city)
    seeded.commit()
    make_user(Role.applicant, city=city, email="tver@test.magflow", password=PASSWORD)
    client = logged_in(app, "tver@test.magflow")
    client.post("/admission")
    found = seeded.exec(select(Application).where(Application.city_id == city.id)).one()
    return client, found.id


APPLICATION = {
    "action": "save", "version": "1", "name_ru": "Тверь", "name_en": "Tver", "country": "Россия",
    "region": "Тверская область", "population": "400 000", "founding_year": "1135",
    "head_name": "Иванов И. И.", "head_title": "Глава города", "contact_name": "Петров П. П.",
    "contact_position": "Советник", "contact_email": "tver@test.magflow",
    "contact_phone": "+7 (4822) 12-34-56", "website": "https://tver.ru", "motivation": "Дружба",
    "cooperation": "Культура", "charter_accepted": "y", "fees_accepted": "y",
}
LETTERS = st.builds(Upload, st.one_of(st.binary(max_size=200),
                                      st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b)),
                    hostile("letter.pdf", "LETTER.PDF", "../../x.pdf", ""))


@HOSTILE
@given(data=spoiled(APPLICATION, {
    "action": hostile("save", "submit"), "version": hostile("1", "2", "-1", "0"),
    "population": hostile("1", "50000000", "50000001", "1 000", "1\u00a0000", "-5"),
    "founding_year": hostile("-5000", "-5001", "2100", "2101"),
    "contact_email": hostile("a@b", "ivan@тверь.рф", "x" * 250 + "@a.ru"),
    "contact_phone": hostile("+7 495", "(495) 123-45-67"),
    "website": hostile("https://x", "http://", "javascript:alert(1)", "https://a b"),
    "name_ru": hostile("Тверь"), "motivation": hostile("Дружба"), "answer": hostile("Ответ"),
    "charter_accepted": hostile("y", "n", "false"), "letter": LETTERS,
}), start=st.booleans())
def test_application_form_survives_hostile_input(tables, draft, data, start):
    client, application_id = draft
    url = "/admission" if start else f"/admission/{application_id}/edit"  # start: a second one
    submit(client, tables, url, data)


# ---------------------------------------------------------------------- dues ----


@pytest.fixture
def accounts(seeded, app) -> dict[str, Any]:
    """The Secretariat logged in; accounts with open charges, and charges (one unknown)."""
    ledger.charge_annual_fees(seeded, year=2024)
    charges = seeded.exec(select(Charge).order_by(Charge.amount_known, Charge.id)).all()
    return {"client": logged_in(app, SECRETARIAT), "charges": [c.id for c in charges[:2]],
            "accounts": sorted({charge.account_id for charge in charges})[:3]}


AMOUNTS = hostile("100", "4000.00", "10.123", "0.01", "1,5", "1 000", "99999999999999999999",
                  "-100")
CURRENCIES = hostile("EUR", "RUB", "USD", "eur", "XXX")
DAYS = hostile("2024-04-15", "2030-06-30", "2999-01-01", "1000-01-01", "15.04.2024")
INSTALMENTS = st.lists(st.builds("{} {}".format, DAYS, AMOUNTS), max_size=4).map("\n".join)
DUES_FORMS = [
    ("/dues/accounts/{account}/payment",
     {"amount": "100", "currency": "EUR", "paid_on": "2024-04-15", "bank_reference": "PP-1",
      "rate": "", "converted_currency": "", "note": ""},
     {"amount": AMOUNTS, "currency": CURRENCIES, "paid_on": DAYS,
      "bank_reference": hostile("PP-2"), "rate": hostile("1.5", "1e22", "0.000001"),
      "converted_currency": CURRENCIES, "note": hostile("Note")}),
    ("/dues/accounts/{account}/plan",
     {"currency": "EUR", "instalments": "2030-06-30 2000\n2030-09-30 2000", "comment": "",
      "decision": ""},
     {"currency": CURRENCIES, "instalments": st.one_of(INSTALMENTS, hostile("2030-06-30")),
      "comment": hostile("Agreed"), "decision": hostile("XXIX:1.3")}),
    ("/dues/charges/{charge}/amount", {"amount": "8000", "currency": "EUR"},
     {"amount": AMOUNTS, "currency": CURRENCIES}),
    ("/dues/fees",
     {"year": "2031", "entrance": "1000", "annual": "4000", "currency": "EUR",
      "annual_due_on": "2031-03-31", "decision": "", "note": ""},
     {"year": hostile("1989", "2100", "2101", "2031.0"), "entrance": AMOUNTS, "annual": AMOUNTS,
      "currency": CURRENCIES, "annual_due_on": DAYS, "decision": hostile("XXIX:2.5"),
      "note": hostile("Note")}),
]


@each_form(DUES_FORMS)
@settings(HOSTILE, max_examples=20)
@given(data=st.data(), pick=st.integers(0, 2))
def test_dues_forms_survive_hostile_input(tables, accounts, form, data, pick):
    path, valid, fields = form
    url = path.format(account=accounts["accounts"][pick], charge=accounts["charges"][pick % 2])
    submit(accounts["client"], tables, url, data.draw(spoiled(valid, fields)))


# ------------------------------------------------------------------ officers ----

NAMES = hostile("Иванов", "Ivanov", "Oʻzbek", "д’Артаньян")
OFFICERS_FORMS = [
    ("/officers/nominate",
     {"person": "3", "position": "2", "nominated_on": "2024-05-20", "comment": ""},
     {"person": hostile("1", "14", "0", "99"), "position": hostile("1", "5", "6"),
      "nominated_on": DAYS, "comment": hostile("Comment")}),
    ("/officers/people/new", {"surname_ru": "Иванов", "surname_en": "Ivanov", "city": "0"},
     {"surname_ru": NAMES, "given_ru": NAMES, "patronymic_ru": NAMES, "surname_en": NAMES,
      "given_en": NAMES, "title_ru": NAMES, "city": hostile("0", "2", "42", "999")}),
    ("/officers/positions/new",
     {"body": "1", "title_ru": "Советник", "title_en": "Adviser", "rank": "100"},
     {"body": hostile("1", "4", "5"), "title_ru": NAMES, "title_en": NAMES,
      "single_seat": hostile("y", "n"), "rank": hostile("1", "1000", "1001")}),
]


@each_form(OFFICERS_FORMS)
@settings(HOSTILE, max_examples=20)
@given(data=st.data())
def test_officers_forms_survive_hostile_input(app, seeded, tables, form, data):
    path, valid, fields = form
    submit(logged_in(app, SECRETARIAT), tables, path, data.draw(spoiled(valid, fields)))

"""The seed data: every fact of the two documents, loaded once."""

from datetime import date

from sqlmodel import func, select

from models import Body, City, CityStatus, Person, Position, User
from seeding.loader import load_seed, read_seed

SEED = read_seed()


def _count(db, model):
    return db.exec(select(func.count()).select_from(model)).one()


def test_six_applicants_of_item_1_1(seeded):
    applicants = seeded.exec(select(City).where(City.status == CityStatus.applicant)).all()
    assert {c.name_en for c in applicants} == {
        "Arkadag", "Brest", "Birobidzhan", "Vitebsk", "Komsomolsk-on-Amur", "Yuzhno-Sakhalinsk"
    }


def test_the_22_cities_of_item_1_3_are_members_with_their_genitive(seeded):
    slugs = SEED["arrears"]["cities"]
    assert len(slugs) == 22
    cities = seeded.exec(select(City).where(City.slug.in_(slugs))).all()
    assert len(cities) == 22
    assert all(c.status == CityStatus.member for c in cities)
    assert {c.slug: c.form("gent") for c in cities}["yoshkar-ola"] == "Йошкар-Олы"


def test_officers_of_items_3_1_to_3_4_are_people(seeded):
    people = {p.slug: p for p in seeded.exec(select(Person)).all()}
    assert people["yalalov"].full_name("ru") == "Ялалов Ирек Ишмухаметович"
    assert people["kasymbek"].title("ru") == "аким города Астаны"
    assert people["kravchuk"].full_name("ru") == "Кравчук С.А."
    assert len(people) == 14


def test_bodies_and_positions(seeded):
    assert _count(seeded, Body) == 4
    first_vp = seeded.exec(select(Position).where(Position.slug == "first-vice-president")).one()
    vice = seeded.exec(select(Position).where(Position.slug == "vice-president")).one()
    assert first_vp.single_seat and not vice.single_seat


def test_ages_derived_from_founding_years_match_the_plan(seeded):
    expected = {**SEED["expected"]["jubilees_2024"], **SEED["expected"]["capital_days_2024"]}
    cities = {c.slug: c for c in seeded.exec(select(City)).all()}
    assert {slug: cities[slug].age_in(2024) for slug in expected} == {
        slug: fact["age"] for slug, fact in expected.items()
    }


def test_every_record_names_its_source():
    for section in ("cities", "people", "appointments", "events", "fees"):
        for record in SEED[section]:
            assert record["sources"], record


def test_seed_without_amounts_says_so():
    assert SEED["arrears"]["amount"] == "unknown"


def test_loading_twice_duplicates_nothing(seeded):
    counts = {m: _count(seeded, m) for m in (City, Person, Body, Position, User)}
    created = load_seed(seeded, demo=True)
    assert set(created.values()) == {0}
    assert {m: _count(seeded, m) for m in counts} == counts


# Rows of the software itself, made when it is installed: the demo accounts, the
# directory's cities (their created_at is when this database learnt of them) and the
# calendar's revision counter. Everything the seeds record is dated by the seeds.
INSTALLED = ("users", "cities", "calendar_revisions")


def test_nothing_seeded_is_dated_by_the_day_of_loading(seeded):
    from datetime import UTC, datetime

    from sqlmodel import SQLModel

    import workflow.registry  # noqa: F401 - every table
    from models.base import UTCDateTime

    today = datetime.now(UTC).date()
    dated_today = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in INSTALLED or table.name.startswith("example_"):
            continue
        for column in table.c:
            if isinstance(column.type, UTCDateTime):
                values = seeded.exec(select(column).where(column.is_not(None))).all()
                if any(value.date() == today for value in values):
                    dated_today.append(f"{table.name}.{column.name}")
    assert dated_today == []


def test_the_xxix_execution_tasks_wait_since_the_session(seeded):
    from models.decisions import ExecutionTask

    tasks = seeded.exec(select(ExecutionTask)).all()
    assert len(tasks) == 4
    assert {(t.created_at.date(), t.state_changed_at.date()) for t in tasks} == {
        (date(2023, 5, 25), date(2023, 5, 25))}

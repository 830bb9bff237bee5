"""The migrations build exactly the schema the models declare, on both backends."""

import json

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import workflow.registry  # noqa: F401 - every model of the app is imported

# Tables only the tests declare (tests/workflow/example.py), created by their fixtures.
TEST_ONLY = ("example_",)


def _table_of(difference) -> str:
    while isinstance(difference, list):  # modifications come as lists of tuples
        difference = difference[0]
    for part in difference[1:]:
        name = getattr(part, "name", None) if not isinstance(part, str) else None
        table = getattr(part, "table", None)
        if table is not None:
            return str(table.name)
        if name:
            return str(name)
        if isinstance(part, str):
            return part
    return ""


def test_models_and_migrations_agree(engine):
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert [d for d in differences if not _table_of(d).startswith(TEST_ONLY)] == []


OLD_SEED_NOTE = ("The seeds give no amount (decision XXIX, item 1.3): to be entered by the "
                 "Secretariat. [amount entered by Иванова М.]")


def test_charge_notes_written_as_english_text_become_message_ids(tmp_path):
    """Rows stored before the notes were message ids stay readable, both ways."""
    from datetime import date

    from alembic import command
    from sqlalchemy import create_engine, text
    from sqlmodel import Session

    from models import City
    from models.dues import Account, Charge, ChargeKind
    from models.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "heads")
    engine = create_engine(url)
    notes = [{"id": "seed_no_amount", "params": {"session": "XXIX", "item": "1.3"}},
             {"id": "amount_entered", "params": {"by": "Иванова М."}}]
    with Session(engine) as session:
        city = City(slug="osh", name_ru="Ош", name_en="Osh")
        session.add(city)
        session.flush()
        account = Account(city_id=city.id, opened_on=date(2023, 5, 25), state="audit_control")
        session.add(account)
        session.flush()
        session.add_all([
            Charge(account_id=account.id, kind=ChargeKind.opening, key="a", year=2023,
                   amount_known=False, due_on=date(2023, 5, 25), notes=notes),
            Charge(account_id=account.id, kind=ChargeKind.opening, key="b", year=2023,
                   due_on=date(2023, 5, 25), note="paid in cash")])
        session.commit()
    command.downgrade(config, "0011_one_open_application")
    with engine.connect() as connection:
        old = connection.execute(text("SELECT note FROM dues_charges ORDER BY id")).scalars()
        assert list(old) == [OLD_SEED_NOTE, "paid in cash"]
    command.upgrade(config, "heads")
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT note, notes FROM dues_charges ORDER BY id"))
        assert [(r.note, json.loads(r.notes)) for r in rows] == [
            (None, notes), ("paid in cash", [])]
    engine.dispose()

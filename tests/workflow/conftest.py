"""The example workflow's table, created beside the app's tables for each run."""

import pytest
from sqlalchemy import text

from tests.workflow.example import EXAMPLE_METADATA, Ticket


@pytest.fixture(scope="session")
def example_tables(engine):
    EXAMPLE_METADATA.create_all(engine)
    yield
    EXAMPLE_METADATA.drop_all(engine)


@pytest.fixture
def tickets(db, example_tables):
    """A factory of tickets: ``tickets(city_id=1, state="draft")``."""

    def make(**fields):
        fields.setdefault("state", "draft")
        fields.setdefault("title", "A ticket")
        ticket = Ticket(**fields)
        db.add(ticket)
        db.commit()
        return ticket

    yield make
    with db.get_bind().begin() as connection:
        connection.execute(text("DELETE FROM example_tickets"))

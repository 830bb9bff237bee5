"""Tickets of the example workflow; its table is made with each test database (tests/conftest.py)."""

import pytest
from sqlalchemy import text

from tests.workflow.example import Ticket


@pytest.fixture
def tickets(db):
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

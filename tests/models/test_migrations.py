"""The migrations build exactly the schema the models declare, on both backends."""

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

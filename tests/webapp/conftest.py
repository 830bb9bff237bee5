"""The example workflow's table exists wherever a web test has a database.

``tests/workflow/example.py`` registers the example workflow for the whole
run, so pages that list every registered workflow's subjects (the inbox)
query its table; it lives outside the migrations, so it is created here.
"""

import pytest

from tests.workflow.conftest import example_tables, tickets  # noqa: F401 - shared fixtures


@pytest.fixture(autouse=True)
def _example_table_when_a_database_is_used(request: pytest.FixtureRequest) -> None:
    if "engine" in request.fixturenames:
        request.getfixturevalue("example_tables")

"""The example workflow's tickets for the web tests (its table: tests/conftest.py)."""

from tests.workflow.conftest import tickets  # noqa: F401 - shared fixtures

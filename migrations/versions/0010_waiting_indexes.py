"""the inbox's index (state, state_changed_at, id) on every subject table

Revision ID: 0010_waiting_indexes
Revises: 0003_calendar, 0005_admission, 0006_officers, 0007_decisions
Create Date: 2026-11-22
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0010_waiting_indexes'
down_revision: str | Sequence[str] | None = (
    '0003_calendar', '0005_admission', '0006_officers', '0007_decisions')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ('events', 'applications', 'appointments', 'execution_tasks')


def upgrade() -> None:
    for table in TABLES:
        op.create_index(f'ix_{table}_waiting', table, ['state', 'state_changed_at', 'id'])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f'ix_{table}_waiting', table_name=table)

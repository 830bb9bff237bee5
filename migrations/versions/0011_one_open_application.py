"""one application in progress per city (a partial unique index)

Revision ID: 0011_one_open_application
Revises: 0010_waiting_indexes
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_one_open_application'
down_revision: str | Sequence[str] | None = '0010_waiting_indexes'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("state NOT IN ('withdrawn', 'rejected')")


def upgrade() -> None:
    op.create_index('uq_applications_open_per_city', 'applications', ['city_id'], unique=True,
                    sqlite_where=OPEN, postgresql_where=OPEN)


def downgrade() -> None:
    op.drop_index('uq_applications_open_per_city', table_name='applications')

"""the inbox's index on dues accounts (state, state_changed_at, id)

Revision ID: 0007_dues_waiting
Revises: 0006_dues
Create Date: 2026-11-22
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0007_dues_waiting'
down_revision: str | Sequence[str] | None = '0006_dues'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('dues_accounts', schema=None) as batch_op:
        batch_op.create_index('ix_dues_accounts_waiting', ['state', 'state_changed_at', 'id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dues_accounts', schema=None) as batch_op:
        batch_op.drop_index('ix_dues_accounts_waiting')

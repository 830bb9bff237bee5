"""engine: outbox retry time; history by actor, newest first

Revision ID: 0008_engine_outbox
Revises: 0002_engine
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import models.base

revision: str = '0008_engine_outbox'
down_revision: str | Sequence[str] | None = '0002_engine'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('next_attempt_at', models.base.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index('ix_outbox_due', ['sent_at', 'next_attempt_at'], unique=False)
    with op.batch_alter_table('workflow_history', schema=None) as batch_op:
        batch_op.create_index('ix_history_actor', ['actor_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('workflow_history', schema=None) as batch_op:
        batch_op.drop_index('ix_history_actor')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')
        batch_op.drop_column('next_attempt_at')

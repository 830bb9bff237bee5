"""engine: history, votes, outbox

Revision ID: 0002_engine
Revises: 0001_foundation
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0002_engine'
down_revision: str | Sequence[str] | None = '0001_foundation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('workflow_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workflow', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('transition', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('from_state', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('to_state', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('decision_ref', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workflow_history', schema=None) as batch_op:
        batch_op.create_index('ix_history_subject', ['workflow', 'subject_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workflow_history_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workflow_history_at'), ['at'], unique=False)

    op.create_table('workflow_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workflow', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('transition', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('voter_id', sa.Integer(), nullable=False),
    sa.Column('approve', sa.Boolean(), nullable=False),
    sa.Column('comment', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['voter_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workflow', 'subject_id', 'transition', 'stage', 'voter_id')
    )
    with op.batch_alter_table('workflow_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workflow_votes_subject_id'), ['subject_id'], unique=False)

    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=True),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('template', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('workflow', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['recipient_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_sent_at'), ['sent_at'], unique=False)


def downgrade() -> None:
    op.drop_table('outbox')
    op.drop_table('workflow_votes')
    op.drop_table('workflow_history')

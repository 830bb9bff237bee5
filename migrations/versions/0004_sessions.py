"""sessions of the association

Revision ID: 0004_sessions
Revises: 0002_engine
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004_sessions'
down_revision: str | Sequence[str] | None = '0002_engine'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('assembly_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'agenda_prepared', 'held', 'decision_signed', name='sessionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('assembly_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assembly_sessions_number'), ['number'], unique=True)


def downgrade() -> None:
    op.drop_table('assembly_sessions')

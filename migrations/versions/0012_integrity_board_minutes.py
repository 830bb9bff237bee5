"""the register of the Board's minutes, filled when a minute is first cited

Revision ID: 0012_integrity_board_minutes
Revises: 0011_one_open_application
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0012_integrity_board_minutes'
down_revision: str | Sequence[str] | None = '0012_trust_safety'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'board_minutes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('minute_date', sa.Date(), nullable=False),
        sa.Column('number', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('workflow', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('transition', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('entered_at', models.base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('minute_date', 'number'),
    )
    with op.batch_alter_table('board_minutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_minutes_minute_date'), ['minute_date'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('board_minutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_minutes_minute_date'))
    op.drop_table('board_minutes')

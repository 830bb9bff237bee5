"""calendar: events and the calendar revision

Revision ID: 0003_calendar
Revises: 0001_foundation
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0003_calendar'
down_revision: str | Sequence[str] | None = '0001_foundation'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('calendar_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('changed_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('kind', sa.Enum('session', 'conference', 'forum', 'contest', 'round_table', 'partner_event', 'participation', 'publication', 'information_work', name='eventkind', native_enum=False, length=32), nullable=False),
    sa.Column('title_ru', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=True),
    sa.Column('place_ru', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('place_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('organisers_ru', sa.JSON(), nullable=False),
    sa.Column('organisers_en', sa.JSON(), nullable=False),
    sa.Column('link', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('description_ru', sa.Text(), nullable=True),
    sa.Column('description_en', sa.Text(), nullable=True),
    sa.Column('precision', sa.Enum('day', 'day_range', 'month', 'separate_schedule', 'continuous', 'quarterly', name='dateprecision', native_enum=False, length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('approximate', sa.Boolean(), nullable=False),
    sa.Column('state', sa.Enum('proposed', 'consolidated', 'submitted', 'approved', 'published', 'held', 'cancelled', name='eventstate', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('state_changed_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key'),
    sa.UniqueConstraint('uid')
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_city_id'), ['city_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_starts_on'), ['starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_state'), ['state'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_state'))
        batch_op.drop_index(batch_op.f('ix_events_starts_on'))
        batch_op.drop_index(batch_op.f('ix_events_published_at'))
        batch_op.drop_index(batch_op.f('ix_events_kind'))
        batch_op.drop_index(batch_op.f('ix_events_city_id'))

    op.drop_table('events')
    op.drop_table('calendar_revisions')

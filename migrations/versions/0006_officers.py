"""officers: appointments and the documents a session adopted

Revision ID: 0006_officers
Revises: 0004_sessions
Create Date: 2026-11-22

``appointments.seat_position_id`` is unique: it holds the position's id only
while the appointment holds a single-seat position, so the database itself
refuses a second holder of such a seat (NULLs never collide).
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0006_officers'
down_revision: str | Sequence[str] | None = '0004_sessions'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RELEASE_REASONS = ('moved_to_other_work', 'resigned', 'term_ended', 'elected_to_other_office',
                   'other')


def upgrade() -> None:
    op.create_table('adopted_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('title_ru', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['assembly_sessions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('decision')
    )
    with op.batch_alter_table('adopted_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adopted_documents_session_id'), ['session_id'], unique=False)

    op.create_table('appointments',
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('state_changed_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position_id', sa.Integer(), nullable=False),
    sa.Column('title_ru', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('nominated_on', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('election_decision', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('release_decision', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('release_reason', sa.Enum(*RELEASE_REASONS, name='releasereason', native_enum=False, length=32), nullable=True),
    sa.Column('release_reason_text', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('seat_position_id', sa.Integer(), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.ForeignKeyConstraint(['position_id'], ['positions.id'], ),
    sa.ForeignKeyConstraint(['seat_position_id'], ['positions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seat_position_id')
    )
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointments_ended_on'), ['ended_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_position_id'), ['position_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_started_on'), ['started_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_state_changed_at'), ['state_changed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointments_state_changed_at'))
        batch_op.drop_index(batch_op.f('ix_appointments_state'))
        batch_op.drop_index(batch_op.f('ix_appointments_started_on'))
        batch_op.drop_index(batch_op.f('ix_appointments_position_id'))
        batch_op.drop_index(batch_op.f('ix_appointments_person_id'))
        batch_op.drop_index(batch_op.f('ix_appointments_ended_on'))

    op.drop_table('appointments')
    with op.batch_alter_table('adopted_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adopted_documents_session_id'))

    op.drop_table('adopted_documents')

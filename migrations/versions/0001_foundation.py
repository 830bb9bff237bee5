"""foundation: cities, people, users

Revision ID: 0001_foundation
Revises: 
Create Date: 2026-11-22
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0001_foundation'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('bodies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name_ru', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('cities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('name_ru', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('ru_forms', sa.JSON(), nullable=False),
    sa.Column('country_ru', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('country_en', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('status', sa.Enum('applicant', 'member', 'excluded', 'other', name='citystatus', native_enum=False, length=32), nullable=False),
    sa.Column('founding_year', sa.Integer(), nullable=True),
    sa.Column('city_day_month', sa.Integer(), nullable=True),
    sa.Column('city_day_day', sa.Integer(), nullable=True),
    sa.Column('city_day_end_day', sa.Integer(), nullable=True),
    sa.Column('city_day_approximate', sa.Boolean(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cities_slug'), ['slug'], unique=True)
        batch_op.create_index(batch_op.f('ix_cities_status'), ['status'], unique=False)

    op.create_table('login_failures',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('surname_ru', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('given_ru', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('patronymic_ru', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('initials_ru', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('surname_en', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('given_en', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('patronymic_en', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('initials_en', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('title_ru', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('city_id', sa.Integer(), nullable=True),
    sa.Column('ru_forms', sa.JSON(), nullable=False),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    op.create_table('positions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('title_ru', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('single_seat', sa.Boolean(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('slug')
    )
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_positions_body_id'), ['body_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sa.Enum('applicant', 'member', 'secretariat', 'board', 'audit', 'president', 'admin', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_city_id'), ['city_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_users_email'), ['email'], unique=True)
        batch_op.create_index(batch_op.f('ix_users_role'), ['role'], unique=False)

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('role', sa.Enum('applicant', 'member', 'secretariat', 'board', 'audit', 'president', 'admin', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('city_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['city_id'], ['cities.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_token_hash'), ['token_hash'], unique=True)




def downgrade() -> None:

    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_token_hash'))

    op.drop_table('invitations')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_role'))
        batch_op.drop_index(batch_op.f('ix_users_email'))
        batch_op.drop_index(batch_op.f('ix_users_city_id'))

    op.drop_table('users')
    with op.batch_alter_table('positions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_positions_body_id'))

    op.drop_table('positions')
    op.drop_table('people')
    op.drop_table('login_failures')
    with op.batch_alter_table('cities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cities_status'))
        batch_op.drop_index(batch_op.f('ix_cities_slug'))

    op.drop_table('cities')
    op.drop_table('bodies')


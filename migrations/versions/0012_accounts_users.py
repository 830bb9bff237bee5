"""accounts run from the web: session stamps, last login, password resets, the account log,
office invitations and officers' e-mail addresses

Revision ID: 0012_accounts_users
Revises: 0011_one_open_application
Create Date: 2026-12-03
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime

revision: str = '0012_accounts_users'
down_revision: str | Sequence[str] | None = '0011_one_open_application'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_stamp', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('last_login_at', UTCDateTime(), nullable=True))
    users = sa.table('users', sa.column('id', sa.Integer), sa.column('session_stamp', sa.String))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(session_stamp=secrets.token_hex(16)))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_stamp', existing_type=sa.String(length=32),
                              nullable=False)
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.alter_column('city_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('person_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_invitations_person_id_people', 'people',
                                    ['person_id'], ['id'])
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=True))
    op.create_table(
        'password_resets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('used_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_password_resets_user_id', 'password_resets', ['user_id'])
    op.create_index('ix_password_resets_token_hash', 'password_resets', ['token_hash'],
                    unique=True)
    op.create_table(
        'account_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('what', sa.String(length=40), nullable=False),
        sa.Column('before', sa.JSON(), nullable=False),
        sa.Column('after', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_account_changes_user_id', 'account_changes', ['user_id'])


def downgrade() -> None:
    op.drop_index('ix_account_changes_user_id', table_name='account_changes')
    op.drop_table('account_changes')
    op.drop_index('ix_password_resets_token_hash', table_name='password_resets')
    op.drop_index('ix_password_resets_user_id', table_name='password_resets')
    op.drop_table('password_resets')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_column('email')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint('fk_invitations_person_id_people', type_='foreignkey')
        batch_op.drop_column('person_id')
        batch_op.alter_column('city_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_login_at')
        batch_op.drop_column('session_stamp')

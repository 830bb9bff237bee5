"""failed attempts counted per scope and key (accounts and clients); letter versions

Revision ID: 0012_trust_safety
Revises: 0011_one_open_application
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0012_trust_safety'
down_revision: str | Sequence[str] | None = '0012_pdf_files'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The counters are minutes-long state: the old per-address counts are not carried over.
    op.create_table('failed_attempts',
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key')
    )
    op.drop_table('login_failures')
    with op.batch_alter_table('application_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaced_at', models.base.UTCDateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('application_documents', schema=None) as batch_op:
        batch_op.drop_column('replaced_at')
    op.create_table('login_failures',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.drop_table('failed_attempts')

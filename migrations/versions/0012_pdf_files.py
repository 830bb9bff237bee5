"""pdf_files: the PDF of each letter and signed decision, with its SHA-256

Revision ID: 0012_pdf_files
Revises: 0011_one_open_application
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import models.base

revision: str = '0012_pdf_files'
down_revision: str | Sequence[str] | None = '0012_grammar_person_gender'
branch_labels: str | Sequence[str] | None = None
# dues_letters comes from another branch of the history (decisions are before 0011).
depends_on: str | Sequence[str] | None = '0006_dues'


def upgrade() -> None:
    op.create_table('pdf_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('stored_name', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decisions.id'], ),
    sa.ForeignKeyConstraint(['letter_id'], ['dues_letters.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('decision_id', 'language'),
    sa.UniqueConstraint('letter_id', 'language'),
    sa.UniqueConstraint('stored_name')
    )
    with op.batch_alter_table('pdf_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdf_files_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pdf_files_letter_id'), ['letter_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pdf_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdf_files_letter_id'))
        batch_op.drop_index(batch_op.f('ix_pdf_files_decision_id'))
    op.drop_table('pdf_files')

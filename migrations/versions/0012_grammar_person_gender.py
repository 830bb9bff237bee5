"""a person's gender, for declining women's names as women's

Revision ID: 0012_grammar_person_gender
Revises: 0011_one_open_application
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_grammar_person_gender'
down_revision: str | Sequence[str] | None = '0012_accounts_users'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Left empty, the gender is read from the patronymic (…вна female, …вич male).
    with op.batch_alter_table('people') as batch:
        batch.add_column(sa.Column('gender', sa.Enum('female', 'male', name='gender',
                                                     native_enum=False, length=32),
                                   nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('people') as batch:
        batch.drop_column('gender')

"""charge notes as message ids with parameters, shown in the reader's language

The seed's note on the XXIX:1.3 debts and the "[amount entered by …]" suffix
were stored as English text. They move to ``dues_charges.notes`` as message
ids with parameters (workflow.charge_notes); any other text stays in ``note``.

Revision ID: 0012_integrity_charge_notes
Revises: 0012_integrity_board_minutes, 0007_dues_waiting
Create Date: 2026-12-03
"""
import json
import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = '0012_integrity_charge_notes'
# The charges table comes from the dues branch, not from 0011's ancestors: this
# revision joins the two lines.
down_revision: str | Sequence[str] | None = ('0012_integrity_board_minutes', '0007_dues_waiting')
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEED_NOTE = re.compile(r"The seeds give no amount \(decision ([IVXLCDM]+), item ([\d.]+)\): "
                       r"to be entered by the Secretariat\.")
ENTERED = re.compile(r"\s*\[amount entered by ([^\]]*)\]")

CHARGES = sa.table('dues_charges', sa.column('id', sa.Integer), sa.column('note', sa.String),
                   sa.column('notes', sa.JSON))


def split_note(text: str | None) -> tuple[str | None, list[dict[str, Any]]]:
    """The old note as (free words left, message notes)."""
    if not text:
        return text, []
    notes: list[dict[str, Any]] = []
    seed = SEED_NOTE.search(text)
    if seed:
        notes.append({"id": "seed_no_amount",
                      "params": {"session": seed.group(1), "item": seed.group(2)}})
        text = text.replace(seed.group(0), "")
    for by in ENTERED.findall(text):
        notes.append({"id": "amount_entered", "params": {"by": by}})
    text = ENTERED.sub("", text).strip()
    return text or None, notes


def join_note(text: str | None, notes: list[dict[str, Any]]) -> str | None:
    """The message notes written back as the old English text."""
    words = [text] if text else []
    for note in notes:
        params = note.get("params", {})
        if note.get("id") == "seed_no_amount":
            words.insert(0, f"The seeds give no amount (decision {params.get('session')}, "
                            f"item {params.get('item')}): to be entered by the Secretariat.")
        elif note.get("id") == "amount_entered":
            words.append(f"[amount entered by {params.get('by')}]")
    return " ".join(words)[:500] or None


def upgrade() -> None:
    with op.batch_alter_table('dues_charges') as batch:
        batch.add_column(sa.Column('notes', sa.JSON(), nullable=False, server_default='[]'))
    bind = op.get_bind()
    for row in bind.execute(sa.select(CHARGES.c.id, CHARGES.c.note)
                            .where(CHARGES.c.note.is_not(None))).all():
        text, notes = split_note(row.note)
        if notes:
            bind.execute(CHARGES.update().where(CHARGES.c.id == row.id)
                         .values(note=text, notes=notes))
    with op.batch_alter_table('dues_charges') as batch:
        batch.alter_column('notes', server_default=None)


def downgrade() -> None:
    bind = op.get_bind()
    for row in bind.execute(sa.select(CHARGES.c.id, CHARGES.c.note, CHARGES.c.notes)).all():
        notes = row.notes if isinstance(row.notes, list) else json.loads(row.notes or "[]")
        if notes:
            bind.execute(CHARGES.update().where(CHARGES.c.id == row.id)
                         .values(note=join_note(row.note, notes)))
    with op.batch_alter_table('dues_charges') as batch:
        batch.drop_column('notes')

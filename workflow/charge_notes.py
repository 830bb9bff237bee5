"""What the software notes on a ledger charge, kept as message ids with parameters.

A note written as text stays in the language it was written in; a message id
with its parameters is read in the reader's language each time it is shown.
The Secretariat's own free words stay in ``Charge.note``.
"""

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l

# Message id -> its wording, given the parameters.
MESSAGES: dict[str, Callable[..., Any]] = {
    "seed_no_amount": lambda **p: _l(
        "The seeds give no amount (decision %(session)s, item %(item)s): to be entered by the "
        "Secretariat.", **p),
    "amount_entered": lambda **p: _l("Amount entered by %(by)s.", **p),
}


def note(message_id: str, **params: str) -> dict[str, Any]:
    """A note to store: ``{"id": "amount_entered", "params": {"by": "Иванова М."}}``."""
    if message_id not in MESSAGES:
        raise KeyError(f"no charge note {message_id!r}")
    return {"id": message_id, "params": params}


def texts(notes: list[dict[str, Any]]) -> list[str]:
    """The notes in the reader's language (inside a request or ``force_locale``)."""
    out = []
    for stored in notes or []:
        message = MESSAGES.get(stored.get("id", ""))
        if message is not None:
            out.append(str(message(**stored.get("params", {}))))
    return out

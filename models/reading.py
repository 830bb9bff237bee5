"""Numbers and dates as people type them, in the language of the page they type on.

Russian: ``1 000``, ``1 000,50``, ``1000,50`` (the space may be a plain, a
non-breaking U+00A0 or a narrow no-break U+202F space), and ``1000.50``;
English: ``1,000.50`` and ``1000.50``. An amount is ASCII digits with at most
one decimal separator and the grouping the page's language writes: ``1e3``,
``1_000``, full-width or Arabic-Indic digits, signs and stray separators are
refused, and so is what could be read two ways (``1.000`` on a Russian page).
Days: ISO ``YYYY-MM-DD`` everywhere (the browser's date picker posts it), and
``ДД.ММ.ГГГГ`` on Russian pages. Each refusal names its reason, which the web
layer turns into a message in the reader's language.
"""

import re
from datetime import date
from decimal import Decimal

# The spaces Russians group digits with: plain, non-breaking, narrow no-break.
GROUPING_SPACES = " \u00a0\u202f"
# More characters than any amount or rate the ledger keeps could take.
LONGEST = 40

_DIGITS = re.compile(r"[0-9]+")
_RU_GROUPED = re.compile(r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+")
_EN_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
# "1.000" or "12.500.000": a thousand written the German way, or a decimal?
_DOT_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_RU_DAY = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


class Unreadable(ValueError):
    """What was typed is not a number (or a day) of the page's language.

    ``reason`` is ``malformed``, ``ambiguous``, ``too_precise`` or ``no_such_day``.
    """

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason
        self.text = text


def read_decimal(text: str, language: str, *, places: int) -> Decimal:
    """The non-negative number typed in ``text`` on a ``language`` page, ≤ ``places`` decimals."""
    clean = text.strip()
    if not clean or len(clean) > LONGEST or not _only_spaces(clean):
        raise Unreadable("malformed", text)
    whole, fraction = (_split_ru if language == "ru" else _split_en)(clean)
    if fraction is not None and not _DIGITS.fullmatch(fraction):
        raise Unreadable("malformed", text)
    if not (_DIGITS.fullmatch(whole) or _grouped(whole, language)):
        raise Unreadable("malformed", text)
    if fraction is not None and len(fraction) > places:
        raise Unreadable("too_precise", text)
    digits = "".join(c for c in whole if c.isdigit())
    return Decimal(f"{digits}.{fraction}" if fraction else digits)


def _only_spaces(text: str) -> bool:
    """ASCII, but for the grouping spaces (the digits are then checked to be ASCII digits)."""
    return all(c.isascii() or c in GROUPING_SPACES for c in text)


def _grouped(whole: str, language: str) -> bool:
    pattern = _RU_GROUPED if language == "ru" else _EN_GROUPED
    return pattern.fullmatch(whole) is not None


def _split_ru(text: str) -> tuple[str, str | None]:
    """Russian writes the decimal comma; a dot is read as one unless it could group thousands."""
    if "," in text and "." in text:
        raise Unreadable("malformed", text)
    if "." in text and _DOT_GROUPED.fullmatch(text):
        raise Unreadable("ambiguous", text)
    return _split(text, "," if "," in text else ".")


def _split_en(text: str) -> tuple[str, str | None]:
    """English writes the decimal point and groups thousands with commas."""
    return _split(text, ".")


def _split(text: str, separator: str) -> tuple[str, str | None]:
    if text.count(separator) > 1:
        raise Unreadable("malformed", text)
    whole, found, fraction = text.partition(separator)
    return whole, fraction if found else None


def read_day(text: str, language: str) -> date:
    """The day typed in ``text``: ISO ``YYYY-MM-DD``, or ``ДД.ММ.ГГГГ`` on a Russian page."""
    clean = text.strip()
    iso = _ISO_DAY.fullmatch(clean)
    russian = _RU_DAY.fullmatch(clean) if language == "ru" else None
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif russian:
        day, month, year = (int(part) for part in russian.groups())
    else:
        raise Unreadable("malformed", text)
    try:
        return date(year, month, day)
    except ValueError:
        raise Unreadable("no_such_day", text) from None

"""CSV that a spreadsheet opens as data, never as formulas.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(…)``,
``-2+3+cmd|…``): a city named so would run in the office's spreadsheet. As OWASP
recommends, such a cell gets a leading single quote, which the spreadsheet
shows as text. A plain number (``-150.00``, a credit) is left as it is: it is
no formula, and the reader expects to add it up.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any, Protocol

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# What a spreadsheet reads as a number and nothing else: an optional minus, digits,
# an optional decimal part.
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class Writer(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


def inert(value: Any) -> str:
    """The cell's text, with a leading quote if a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if PLAIN_NUMBER.fullmatch(text):
        return text
    # Spreadsheets skip leading spaces and line breaks before reading "=".
    if text.lstrip(" \n").startswith(TRIGGERS):
        return "'" + text
    return text


class SafeWriter:
    """``csv.writer`` whose every cell is made inert."""

    def __init__(self, stream: Any) -> None:
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([inert(cell) for cell in row])


def writer(stream: Any) -> Writer:
    """A CSV writer for exports that people open in a spreadsheet."""
    return SafeWriter(stream)

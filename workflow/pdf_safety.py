"""Whether an uploaded file is a plain PDF: read by a PDF parser, with no active content.

A letter of intent is read by the Secretariat and the Board in their PDF
viewers: a file that runs JavaScript, launches a program, carries another file
or acts on its own when opened is refused, as is a web page (or any other
file) behind a PDF header. Every object of the file is read with ``pypdf``,
those no page refers to as well (a viewer repairing a damaged file may still
find them); names are compared as the parser reads them, so ``/J#61vaScript``
is ``/JavaScript``.
"""

import io
import logging
import re
from collections.abc import Iterator
from typing import Any

from flask_babel import lazy_gettext as _l
from pypdf import PasswordType, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from workflow.engine import Refusal

FIELD = "letter"
_HEADER = re.compile(rb"%PDF-[12]\.\d")
# What makes a browser read a file as a web page, anywhere in it.
_WEB_PAGE = re.compile(rb"<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|svg|"
                       rb"meta\s+http-equiv)[\s>/]", re.IGNORECASE)
# After the last end-of-file marker only blanks may follow (no appended file).
_END = re.compile(rb"%%EOF[\s\x00]*\Z")

# Kinds of active content, with the words that name each to the uploader.
ACTIVE = {
    "javascript": _l("JavaScript"),
    "launch": _l("an action that opens a program or another file"),
    "embedded": _l("an embedded file"),
    "automatic": _l("an action that runs by itself when the file or a page is opened"),
    "form": _l("a form that sends or loads data (XFA or a submit action)"),
    "media": _l("embedded media that can run code"),
}
# Dictionary keys, action types (/S) and object types or subtypes, by kind.
KEYS = {"/JS": "javascript", "/JavaScript": "javascript", "/AA": "automatic",
        "/EmbeddedFiles": "embedded", "/EF": "embedded", "/XFA": "form",
        "/RichMediaContent": "media"}
ACTIONS = {"/JavaScript": "javascript", "/Launch": "launch", "/GoToR": "launch",
           "/GoToE": "embedded", "/SubmitForm": "form", "/ImportData": "form",
           "/Rendition": "media", "/RichMediaExecute": "media", "/Movie": "media",
           "/Sound": "media"}
TYPES = {"/EmbeddedFile": "embedded", "/FileAttachment": "embedded", "/RichMedia": "media",
         "/Screen": "media", "/Movie": "media", "/Sound": "media"}

# pypdf says what it repaired while reading; the check only wants its verdict.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def refuse(code: str, message: Any) -> Refusal:
    return Refusal(code, message, field=FIELD)


def check_structure(data: bytes) -> None:
    """Refuse a file that is no PDF by its bytes: no header at the start, a web page in it,
    or anything after its end."""
    if not _HEADER.match(data) or not _END.search(data[-4096:]):
        raise refuse("not_pdf", _l("The file is not a PDF document."))
    if _WEB_PAGE.search(data):
        raise refuse("web_page", _l("The file holds a web page behind its PDF header and is "
                                    "not accepted. Attach the letter saved as PDF."))


def read(data: bytes) -> PdfReader:
    """The file read by the PDF parser, decrypted if it opens without a password."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise refuse("encrypted", _l("The PDF is protected by a password. Attach it "
                                         "without the password."))
        if len(reader.pages) == 0:
            raise refuse("no_pages", _l("The PDF has no pages."))
    except Refusal:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure means "unreadable"
        raise refuse("unreadable", _l("The PDF could not be read. Save the letter as PDF "
                                      "again and attach it.")) from error
    return reader


def _objects(reader: PdfReader) -> Iterator[Any]:
    """Every indirect object the file lists, then the trailer."""
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)
    yield reader.trailer


def dictionaries(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every dictionary in the file (streams' dictionaries too), each once."""
    seen: set[tuple[int, int]] = set()
    stack = list(_objects(reader))
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            stack.extend(dict.values(item))
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))


def active_content(dictionary: DictionaryObject) -> str | None:
    """The kind of active content a dictionary holds, if any."""
    for key in dictionary:
        if str(key) in KEYS:
            return KEYS[str(key)]
    for key, kinds in (("/S", ACTIONS), ("/Type", TYPES), ("/Subtype", TYPES)):
        value = dict.get(dictionary, key)
        if isinstance(value, IndirectObject):
            value = value.get_object()
        if value is not None and str(value) in kinds:
            return kinds[str(value)]
    return None


def check_pdf_content(data: bytes) -> None:
    """Refuse a file that is no readable PDF, or one with active content."""
    check_structure(data)
    reader = read(data)
    try:
        found = next((kind for d in dictionaries(reader) if (kind := active_content(d))), None)
    except Exception as error:  # noqa: BLE001 - a damaged object: unreadable
        raise refuse("unreadable", _l("The PDF could not be read. Save the letter as PDF "
                                      "again and attach it.")) from error
    if found is not None:
        raise refuse("active_content", _l(
            "The PDF contains %(what)s, which is not accepted in a letter. Save it again "
            "as a plain PDF (for example, print it to PDF) and attach it.",
            what=ACTIVE[found]))

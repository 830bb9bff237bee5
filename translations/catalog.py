"""Keep the message catalogs in step with the code.

    python translations/catalog.py update   # extract, merge into ru and en
    python translations/catalog.py missing  # list messages without a translation
    python translations/catalog.py compile  # build the .mo files
    python translations/catalog.py apply ru < translations.json
        # set translations from a JSON object {msgid: msgstr, or [plural forms]}

English is the source language: ``update`` copies each English msgid into
the English catalog, so only Russian needs a translator. Every new string
must get its Russian msgstr before the tests pass.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
POT = HERE / "messages.pot"
LANGUAGES = ("ru", "en")


def _po_path(language: str) -> Path:
    return HERE / language / "LC_MESSAGES" / "messages.po"


def _pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "-q", *args], check=True, cwd=ROOT)


def extract(output: Path = POT) -> None:
    _pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-k", "ngettext:1,2",
        "-k", "lazy_ngettext:1,2", "-o", str(output), "--no-location", "--sort-output",
        "--project", "magflow", "--omit-header", ".",
    )


def update() -> None:
    """Extract the messages and merge them into every catalog."""
    extract()
    for language in LANGUAGES:
        path = _po_path(language)
        if not path.exists():
            _pybabel("init", "-i", str(POT), "-d", str(HERE), "-l", language)
        _pybabel(
            "update", "-i", str(POT), "-d", str(HERE), "-l", language,
            "--no-fuzzy-matching", "--ignore-obsolete",
        )
    fill_english()


def fill_english() -> None:
    """English is the source text: its catalog repeats each msgid."""
    path = _po_path("en")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = tuple(message.id)
        elif not message.string:
            message.string = message.id
    with path.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, no_location=True)


def missing(language: str) -> list[str]:
    """The msgids of the catalog for ``language`` that have no translation."""
    with _po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    gaps = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def unextracted(language: str) -> list[str]:
    """The messages of the code that the catalog for ``language`` lacks (``update`` not run)."""
    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "messages.pot"
        extract(pot)
        with pot.open("rb") as handle:
            template = read_po(handle)
    with _po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return sorted(_first(m.id) for m in template if m.id and m.id not in catalog)


def _first(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def apply(language: str, translations: dict[str, str | list[str]]) -> list[str]:
    """Set msgstrs in a catalog; returns the msgids it does not contain."""
    path = _po_path(language)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    unknown = []
    for msgid, text in translations.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        message.string = tuple(text) if isinstance(text, list) else text
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, no_location=True)
    return unknown


def compile_catalogs() -> None:
    _pybabel("compile", "-d", str(HERE), "--statistics")


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "update"
    if command == "update":
        update()
    elif command == "compile":
        compile_catalogs()
    elif command == "apply":
        import json

        unknown = apply(argv[2], json.load(sys.stdin))
        for msgid in unknown:
            print(f"not in the catalog (run update first): {msgid}")
        return 1 if unknown else 0
    elif command == "missing":
        gaps = {language: missing(language) for language in LANGUAGES}
        for language, ids in gaps.items():
            for msgid in ids:
                print(f"{language}: {msgid}")
        return 1 if any(gaps.values()) else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

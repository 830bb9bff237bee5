"""Reading PDFs back with pypdf: page size, text, embedded fonts."""

import io
import re

from pypdf import PdfReader

A4 = (595.28, 841.89)  # points


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text(data: bytes) -> str:
    """The document's text, its white space (line breaks, no-break spaces) as single spaces."""
    found = " ".join(page.extract_text() or "" for page in reader(data).pages)
    return re.sub(r"\s+", " ", found.replace("\xa0", " ").replace("\u202f", " "))


def page_sizes(data: bytes) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2))
            for p in reader(data).pages}


def fonts(data: bytes) -> dict[str, bool]:
    """Each font the pages use, and whether its program is embedded in the file."""
    found = {}
    for page in reader(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font
            if "/DescendantFonts" in font:
                described = font["/DescendantFonts"][0].get_object()
            descriptor = described["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def assert_a4_with_embedded_fonts(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    assert page_sizes(data) == {A4}
    used = fonts(data)
    assert used and all(used.values()), used
    assert any("Serif" in name for name in used), used

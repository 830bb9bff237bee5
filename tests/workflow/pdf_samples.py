"""Small PDF files written byte by byte, each with one kind of content to check.

Written by hand rather than with a PDF library, so each test says exactly what
the file holds: a one-page letter, plus an entry in its catalogue or page, plus
objects of its own.
"""

LETTER_TEXT = b"BT /F1 12 Tf 72 720 Td (Letter of intent) Tj ET"


def pdf(*, catalog: str = "", page: str = "", objects: tuple[str, ...] = (),
        head: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", tail: bytes = b"") -> bytes:
    """A valid one-page PDF; ``objects`` are numbered from 6 on, for references."""
    bodies = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog} >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> {page} >>",
        None,  # the content stream, below
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *objects,
    ]
    out = bytearray(head)
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        if body is None:
            out += (f"{number} 0 obj\n<< /Length {len(LETTER_TEXT)} >>\nstream\n".encode()
                    + LETTER_TEXT + b"\nendstream\nendobj\n")
        else:
            out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(bodies) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(bodies) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out) + tail


PLAIN = pdf()
JAVASCRIPT = pdf(catalog="/Names << /JavaScript << /Names [(a) 6 0 R] >> >>",
                 objects=("<< /S /JavaScript /JS (app.alert\\(1\\)) >>",))
OPEN_ACTION_JS = pdf(catalog="/OpenAction 6 0 R",
                     objects=("<< /Type /Action /S /JavaScript /JS 7 0 R >>",
                              "<< /Length 12 >>\nstream\napp.alert(1)\nendstream"))
OPEN_ACTION_PAGE = pdf(catalog="/OpenAction [3 0 R /Fit]")
LAUNCH = pdf(catalog="/OpenAction << /S /Launch /F (cmd.exe) >>")
PAGE_AA = pdf(page="/AA << /O << /S /JavaScript /JS (app.alert\\(1\\)) >> >>")
EMBEDDED = pdf(catalog="/Names << /EmbeddedFiles << /Names [(x.exe) 6 0 R] >> >>",
               objects=("<< /Type /Filespec /F (x.exe) /EF << /F 7 0 R >> >>",
                        "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"))
XFA = pdf(catalog="/AcroForm << /Fields [] /XFA 6 0 R >>",
          objects=("<< /Length 9 >>\nstream\n<xdp:xdp>\nendstream",))
# A name written with #xx escapes reads /JavaScript to a PDF reader.
ESCAPED_NAME = pdf(catalog="/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>")
# Reachable from nothing, but a viewer rebuilding a damaged file may still find it.
ORPHAN_JS = pdf(objects=("<< /S /JavaScript /JS (app.alert\\(1\\)) >>",))
HTML_BEHIND_HEADER = pdf(head=b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script>"
                              b"</body></html>\n")
HTML_AFTER_EOF = PLAIN + b"<html><script>alert(1)</script></html>\n"
HTML_ONLY = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"
ENCRYPTED = pdf(objects=("<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>",)
                ).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 6 0 R /ID [<01> <01>]")

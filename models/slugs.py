"""Readable, unique URL names for new cities."""

import re
import unicodedata

from sqlmodel import Session, select

from models import City


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Komsomolsk-on-Amur")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:70] or "city"


def unique_slug(session: Session, text: str) -> str:
    """A slug for ``text`` that no city uses yet."""
    base = slugify(text)
    candidate, n = base, 1
    while session.exec(select(City.id).where(City.slug == candidate)).first() is not None:
        n += 1
        candidate = f"{base}-{n}"
    return candidate

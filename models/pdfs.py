"""Documents kept as the PDF files that were sent or signed.

A letter of the arrears ladder is rendered once, in Russian and in English,
when the history entry that produced it is written; a decision when the
President signs it. The bytes live in a folder outside the web root
(``DOCUMENT_DIR``); the row keeps the file's name, size and SHA-256, so the
file shown later can be checked to be the one that was made.
"""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import timestamp_field


# One document in one language: a letter's or a decision's PDF, never both.
class PdfFile(SQLModel, table=True):
    __tablename__ = "pdf_files"
    __table_args__ = (
        UniqueConstraint("letter_id", "language"),
        UniqueConstraint("decision_id", "language"),
    )

    id: int | None = Field(default=None, primary_key=True)
    letter_id: int | None = Field(default=None, foreign_key="dues_letters.id", index=True)
    decision_id: int | None = Field(default=None, foreign_key="decisions.id", index=True)
    language: str = Field(max_length=2)
    stored_name: str = Field(max_length=80, unique=True)
    size: int
    pages: int
    sha256: str = Field(max_length=64)
    created_at: datetime = timestamp_field()

    def __repr__(self) -> str:
        owner = f"letter {self.letter_id}" if self.letter_id else f"decision {self.decision_id}"
        return f"<PdfFile #{self.id} {owner} {self.language} {self.sha256[:12]}>"

"""The register of the Board's minutes that transitions cite (``board:2024-03-01:5``)."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.base import timestamp_field


# One minute of the Board: its date and number, what it decided, who entered it and when.
class BoardMinute(SQLModel, table=True):
    __tablename__ = "board_minutes"
    __table_args__ = (UniqueConstraint("minute_date", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    minute_date: date = Field(index=True)
    number: str = Field(max_length=20)
    # What the minute decided, as the first transition citing it: workflow, step, subject.
    workflow: str = Field(max_length=40)
    transition: str = Field(max_length=60)
    subject_id: int
    entered_by_id: int | None = Field(default=None, foreign_key="users.id")
    entered_at: datetime = timestamp_field()

    @property
    def reference(self) -> str:
        """«board:2024-03-01:5»."""
        return f"board:{self.minute_date.isoformat()}:{self.number}"

    def __repr__(self) -> str:
        return f"<BoardMinute {self.reference}>"

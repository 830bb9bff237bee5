"""A session's decision, its numbered items, and the control of their execution.

A decision is drafted from what waits for the session, adopted (every bound
item fires its workflow transitions at once) and signed by the President.
Items with an executor and a deadline become ``ExecutionTask``s that the
Board accepts when they are reported done.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from models.base import enum_field, json_field, timestamp_field
from models.workflow import StatefulMixin, waiting_index


class DecisionStatus(StrEnum):
    draft = "draft"
    adopted = "adopted"
    signed = "signed"


class ItemKind(StrEnum):
    """What an item does; every kind but ``plain`` is bound to workflow subjects."""

    plain = "plain"
    continue_admission = "continue_admission"
    admissions = "admissions"
    rejections = "rejections"
    warnings = "warnings"
    board_proposals = "board_proposals"
    releases = "releases"
    elections = "elections"


class DeadlinePrecision(StrEnum):
    day = "day"      # «до 01 июля 2023 г.»
    month = "month"  # «в июле 2023 года»


def _long_text() -> Any:
    return Field(default="", sa_column=Column(Text, nullable=False))


# The decision a session adopts: one per session, from draft to signature.
class Decision(SQLModel, table=True):
    __tablename__ = "decisions"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="assembly_sessions.id", unique=True, index=True)
    status: DecisionStatus = enum_field(DecisionStatus, default=DecisionStatus.draft)
    # Bumped by every edit of the draft, so adoption acts on the text people read.
    version: int = 1
    # Section number -> {"ru": title, "en": title, "preamble_ru": ..., "preamble_en": ...}.
    headings: dict[str, Any] = json_field()
    closing_ru: str = Field(default="", max_length=500)
    closing_en: str = Field(default="", max_length=500)
    adopted_at: datetime | None = timestamp_field(nullable=True)
    adopted_by_id: int | None = Field(default=None, foreign_key="users.id")
    signed_at: datetime | None = timestamp_field(nullable=True)
    signed_by_id: int | None = Field(default=None, foreign_key="people.id")
    created_at: datetime = timestamp_field()
    updated_at: datetime = timestamp_field()
    sources: list[str] = json_field(list)

    def __repr__(self) -> str:
        return f"<Decision session={self.session_id} {self.status}>"


# One numbered item ("1.3") with its text in both languages and what it acts on.
class DecisionItem(SQLModel, table=True):
    __tablename__ = "decision_items"

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decisions.id", index=True)
    section: int
    number: int
    kind: ItemKind = enum_field(ItemKind, default=ItemKind.plain)
    text_ru: str = _long_text()
    text_en: str = _long_text()
    # Once the secretariat edits the wording, it is no longer regenerated from subjects.
    text_edited: bool = False
    # Bound subjects, in the item's order: {"workflow", "subject_id", "transitions": [...],
    # "version" (seen when drafted), "left_out": bool, "reason": str | None}.
    subjects: list[dict[str, Any]] = json_field(list)
    # What the subjects share: {"position_id", "reason"} for releases and elections.
    params: dict[str, Any] = json_field()
    executor_ru: str | None = Field(default=None, max_length=300)
    executor_en: str | None = Field(default=None, max_length=300)
    # The roles that report the execution ("secretariat", "audit").
    executor_roles: list[str] = json_field(list)
    deadline: date | None = None
    deadline_precision: DeadlinePrecision = enum_field(
        DeadlinePrecision, default=DeadlinePrecision.day)
    # After adoption: what each bound subject went through (workflow, id, from, to, history).
    outcome: list[dict[str, Any]] = json_field(list)

    @property
    def label(self) -> str:
        """«1.3»."""
        return f"{self.section}.{self.number}"

    def active_subjects(self) -> list[dict[str, Any]]:
        """The subjects the item acts on (those not left out)."""
        return [s for s in self.subjects if not s.get("left_out")]

    def __repr__(self) -> str:
        return f"<DecisionItem {self.label} {self.kind}>"


# The control of one item's execution: assigned → reported → accepted or returned.
class ExecutionTask(StatefulMixin, table=True):
    __tablename__ = "execution_tasks"
    __table_args__ = (waiting_index("execution_tasks"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int | None = Field(default=None, foreign_key="decision_items.id", index=True)
    # The decision item as a reference ("XXIX:2.1").
    decision_ref: str = Field(max_length=120, index=True)
    summary_ru: str = Field(max_length=500)
    summary_en: str = Field(max_length=500)
    executor_ru: str = Field(max_length=300)
    executor_en: str = Field(max_length=300)
    executor_roles: list[str] = json_field(list)
    # None when the decision sets no date (the Audit Commission's control in 1.3).
    due_on: date | None = Field(default=None, index=True)
    due_precision: DeadlinePrecision = enum_field(DeadlinePrecision, default=DeadlinePrecision.day)
    report: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: datetime = timestamp_field()
    sources: list[str] = json_field(list)

    def __repr__(self) -> str:
        return f"<ExecutionTask {self.decision_ref} {self.state}>"

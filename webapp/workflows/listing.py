"""The inbox's rows, prepared in Python (a Jinja call per cell cost more than the SQL)."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from models.formatting import format_day
from webapp.i18n import current_language
from webapp.workflows import subjects
from workflow.engine import Workflow
from workflow.inbox import Acted, Group


@dataclass(frozen=True)
class Row:
    url: str
    title: str
    state: str
    since: str
    iso: str
    workflow: str = ""


@lru_cache(maxsize=4096)
def _day(day: date, language: str) -> str:
    return format_day(day, language)


def _row(flow: Workflow, labels: dict[str, str], subject: Any, at: datetime, language: str,
         workflow: str = "") -> Row:
    return Row(
        url=subjects.subject_url(flow, subject),
        title=subjects.subject_title(flow, subject, language),
        state=labels.get(subject.state, subject.state),
        since=_day(at.date(), language), iso=at.isoformat(), workflow=workflow,
    )


def _labels(flow: Workflow) -> dict[str, str]:
    return {s.name: str(s.label) for s in flow.states}


def group_rows(group: Group) -> list[Row]:
    """One group's subjects: link, title, state and since when they wait."""
    language, labels = current_language(), _labels(group.workflow)
    return [_row(group.workflow, labels, s, s.state_changed_at, language) for s in group.items]


def acted_rows(acted: list[Acted]) -> list[Row]:
    """The subjects the reader acted on, with when they last did."""
    language = current_language()
    labels = {id(a.workflow): _labels(a.workflow) for a in acted}
    return [
        _row(a.workflow, labels[id(a.workflow)], a.subject, a.at, language, str(a.workflow.label))
        for a in acted
    ]

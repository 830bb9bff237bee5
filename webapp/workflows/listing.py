"""The inbox's rows, prepared in Python (a Jinja call per cell cost more than the SQL)."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, select

from models.formatting import format_day
from webapp.extensions import db
from webapp.i18n import current_language
from webapp.timezones import local_day
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
        since=_day(local_day(at), language), iso=at.isoformat(), workflow=workflow,
    )


def _labels(flow: Workflow) -> dict[str, str]:
    return {s.name: str(s.label) for s in flow.states}


@lru_cache(maxsize=64)
def _model_of(table: Table) -> Any:
    from sqlmodel import SQLModel

    for mapper in SQLModel._sa_registry.mappers:  # type: ignore[attr-defined]
        if mapper.local_table is table:
            return mapper.class_
    return None


def prefetch(subjects: list[Any]) -> None:
    """Load, one query per foreign key, the rows that titles look up one at a time.

    A title such as "Brest: dues account" calls ``session.get`` for its city; with the
    rows already in the session's identity map those calls cost no query. The
    identity map holds rows weakly, so they are kept in ``session.info`` for the
    rest of the request's session.
    """
    kept: list[Any] = db.session.info.setdefault("magflow_prefetched", [])
    for model in {type(subject) for subject in subjects}:
        mine = [subject for subject in subjects if type(subject) is model]
        for column in model.__table__.columns:
            for key in column.foreign_keys:
                target = _model_of(key.column.table)
                ids = {getattr(subject, column.key) for subject in mine} - {None}
                if target is not None and ids:
                    kept += db.session.execute(
                        select(target).where(key.column.in_(ids))).scalars().all()


def group_rows(group: Group) -> list[Row]:
    """One group's subjects: link, title, state and since when they wait."""
    language, labels = current_language(), _labels(group.workflow)
    prefetch(list(group.items))
    return [_row(group.workflow, labels, s, s.state_changed_at, language) for s in group.items]


def acted_rows(acted: list[Acted]) -> list[Row]:
    """The subjects the reader acted on, with when they last did."""
    language = current_language()
    labels = {id(a.workflow): _labels(a.workflow) for a in acted}
    prefetch([a.subject for a in acted])
    return [
        _row(a.workflow, labels[id(a.workflow)], a.subject, a.at, language, str(a.workflow.label))
        for a in acted
    ]

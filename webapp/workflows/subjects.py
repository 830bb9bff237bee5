"""Finding a workflow's subject for a request, or answering 404."""

from typing import Any

from flask import url_for
from flask_babel import gettext
from flask_login import current_user

from webapp.errors import refuse
from webapp.extensions import db
from workflow.engine import REGISTRY, Workflow, owner_allows


def workflow_named(name: str) -> Workflow:
    """A registered workflow, or 404."""
    found = REGISTRY.get(name)
    if found is None:
        raise refuse(404, gettext("There is no such workflow."))
    return found


def visible_subject(flow: Workflow, subject_id: int) -> Any:
    """The subject, or 404 when it does not exist or belongs to another city."""
    subject = db.session.get(flow.model, subject_id)
    if subject is None or not owner_allows(flow, subject, current_user):
        raise refuse(404, gettext("This item does not exist."))
    return subject


def subject_url(flow: Workflow, subject: Any) -> str:
    """The subject's own page, where the panel is shown."""
    if flow.subject_url is not None:
        return flow.subject_url(subject)
    return url_for("workflows.detail", name=flow.name)


def subject_title(flow: Workflow, subject: Any, language: str) -> str:
    if flow.subject_title is not None:
        return flow.subject_title(subject, language)
    return f"#{subject.id}"

"""Rendering outbox messages in their recipient's language, and sending them."""

from pathlib import Path
from typing import Any

from flask import Flask, current_app
from flask_babel import force_locale, gettext
from sqlalchemy.orm import object_session

import workflow.registry  # noqa: F401 - registers every workflow and its messages
from models.dues import Letter
from models.workflow import OutboxMessage
from workflow import letter_pdfs, outbox
from workflow.engine import REGISTRY, WorkflowError

# Parameters that name a state are shown as that state's label.
STATE_PARAMS = ("state", "to", "from", "to_state", "from_state")
DEFAULT_SENDER = "MAG <noreply@magflow.local>"


def _params(message: OutboxMessage, language: str) -> dict[str, Any]:
    params = dict(message.params or {})
    # "city_ru"/"city_en" give "city" in the recipient's language.
    for key, value in list(params.items()):
        base, _sep, suffix = key.rpartition("_")
        if base and suffix == language and base not in params:
            params[base] = value
    flow = REGISTRY.get(message.workflow or "")
    if flow is None:
        return params
    params.setdefault("workflow", str(flow.label))
    for key in STATE_PARAMS:
        if isinstance(params.get(key), str):
            try:
                params[key] = str(flow.state(params[key]).label)
            except WorkflowError:
                pass
    return params


def subject_link(message: OutboxMessage) -> str | None:
    """The address of the page of the subject the message is about, if it has one.

    Built on the configured ``BASE_URL`` (none when it is not set); the subject is
    read in the session the message was read in, so a removed subject gives no link.
    """
    base = current_app.config.get("BASE_URL")
    flow = REGISTRY.get(message.workflow or "")
    session = object_session(message)
    if not base or flow is None or flow.subject_url is None or message.subject_id is None \
            or session is None:
        return None
    subject = session.get(flow.model, message.subject_id)
    return f"{base}{flow.subject_url(subject)}" if subject is not None else None


def render(message: OutboxMessage) -> outbox.Letter:
    """The message in its recipient's language, with a link to its subject (needs an app
    context)."""
    template = outbox.MESSAGES.get(message.template)
    if template is None:
        raise KeyError(f"no message registered as {message.template!r}")
    language = message.locale if message.locale in ("ru", "en") else "ru"
    with force_locale(language):
        params = _params(message, language)
        body = str(template.body) % params
        link = subject_link(message)
        if link is not None:
            body += "\n\n" + gettext("Open it in magflow: %(url)s", url=link)
        return outbox.Letter(
            to=message.email,
            subject=str(template.subject) % params,
            body=body,
            language=language,
            attachments=_attachments(message, language),
        )


def _attachments(message: OutboxMessage, language: str) -> tuple[outbox.Attachment, ...]:
    """A ladder letter's message carries the letter's PDF in the recipient's language."""
    letter_id = (message.params or {}).get("letter_id")
    if letter_id is None:
        return ()
    session = object_session(message)
    letter = session.get(Letter, letter_id) if session is not None else None
    if letter is None:
        raise LookupError(f"message {message.id} names letter {letter_id}, which is not kept")
    data = letter_pdfs.pdf_bytes(session, letter, language,  # type: ignore[arg-type]
                                 Path(current_app.config["DOCUMENT_DIR"]))
    return (outbox.Attachment(letter_pdfs.filename(session, letter, language), data),)  # type: ignore[arg-type]


def send_outbox(app: Flask, session: Any, *, limit: int = 100) -> outbox.Report:
    """Deliver the due messages with the app's configured transport."""
    config = app.config
    transport = outbox.transport_for(
        config.get("SMTP_URL"), config["OUTBOX_DIR"],
        sender=config.get("MAIL_FROM") or DEFAULT_SENDER,
    )
    with app.app_context():
        return outbox.deliver(session, transport=transport, render=render, limit=limit)

"""What the sessions pages call statuses and kinds, translated lazily."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from models.decisions import DecisionStatus, ItemKind
from models.formatting import format_month
from models.sessions import SessionStatus
from workflow.wording import session_ordinal, signature_name

SESSION_STATUSES = {
    SessionStatus.planned: _l("Planned"),
    SessionStatus.agenda_prepared: _l("Agenda prepared"),
    SessionStatus.held: _l("Held"),
    SessionStatus.decision_signed: _l("Decision signed"),
}
DECISION_STATUSES = {
    DecisionStatus.draft: _l("Draft"),
    DecisionStatus.adopted: _l("Adopted, awaiting signature"),
    DecisionStatus.signed: _l("Signed"),
}
ITEM_KINDS = {
    ItemKind.plain: _l("text"),
    ItemKind.continue_admission: _l("applicants: organisational work continues"),
    ItemKind.admissions: _l("admissions"),
    ItemKind.rejections: _l("applications refused"),
    ItemKind.warnings: _l("warnings on arrears"),
    ItemKind.board_proposals: _l("exclusions proposed by the Board"),
    ItemKind.releases: _l("releases from office"),
    ItemKind.elections: _l("elections"),
}


def month_label(day: date) -> str:
    """«июль 2023 г.» / "July 2023" in the reader's language."""
    from webapp.i18n import current_language

    return format_month(day.year, day.month, current_language())


def document_date(day: date, language: str) -> str:
    """The date as a decision prints it: «25 мая 2023 года» / "25 May 2023"."""
    from models.formatting import format_day

    text = format_day(day, language)
    if language == "ru":
        text = text.replace("\u202fг.", " года").replace(" г.", " года")
    return text


def template_globals() -> dict[str, Any]:
    """The names the sessions templates use."""
    return {
        "month_label": month_label, "document_date": document_date,
        "SESSION_STATUSES": SESSION_STATUSES, "DECISION_STATUSES": DECISION_STATUSES,
        "ITEM_KINDS": ITEM_KINDS, "session_ordinal": session_ordinal,
        "signature_name": signature_name,
    }

"""magflow's tables: plain data, no Flask.

Every table module is imported here so that ``SQLModel.metadata`` knows the
whole schema (Alembic and the tests rely on that).
"""

from models.admission import Application, ApplicationDocument, Membership
from models.base import utcnow
from models.cities import City, CityStatus
from models.decisions import Decision, DecisionItem, DecisionStatus, ExecutionTask, ItemKind
from models.dues import Account, Charge, FeeSchedule, Letter, Payment, PaymentPlan
from models.events import CalendarRevision, DatePrecision, Event, EventKind, EventState
from models.minutes import BoardMinute
from models.officers import AdoptedDocument, Appointment, ReleaseReason
from models.pdfs import PdfFile
from models.people import Body, Person, Position
from models.sessions import AssemblySession, DecisionRef, SessionStatus
from models.users import AccountChange, FailedAttempt, Invitation, PasswordReset, Role, User
from models.workflow import HistoryEntry, OutboxMessage, StatefulMixin, Vote

__all__ = [
    "AccountChange",
    "PasswordReset",
    "AdoptedDocument",
    "Appointment",
    "ReleaseReason",
    "Application",
    "ApplicationDocument",
    "Membership",
    "Account",
    "AssemblySession",
    "BoardMinute",
    "Charge",
    "FeeSchedule",
    "Letter",
    "Payment",
    "PaymentPlan",
    "DecisionRef",
    "Decision",
    "DecisionItem",
    "DecisionStatus",
    "ExecutionTask",
    "ItemKind",
    "SessionStatus",
    "Body",
    "CalendarRevision",
    "City",
    "CityStatus",
    "DatePrecision",
    "Event",
    "EventKind",
    "EventState",
    "FailedAttempt",
    "HistoryEntry",
    "Invitation",
    "OutboxMessage",
    "PdfFile",
    "Person",
    "Position",
    "Role",
    "StatefulMixin",
    "User",
    "Vote",
    "utcnow",
]

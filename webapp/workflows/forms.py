"""The panel's forms, built from what each transition asks for.

Each form carries the subject's ``version`` (the engine refuses a stale one)
and a prefix naming its action, so several forms share one page without
clashing ids and a route rebuilds exactly the form that was posted.
"""

from functools import lru_cache

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, Optional
from wtforms.widgets import HiddenInput

from webapp.fields import WholeNumberField


def _required(message: object) -> InputRequired:
    return InputRequired(message=message)  # type: ignore[arg-type]


# What each input is called on the workflows' pages.
ASKED_LABELS = {
    "comment": _l("Comment"),
    "decision": _l("Decision reference"),
    "reason": _l("Reason"),
}

# The inputs a transition may ask for: Transition(asks=["comment", ...]).
ASKED_FIELDS = {
    "comment": lambda: TextAreaField(
        _l("Comment"), validators=[_required(_l("A comment is required.")), Length(max=4000)]
    ),
    "decision": lambda: StringField(
        _l("Decision reference"),
        description=_l("For example: XXIX session, item 1.3"),
        validators=[_required(_l("The decision reference is required.")), Length(max=120)],
    ),
    "reason": lambda: TextAreaField(
        _l("Reason"), validators=[_required(_l("A reason is required.")), Length(max=4000)]
    ),
}


class VersionedForm(FlaskForm):
    """Any panel form: the subject's version when the page was shown."""

    version = WholeNumberField(widget=HiddenInput(), validators=[_required(_l("Reload the page."))])


@lru_cache(maxsize=256)
def fire_form_class(asks: tuple[str, ...]) -> type[VersionedForm]:
    """A form class with exactly the asked inputs, each required."""
    fields = {name: ASKED_FIELDS[name]() for name in asks}
    return type("FireForm", (VersionedForm,), fields)


def fire_form(transition: str, asks: tuple[str, ...], **kwargs: object) -> VersionedForm:
    return fire_form_class(asks)(prefix=f"fire-{transition}", **kwargs)


class VoteForm(VersionedForm):
    """Approve, or object with a comment (the engine insists on it)."""

    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=4000)])
    choice = StringField(validators=[AnyOf(["approve", "object"])])


def vote_form(transition: str, **kwargs: object) -> VoteForm:
    return VoteForm(prefix=f"vote-{transition}", **kwargs)


class WithdrawForm(VersionedForm):
    """Take back one's vote."""


def withdraw_form(transition: str, **kwargs: object) -> WithdrawForm:
    return WithdrawForm(prefix=f"withdraw-{transition}", **kwargs)


class CommentForm(FlaskForm):
    """A comment without a state change."""

    text = TextAreaField(
        _l("Comment"), validators=[_required(_l("A comment is required.")), Length(max=4000)]
    )


def comment_form(**kwargs: object) -> CommentForm:
    return CommentForm(prefix="comment", **kwargs)

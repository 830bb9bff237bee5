"""URL rules of the dues pages; each view loads, validates, calls one operation, redirects."""

import io
from collections.abc import Iterator
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from models import City
from models.database import new_session
from models.dues import Account, Charge, Letter
from webapp import csv_safety, documents
from webapp.access import OFFICE, SECRETARIAT, roles_required
from webapp.dues import pages
from webapp.dues.access import require_reader
from webapp.dues.forms import AmountForm, FeeScheduleForm, PaymentForm, PlanForm
from webapp.extensions import db
from webapp.i18n import current_language
from workflow import arrears, dues_reports, ledger, letter_pdfs, payments
from workflow.engine import WorkflowError

bp = Blueprint("dues", __name__, url_prefix="/dues")
DASHBOARD = (*SECRETARIAT, *(r for r in OFFICE if r.value == "audit"))


@bp.record
def _configure_delays(state: Any) -> None:
    """The ladder's delays come from the settings of each app built (the web app, the CLI)."""
    config = state.app.config
    arrears.configure(reminder_days=config.get("ARREARS_REMINDER_DAYS"),
                      instalment_grace_days=config.get("ARREARS_INSTALMENT_GRACE_DAYS"))


def _account(account_id: int) -> Account:
    account = db.session.get(Account, account_id)
    if account is None:
        abort(404)
    return account


def _status() -> int:
    """A form shown again after a POST was refused (a saved one redirects): 400."""
    return 400 if request.method == "POST" else 200


def _refused(form: FlaskForm, error: WorkflowError) -> None:
    """Show the operation's refusal next to its field, or as a message."""
    message = pages.refusal_message(error)
    name = error.params.get("field")
    if name and name in form._fields:
        form._fields[name].errors = [*form._fields[name].errors, message]
    else:
        flash(message, "error")


@bp.route("/")
@roles_required(*DASHBOARD)
def dashboard() -> str:
    currency = pages.chosen_currency(request.args)
    return render_template("dues/dashboard.html", **pages.dashboard(db.session, currency))


@bp.route("/fees", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def fees() -> Any:
    form = FeeScheduleForm()
    if form.validate_on_submit():
        try:
            ledger.set_fee_schedule(
                db.session, year=form.year.data, entrance=form.entrance.data,
                annual=form.annual.data, currency=form.currency.data, actor=current_user,
                annual_due_on=form.annual_due_on.data, decision=form.decision.data or None,
                note=form.note.data or None,
            )
        except WorkflowError as error:
            db.session.rollback()
            _refused(form, error)
        else:
            flash(gettext("The fees of %(year)s are saved.", year=form.year.data), "info")
            return redirect(url_for("dues.fees"))
    return render_template("dues/fees.html", form=form,
                           schedules=pages.schedules(db.session)), _status()


@bp.route("/accounts/<int:account_id>")
@login_required
def account(account_id: int) -> str:
    subject = _account(account_id)
    require_reader(subject)
    return _account_page(subject)


def _account_page(subject: Account, refused: tuple[int | None, AmountForm] | None = None) -> str:
    """The ledger; ``refused`` is a charge whose amount was refused, with the form as typed."""
    return render_template("dues/account.html", **pages.account_page(db.session, subject),
                           workflow=arrears.ARREARS, amount_form=AmountForm(formdata=None),
                           refused_amount=refused)


@bp.route("/accounts/<int:account_id>/payment", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def record_payment(account_id: int) -> Any:
    subject = _account(account_id)
    form = PaymentForm()
    contributions = pages.contributions_in_force(db.session)
    form.contribution.choices = pages.contribution_choices(contributions)
    if form.validate_on_submit():
        try:
            payments.record_payment(
                db.session, account=subject, amount=form.amount.data,
                currency=form.currency.data, paid_on=form.paid_on.data,
                bank_reference=form.bank_reference.data, actor=current_user,
                rate=form.rate.data, converted_currency=form.converted_currency.data,
                note=form.note.data or None,
                contribution=contributions.get(form.contribution.data or ""),
            )
        except WorkflowError as error:
            db.session.rollback()
            _refused(form, error)
        else:
            flash(gettext("The payment is recorded."), "info")
            return redirect(url_for("dues.account", account_id=subject.id))
    return render_template("dues/payment.html", form=form, account=subject,
                           city=db.session.get(City, subject.city_id)), _status()


@bp.route("/accounts/<int:account_id>/plan", methods=["GET", "POST"])
@roles_required(*SECRETARIAT)
def payment_plan(account_id: int) -> Any:
    subject = _account(account_id)
    form = PlanForm()
    if form.validate_on_submit():
        try:
            payments.agree_payment_plan(
                db.session, account=subject, currency=form.currency.data,
                instalments=form.parsed, actor=current_user, comment=form.comment.data or None,
                decision=form.decision.data or None,
            )
        except WorkflowError as error:
            db.session.rollback()
            _refused(form, error)
        else:
            flash(gettext("The payment plan is agreed; the ladder is paused."), "info")
            return redirect(url_for("dues.account", account_id=subject.id))
    return render_template("dues/plan.html", form=form, account=subject,
                           city=db.session.get(City, subject.city_id)), _status()


@bp.route("/charges/<int:charge_id>/amount", methods=["POST"])
@roles_required(*SECRETARIAT)
def charge_amount(charge_id: int) -> Any:
    """Enter a debt's amount; a refused one comes back at its charge, as typed (400)."""
    charge = db.session.get(Charge, charge_id) or abort(404)
    form = AmountForm()
    if form.validate_on_submit():
        try:
            ledger.enter_charge_amount(db.session, charge=charge, amount=form.amount.data,
                                       currency=form.currency.data, actor=current_user)
        except WorkflowError as error:
            db.session.rollback()
            _refused(form, error)
        else:
            flash(gettext("The amount of the debt is entered."), "info")
            return redirect(url_for("dues.account", account_id=charge.account_id))
    return _account_page(_account(charge.account_id), (charge.id, form)), 400


def _letter(letter_id: int, lang: str) -> Letter:
    """The letter, if it exists in that language and the reader may see its account."""
    found = db.session.get(Letter, letter_id)
    if found is None or lang not in ("ru", "en"):
        abort(404)
    require_reader(_account(found.account_id))
    return found


@bp.route("/letters/<int:letter_id>/<lang>")
@login_required
def letter(letter_id: int, lang: str) -> str:
    found = _letter(letter_id, lang)
    return render_template("dues/letter.html", letter=found, lang=lang,
                           sheet=letter_pdfs.sheet(found.body(lang), lang),
                           city=db.session.get(City, _account(found.account_id).city_id))


@bp.route("/letters/<int:letter_id>/<lang>.pdf")
@login_required
def letter_pdf(letter_id: int, lang: str) -> Response:
    """The letter's PDF as it was made when the letter was written."""
    found = _letter(letter_id, lang)
    data = documents.pdf_bytes(lambda root: letter_pdfs.pdf_bytes(db.session, found, lang, root))
    return documents.download(data, letter_pdfs.filename(db.session, found, lang))


@bp.route("/debtors")
@roles_required(*OFFICE)
def debtors() -> str:
    chosen = pages.debtor_filter(request.args, today=date.today())
    report = dues_reports.debtors(db.session, chosen)
    return render_template("dues/debtors.html", report=report, chosen=chosen,
                           states=arrears.STATES, currencies=pages.CURRENCIES)


@bp.route("/contributions")
@roles_required(*OFFICE)
def contributions() -> str:
    """Targeted contributions (item 2.6) and the initiatives a session supported (item 2.5)."""
    return render_template("dues/contributions.html", **pages.contributions_page(db.session))


@bp.route("/debtors.csv")
@roles_required(*OFFICE)
def debtors_csv() -> Response:
    chosen = pages.debtor_filter(request.args, today=date.today())
    language = current_language()
    header = pages.csv_header()
    # The export outlives the request's session: it reads through one of its own.
    session = new_session(db.engine)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv_safety.writer(buffer)
        writer.writerow(header)
        try:
            for row in dues_reports.all_debtors(session, chosen):
                writer.writerow(pages.csv_row(row, language))
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
            yield buffer.getvalue()
        finally:
            session.close()

    current_app.logger.info("debtors export as of %s", chosen.as_of)
    return Response(stream_with_context(lines()), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=debtors.csv"})


bp.add_app_template_global(pages.money, "dues_money")
bp.add_app_template_global(pages.month, "dues_month")
bp.add_app_template_global(
    {"state": pages.STATE_LABELS, "kind": pages.KIND_LABELS, "plan": pages.PLAN_LABELS,  # type: ignore[arg-type]
     "letter": pages.LETTER_LABELS},
    "dues_labels",
)


@bp.route("/mine")
@login_required
def mine() -> str:
    """A city's own users see their city's account (or that it has none yet)."""
    found = db.session.get(City, current_user.city_id) if current_user.city_id else None
    subject = ledger.account_for(db.session, found) if found else None
    if subject is None:
        return render_template("dues/no_account.html", city=found)
    return _account_page(subject)

"""The arrears ladder: timers, recorded decisions, payment in full, payment plans."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from models import City, CityStatus, Role
from models.admission import Membership
from models.dues import Letter, LetterKind, PlanStatus
from tests.workflow.dues_factories import *  # noqa: F403 - fixtures
from workflow import arrears, engine, ledger, payments
from workflow.arrears import ARREARS
from workflow.engine import NotAllowed, Refusal
from workflow.sweep import plan, sweep


@pytest.fixture
def account(db, schedules, make_city):
    """Tver, admitted on 1 June 2023: 5 000 EUR due on 1 July 2023."""
    city = make_city("tver")
    ledger.charge_admission(db, city=city, on=date(2023, 6, 1), decision="XXIX:1.1")
    return ledger.account_for(db, city)


@pytest.fixture
def people(make_user):
    return {role: make_user(role) for role in (Role.secretariat, Role.audit, Role.board)}


def _sweep(db, day):
    return {s.transition: s.subject_ids for s in sweep(db, as_of=day, workflows=["arrears"])
            if s.subject_ids}


def _pay(db, account, amount, ref, day, actor, currency="EUR"):
    return payments.record_payment(db, account=account, amount=amount, currency=currency,
                                   paid_on=day, bank_reference=ref, actor=actor,
                                   today=date(2025, 12, 31))


def _climb(db, account, people):
    """From good standing to suspended, as the bodies decide."""
    secretary = people[Role.secretariat]
    assert _sweep(db, date(2023, 7, 2)) == {"become_overdue": (account.id,)}
    assert _sweep(db, date(2023, 8, 15)) == {"remind": (account.id,)}
    db.refresh(account)
    engine.fire(db, ARREARS, account, "warn", actor=secretary, decision="XXIX:1.3")
    engine.fire(db, ARREARS, account, "put_under_audit", actor=secretary, decision="XXIX:1.3")
    engine.fire(db, ARREARS, account, "propose_to_board", actor=people[Role.audit],
                comment="Suspend until paid.")
    engine.fire(db, ARREARS, account, "suspend", actor=secretary, decision="board:2024-02-01:7")


def test_account_walks_up_the_whole_ladder_and_back_by_payment(db, account, people):
    _climb(db, account, people)
    assert account.state == "suspended"
    path = [(e.transition, e.to_state) for e in engine.history(db, ARREARS, account.id)]
    assert [t for t, _ in path] == ["become_overdue", "remind", "warn", "put_under_audit",
                                    "propose_to_board", "suspend"]
    _pay(db, account, "1000", "PP-1", date(2024, 2, 10), people[Role.secretariat])
    assert account.state == "suspended"  # partial payments are normal; still in arrears
    _pay(db, account, "4000", "PP-2", date(2024, 2, 20), people[Role.secretariat])
    assert account.state == "good_standing"
    last = engine.history(db, ARREARS, account.id)[-1]
    assert (last.transition, last.payload["bank_reference"]) == ("settle", "PP-2")


def test_ladder_crosses_a_year_boundary_with_the_next_annual_fee(db, account, people):
    _pay(db, account, "5000", "PP-0", date(2023, 6, 20), people[Role.secretariat])
    assert _sweep(db, date(2023, 12, 31)) == {}
    assert ledger.charge_annual_fees(db, year=2024) == 1
    assert _sweep(db, date(2024, 3, 31)) == {}  # due that day, not yet overdue
    assert _sweep(db, date(2024, 4, 1)) == {"become_overdue": (account.id,)}
    assert _sweep(db, date(2024, 5, 1)) == {"remind": (account.id,)}
    assert _sweep(db, date(2024, 5, 1)) == {}  # twice changes nothing twice
    letter = db.exec(select(Letter)).one()
    assert letter.kind == LetterKind.reminder and "2024" in letter.body_ru
    assert "€4,000" in letter.body_en and "4000" in letter.facts["totals"]["EUR"]


def test_reminder_delay_is_a_setting(db, account):
    arrears.configure(reminder_days=10)
    try:
        _sweep(db, date(2023, 7, 2))
        assert _sweep(db, date(2023, 7, 12)) == {"remind": (account.id,)}
    finally:
        arrears.configure(reminder_days=30)


def test_warning_letter_cites_the_decision_in_both_languages(db, account, people):
    _sweep(db, date(2023, 7, 2))
    db.refresh(account)
    entry = engine.fire(db, ARREARS, account, "warn", actor=people[Role.secretariat],
                        decision="XXIX:1.3")
    letter = db.exec(select(Letter).where(Letter.history_id == entry.id)).one()
    assert letter.decision_ref == "XXIX:1.3"
    assert "Предупреждение" in letter.body_ru and "1.3" in letter.body_ru
    assert "Warning" in letter.body_en and "XXIX" in letter.body_en
    assert "Tverа" in letter.body_ru  # the genitive form of the city


@pytest.mark.parametrize(("state", "name", "role", "decision", "code"), [
    ("reminded", "warn", Role.secretariat, "board:2024-01-01:1", "condition"),
    ("reminded", "warn", Role.secretariat, "XL:1.1", "unknown_session"),
    ("reminded", "warn", Role.secretariat, None, "missing_decision"),
    ("board_proposal", "suspend", Role.secretariat, "XXIX:1.3", "condition"),
    ("suspended", "exclude", Role.secretariat, "board:2024-01-01:1", "condition"),
])
def test_escalation_without_the_right_decision_is_refused(
    db, account, people, state, name, role, decision, code
):
    account.state = state
    db.add(account)
    db.commit()
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ARREARS, account, name, actor=people[role], decision=decision)
    assert refused.value.code == code
    db.refresh(account)
    assert account.state == state


@pytest.mark.parametrize(("state", "name", "role"), [
    ("reminded", "warn", Role.audit),
    ("reminded", "warn", Role.board),
    ("audit_control", "propose_to_board", Role.secretariat),
    ("board_proposal", "suspend", Role.audit),
])
def test_only_the_named_body_moves_the_ladder(db, account, people, state, name, role):
    account.state = state
    db.add(account)
    db.commit()
    with pytest.raises(NotAllowed):
        engine.fire(db, ARREARS, account, name, actor=people[role], decision="XXIX:1.3",
                    comment="c")


def test_member_city_cannot_move_its_own_ladder(db, account, make_user):
    city = db.get(City, account.city_id)
    member = make_user(Role.member, city=city)
    assert engine.actions_for(ARREARS, account, member) == []


def test_exclusion_is_final_marks_the_city_and_ends_its_membership_on_the_sessions_day(
    db, account, people
):
    db.add(Membership(city_id=account.city_id, started_on=date(2023, 6, 1),
                      decision_ref="XXIX:1.1"))
    db.commit()
    _climb(db, account, people)
    engine.fire(db, ARREARS, account, "exclude", actor=people[Role.secretariat],
                decision="XXX:4.1")
    assert db.get(City, account.city_id).status == CityStatus.excluded
    assert ARREARS.triggers("excluded") == []
    ended = db.exec(select(Membership.ended_on).where(Membership.city_id == account.city_id))
    assert ended.all() == [date(2024, 5, 20)]  # session XXX was held on 20 May 2024


def test_a_refused_exclusion_leaves_the_membership_open(db, account, people):
    db.add(Membership(city_id=account.city_id, started_on=date(2023, 6, 1),
                      decision_ref="XXIX:1.1"))
    db.commit()
    _climb(db, account, people)
    with pytest.raises(Refusal):
        engine.fire(db, ARREARS, account, "exclude", actor=people[Role.secretariat],
                    decision="XLI:4.1")  # no such session
    assert account.state == "suspended"
    assert db.get(City, account.city_id).status != CityStatus.excluded
    ended = db.exec(select(Membership.ended_on).where(Membership.city_id == account.city_id))
    assert ended.all() == [None]


def test_payment_plan_pauses_the_ladder_and_a_missed_instalment_resumes_it(db, account, people):
    secretary = people[Role.secretariat]
    _sweep(db, date(2023, 7, 2))
    db.refresh(account)
    payments.agree_payment_plan(
        db, account=account, currency="EUR", actor=secretary, comment="Two halves",
        instalments=[(date(2023, 9, 30), "2500"), (date(2023, 12, 31), "2500")],
        today=date(2023, 7, 10))
    assert account.paused
    assert _sweep(db, date(2023, 9, 1)) == {}  # no reminder while paused
    with pytest.raises(Refusal):
        engine.fire(db, ARREARS, account, "warn", actor=secretary, decision="XXIX:1.3")
    _pay(db, account, "2500", "PP-A", date(2023, 9, 20), secretary)
    assert _sweep(db, date(2023, 10, 5)) == {}  # first instalment met
    assert _sweep(db, date(2024, 1, 2)) == {"resume_overdue": (account.id,)}
    db.refresh(account)
    assert not account.paused and account.state == "overdue"
    assert payments.plans_of(db, account)[0].status == PlanStatus.broken
    assert _sweep(db, date(2024, 2, 2)) == {"remind": (account.id,)}


def test_plan_paid_through_completes_and_returns_to_good_standing(db, account, people):
    secretary = people[Role.secretariat]
    _sweep(db, date(2023, 7, 2))
    db.refresh(account)
    payments.agree_payment_plan(db, account=account, currency="EUR", actor=secretary,
                                instalments=[(date(2023, 9, 30), "5000")], today=date(2023, 7, 10))
    _pay(db, account, "5000", "PP-B", date(2023, 9, 1), secretary)
    assert account.state == "good_standing" and not account.paused
    assert payments.plans_of(db, account)[0].status == PlanStatus.completed


def test_dry_run_plans_without_changing(db, account):
    planned = plan(db, as_of=date(2023, 7, 2), workflows=["arrears"])
    assert [s.subject_ids for s in planned if s.transition == "become_overdue"] == [(account.id,)]
    db.refresh(account)
    assert account.state == "good_standing"


def test_unknown_debt_keeps_the_account_in_arrears_until_its_amount_is_paid(
    db, schedules, make_city, people
):
    account = ledger.open_account(db, city=make_city("osh"), on=date(2023, 5, 25))
    charge = ledger.post_unknown_debt(db, account=account, year=2023, due_on=date(2023, 5, 25),
                                      decision="XXIX:1.3", note="seed")
    assert _sweep(db, date(2023, 6, 1)) == {"become_overdue": (account.id,)}
    with pytest.raises(Refusal) as refused:
        _pay(db, account, "100", "PP-U", date(2023, 6, 2), people[Role.secretariat])
    assert refused.value.code == "no_open_charge"
    ledger.enter_charge_amount(db, charge=charge, amount="3000", currency="EUR",
                               actor=people[Role.secretariat])
    db.refresh(account)
    _pay(db, account, "3000", "PP-U", date(2023, 6, 2), people[Role.secretariat])
    assert account.state == "good_standing" and account.unknown_debts == 0
    assert ledger.account_for(db, db.get(City, account.city_id)).oldest_open_due_on is None
    assert Decimal(charge.paid) == Decimal("3000.00")


def test_payment_recorded_without_an_office_actor_also_settles(db, account, people):
    _sweep(db, date(2023, 7, 2))
    _pay(db, account, "5000", "PP-S", date(2023, 7, 3), None)  # recorded by no one in office
    db.refresh(account)
    assert account.state == "good_standing"
    assert _sweep(db, date(2023, 7, 4)) == {}


def test_ladder_letters_are_mailed_to_the_citys_users_in_their_language(
        db, app, account, people, make_user):
    from models.workflow import OutboxMessage
    from webapp.workflows.letters import render

    city = db.get(City, account.city_id)
    mayor = make_user(Role.member, city=city, locale="ru", email="mayor@tver.example")
    deputy = make_user(Role.member, city=city, locale="en", email="deputy@tver.example")
    gone = make_user(Role.member, city=city, email="gone@tver.example")
    gone.active = False
    db.add(gone)
    db.commit()
    _sweep(db, date(2023, 7, 2))
    _sweep(db, date(2023, 8, 15))
    db.refresh(account)
    engine.fire(db, ARREARS, account, "warn", actor=people[Role.secretariat],
                decision="XXIX:1.3")

    sent = db.exec(select(OutboxMessage).where(OutboxMessage.template == "dues.letter")
                   .order_by(OutboxMessage.id)).all()
    assert [m.email for m in sent] == [mayor.email, deputy.email] * 2
    with app.app_context():
        reminder_ru, reminder_en, warning_ru, _ = (render(m) for m in sent)
    assert reminder_ru.subject == "Напоминание об уплате членских взносов в МАГ: Tver"
    lines = reminder_ru.body.replace("\xa0", " ").replace("\u202f", " ").split("\n\n")
    assert "вступительный взнос — 2023 — 1 июля 2023 г. — 1 000 €" in lines
    assert "Итого к погашению: 5 000 €." in lines
    assert "<p>" not in reminder_ru.body and "Секретариат МАГ" in reminder_ru.body
    assert reminder_en.subject.endswith(": Tver") and "€5,000" in reminder_en.body
    assert "1.3" in warning_ru.body
    # Each links to the city's account on the site (the development address in tests).
    assert reminder_ru.body.endswith(
        f"Открыть в magflow: http://127.0.0.1:5000/dues/accounts/{account.id}")


def _overdue_with_next_fee_open(db, account):
    """Overdue since July 2023, with the 2024 annual fee (due 31 March 2024) charged."""
    assert _sweep(db, date(2023, 7, 2)) == {"become_overdue": (account.id,)}
    assert ledger.charge_annual_fees(db, year=2024) == 1
    db.refresh(account)


def _pay_arrears(db, account, day, actor=None):
    return payments.record_payment(db, account=account, amount="5000", currency="EUR",
                                   paid_on=day, bank_reference="PP-ARR", actor=actor, today=day)


def test_paying_the_arrears_settles_while_a_fee_not_yet_due_is_open(db, account):
    _overdue_with_next_fee_open(db, account)
    _pay_arrears(db, account, date(2024, 2, 1))
    assert account.state == "good_standing"
    assert account.oldest_open_due_on == date(2024, 3, 31)
    assert _sweep(db, date(2024, 2, 2)) == {}
    assert db.exec(select(Letter)).all() == []
    assert _sweep(db, date(2024, 4, 1)) == {"become_overdue": (account.id,)}


@pytest.mark.parametrize("state", arrears.IN_ARREARS)
def test_paying_the_arrears_returns_every_step_to_good_standing(db, account, state):
    _overdue_with_next_fee_open(db, account)
    account.state = state
    db.add(account)
    db.commit()
    _pay_arrears(db, account, date(2024, 2, 1))
    assert account.state == "good_standing"
    last = engine.history(db, ARREARS, account.id)[-1]
    assert (last.transition, last.from_state) == ("settle", state)


def test_arrears_paid_after_the_next_fee_fell_due_leave_the_account_in_arrears(db, account):
    _overdue_with_next_fee_open(db, account)
    payments.record_payment(db, account=account, amount="5000", currency="EUR",
                            paid_on=date(2024, 2, 1), bank_reference="PP-LATE", actor=None,
                            today=date(2024, 4, 5))
    assert account.state == "overdue"  # as of the day it is recorded, 2024's fee is past due


def test_sweep_settles_instead_of_reminding_an_account_with_nothing_past_due(db, account):
    _overdue_with_next_fee_open(db, account)
    _pay_arrears(db, account, date(2024, 2, 1))
    account.state = "overdue"  # as if the payment had been recorded before the fix
    db.add(account)
    db.commit()
    planned = {s.transition: s.subject_ids for s in plan(db, as_of=date(2024, 2, 2),
                                                         workflows=["arrears"])}
    assert planned["remind"] == () and planned["settle"] == (account.id,)
    assert _sweep(db, date(2024, 2, 2)) == {"settle": (account.id,)}
    assert db.exec(select(Letter)).all() == []


def test_settling_by_hand_needs_the_arrears_paid(db, account, people):
    _overdue_with_next_fee_open(db, account)
    secretary = people[Role.secretariat]
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ARREARS, account, "settle", actor=secretary,
                    payload={"as_of": "2024-02-01"})
    assert refused.value.code == "condition"
    _pay_arrears(db, account, date(2024, 2, 1))
    account.state = "reminded"
    db.add(account)
    db.commit()
    engine.fire(db, ARREARS, account, "settle", actor=secretary,
                payload={"as_of": "2024-02-01"})
    assert account.state == "good_standing"


def test_unknown_debt_past_due_keeps_the_account_in_arrears_at_the_sweep(
    db, schedules, make_city
):
    account = ledger.open_account(db, city=make_city("osh"), on=date(2023, 5, 25))
    ledger.post_unknown_debt(db, account=account, year=2023, due_on=date(2023, 5, 25),
                             decision="XXIX:1.3", note="seed")
    ledger.charge_annual_fees(db, year=2024)
    assert _sweep(db, date(2023, 6, 1)) == {"become_overdue": (account.id,)}
    assert "settle" not in _sweep(db, date(2024, 2, 2))
    db.refresh(account)
    assert account.state == "reminded"


# ---------------------------------------------------------------- settings ----


@pytest.fixture
def delays():
    """The ladder's delays are process-wide: put them back after the test."""
    saved = (arrears.DELAYS.reminder_days, arrears.DELAYS.instalment_grace_days)
    yield arrears.DELAYS
    arrears.configure(reminder_days=saved[0], instalment_grace_days=saved[1])


def _app(engine, database_url, tmp_path, **config):
    from webapp import create_app

    return create_app({"TESTING": True, "DATABASE_URL": database_url, "ENGINE": engine,
                       "UPLOAD_DIR": str(tmp_path / "uploads"),
                       "OUTBOX_DIR": str(tmp_path / "outbox"), **config})


def test_each_apps_config_reaches_the_ladder(engine, database_url, tmp_path, delays):
    _app(engine, database_url, tmp_path, ARREARS_REMINDER_DAYS=10,
         ARREARS_INSTALMENT_GRACE_DAYS=5)
    assert (delays.reminder_days, delays.instalment_grace_days) == (10, 5)
    app = _app(engine, database_url, tmp_path)  # a second app in the process: its own settings
    assert (app.config["ARREARS_REMINDER_DAYS"], app.config["ARREARS_INSTALMENT_GRACE_DAYS"]) == (
        30, 0)
    assert (delays.reminder_days, delays.instalment_grace_days) == (30, 0)


def test_sweep_command_takes_the_delays_from_the_environment(
        db, account, database_url, tmp_path, monkeypatch, delays):
    from click.testing import CliRunner

    from webapp import cli

    built = []

    def create_app():  # the command builds its app from the environment, as in production
        built.append(real())
        return built[-1]

    real = cli.create_app
    monkeypatch.setattr(cli, "create_app", create_app)
    _sweep(db, date(2023, 7, 2))
    monkeypatch.setenv("MAGFLOW_INSTANCE_PATH", str(tmp_path))
    env = {"MAGFLOW_DATABASE_URL": database_url, "MAGFLOW_ARREARS_REMINDER_DAYS": "10",
           "MAGFLOW_ARREARS_INSTALMENT_GRACE_DAYS": "3"}
    result = CliRunner().invoke(cli.main, ["sweep", "--as-of", "2023-07-12", "--dry-run",
                                           "--workflow", "arrears"], env=env)
    for app in built:
        app.extensions["magflow.engine"].dispose()
    assert result.exit_code == 0, result.output
    assert f"arrears.remind (1): {account.id}" in result.output
    assert (delays.reminder_days, delays.instalment_grace_days) == (10, 3)


@pytest.mark.parametrize("name", ["ARREARS_REMINDER_DAYS", "ARREARS_INSTALMENT_GRACE_DAYS"])
@pytest.mark.parametrize("raw", ["soon", "1.5", "-1", "100000"])
def test_a_bad_ladder_delay_refuses_to_start(tmp_path, monkeypatch, name, raw):
    from webapp import create_app
    from webapp.config import ConfigurationError

    monkeypatch.setenv("MAGFLOW_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv(f"MAGFLOW_{name}", raw)
    with pytest.raises(ConfigurationError, match=f"MAGFLOW_{name}"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


@pytest.mark.parametrize("value", [-1, "7", True, 4000])
def test_a_bad_ladder_delay_in_the_config_refuses_to_start(tmp_path, value):
    from webapp import create_app
    from webapp.config import ConfigurationError

    with pytest.raises(ConfigurationError, match="MAGFLOW_ARREARS_REMINDER_DAYS"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "ARREARS_REMINDER_DAYS": value})


def test_a_board_minute_dated_after_the_recording_is_refused(db, account, people):
    from workflow.engine import Refusal

    account.state = "board_proposal"
    db.add(account)
    db.commit()
    version = account.version
    with pytest.raises(Refusal) as refused:
        engine.fire(db, ARREARS, account, "suspend", actor=people[Role.secretariat],
                    decision="board:2024-02-01:7", now=datetime(2024, 1, 31, 12, tzinfo=UTC))
    assert refused.value.code == "future_minute" and refused.value.params["field"] == "decision"
    db.refresh(account)
    assert (account.state, account.version) == ("board_proposal", version)
    engine.fire(db, ARREARS, account, "suspend", actor=people[Role.secretariat],
                decision="board:2024-02-01:7", now=datetime(2024, 2, 1, 12, tzinfo=UTC))
    assert account.state == "suspended"

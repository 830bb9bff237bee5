"""The sessions pages: draft, edit, adopt, print, control; bad input changes nothing."""

import hashlib
import re

import pytest
from sqlmodel import select

from models import Role, User
from models.decisions import Decision, DecisionStatus, ExecutionTask
from models.officers import Appointment
from models.workflow import HistoryEntry
from tests.calendars.conftest import parse_both
from tests.workflow.xxix import before_xxix
from workflow.drafting import generate_draft, items_of


@pytest.fixture
def drafted(db):
    state = before_xxix(db)
    generate_draft(db, assembly=state["session"], actor=state["secretariat"])
    return state


def test_secretariat_generates_and_reads_the_draft(client, auth, db):
    before_xxix(db)
    auth.login("secretariat@demo.magflow")
    response = client.post("/sessions/29/draft", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Кульгинова Алтая Сейдировича" in page
    assert "Аркадаг (Республика Туркменистан)" in page


def test_sessions_list_shows_roman_number_city_and_status(client, auth, drafted):
    auth.login("board1@demo.magflow")
    page = client.get("/sessions").get_data(as_text=True)
    assert "XXIX" in page and "Хабаровск" in page and "25 мая 2023" in page


def test_adopting_from_the_page_fires_items_and_lists_changes(client, auth, db, drafted):
    auth.login("secretariat@demo.magflow")
    decision = db.exec(select(Decision)).one()
    response = client.post("/sessions/29/adopt", data={"version": decision.version},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "/changes" in response.request.path
    assert page.count("Released") + page.count("Освобожден") >= 5
    db.expire_all()
    assert db.exec(select(Decision)).one().status == DecisionStatus.adopted


def test_adopting_twice_says_so_and_changes_nothing(client, auth, db, drafted):
    auth.login("secretariat@demo.magflow")
    version = db.exec(select(Decision)).one().version
    client.post("/sessions/29/adopt", data={"version": version})
    before = sorted((a.id, a.version) for a in db.exec(select(Appointment)).all())
    response = client.post("/sessions/29/adopt", data={"version": version},
                           follow_redirects=True)
    assert "already been adopted" in response.get_data(as_text=True) or \
        "уже принято" in response.get_data(as_text=True)
    db.expire_all()
    assert sorted((a.id, a.version) for a in db.exec(select(Appointment)).all()) == before


def test_adopting_a_subject_that_moved_on_names_the_item(client, auth, db, drafted):
    from tests.workflow.xxix import user
    from workflow.appointments import APPOINTMENTS
    from workflow.engine import fire

    volkov = db.exec(select(Appointment).where(Appointment.state == "release_requested")
                     .order_by(Appointment.id)).all()[1]
    fire(db, APPOINTMENTS, volkov, "cancel_release", actor=user(db, "secretariat@demo.magflow"),
         comment="stays")
    auth.login("secretariat@demo.magflow")
    version = db.exec(select(Decision)).one().version
    page = client.post("/sessions/29/adopt", data={"version": version},
                       follow_redirects=True).get_data(as_text=True)
    assert "3.2" in page
    db.expire_all()
    assert db.exec(select(Decision)).one().status == DecisionStatus.draft


def test_empty_item_is_refused_with_a_message(client, auth, db, drafted):
    auth.login("secretariat@demo.magflow")
    decision = db.exec(select(Decision)).one()
    count = len(items_of(db, decision))
    page = client.post("/sessions/29/items", data={"section": 2, "text_ru": "", "text_en": ""},
                       follow_redirects=True).get_data(as_text=True)
    assert "text in Russian and in English" in page or "на русском и английском" in page
    assert len(items_of(db, decision)) == count


def test_leaving_an_account_out_needs_a_reason(client, auth, db, drafted):
    auth.login("secretariat@demo.magflow")
    decision = db.exec(select(Decision)).one()
    item = items_of(db, decision)[0]
    subject = item.subjects[0]["subject_id"]
    url = f"/sessions/29/items/{item.id}/subjects/{subject}/leave-out"
    client.post(url, data={"reason": ""})
    db.expire_all()
    assert not items_of(db, decision)[0].subjects[0]["left_out"]
    client.post(url, data={"reason": "Paid on the eve of the session"})
    db.expire_all()
    first = items_of(db, decision)[0]
    assert first.subjects[0]["left_out"] and "Аркадаг" not in first.text_ru


def test_session_date_before_the_last_one_is_refused(client, auth, db, drafted):
    auth.login("secretariat@demo.magflow")
    page = client.post("/sessions", data={"city": "moscow", "held_on": "2023-05-01"},
                       follow_redirects=True).get_data(as_text=True)
    assert "after the last session" in page or "после даты последней" in page
    assert client.get("/sessions/30").status_code == 404
    client.post("/sessions", data={"city": "moscow", "held_on": "2024-05-20"})
    assert client.get("/sessions/30").status_code == 200


def test_signed_decision_prints_as_the_seed_signs_it(client, seeded):
    page = client.get("/sessions/29/decision").get_data(as_text=True)
    assert "Президент МАГ" in page and "С.А. Кравчук" in page
    assert "Двадцать девятой сессии" in page and "25 мая 2023 года" in page
    english = client.get("/sessions/29/decision?lang=en").get_data(as_text=True)
    assert "S.A. Kravchuk" in english and "Twenty-Ninth" in english


def test_seeded_tasks_reach_the_deadline_feed(client, auth, seeded):
    assert len(seeded.exec(select(ExecutionTask)).all()) == 4
    auth.login("board1@demo.magflow")
    response = client.get("/sessions/execution.ics")
    body = response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 3 and "DTSTART;VALUE=DATE:20230701" in body
    page = client.get("/sessions/execution").get_data(as_text=True)
    assert "XXIX:2.6" in page


def _subscribe(client) -> str:
    page = client.post("/sessions/execution/subscription", data={"action": "issue"})
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    link = re.search(r'id="subscription-link" type="text" readonly size="80" value="([^"]+)"',
                     page.get_data(as_text=True))
    assert link is not None
    return link.group(1).removeprefix("http://localhost")


def test_a_subscription_link_gives_the_deadlines_without_a_login(app, client, auth, seeded):
    auth.login("board1@demo.magflow")
    link = _subscribe(client)
    assert re.fullmatch(r"/sessions/execution/[A-Za-z0-9_-]{43}\.ics", link)

    calendar_program = app.test_client()
    response = calendar_program.get(f"{link}?lang=en")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    strict, _ = parse_both(response.data)
    assert len(strict.events) == 3
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    kept = hashlib.sha256(token.encode()).hexdigest()
    assert seeded.exec(select(User.email).where(User.feed_token_hash == kept)).one() == \
        "board1@demo.magflow"


def test_a_new_link_or_stopping_it_ends_the_old_one(client, auth, seeded):
    auth.login("secretariat@demo.magflow")
    first = _subscribe(client)
    second = _subscribe(client)
    assert client.get(second).status_code == 200
    refused = client.get(first, headers={"Accept-Language": "en"})
    assert refused.status_code == 404
    assert "This subscription link does not work" in refused.get_data(as_text=True)
    stopped = client.post("/sessions/execution/subscription", data={"action": "revoke"})
    assert stopped.status_code == 302
    assert client.get(second).status_code == 404


def test_a_link_stops_when_its_user_leaves_the_office(client, auth, seeded):
    auth.login("audit@demo.magflow")
    link = _subscribe(client)
    user = seeded.exec(select(User).where(User.email == "audit@demo.magflow")).one()
    user.role = Role.member
    seeded.add(user)
    seeded.commit()
    assert client.get(link).status_code == 404


# A NUL in any address is a plain 404 before the view runs (test_hostile_steps_and_feeds.py).
@pytest.mark.parametrize("token", ["x" * 500, "unknown", ".."])
def test_a_malformed_link_is_a_translated_404(client, seeded, token):
    response = client.get(f"/sessions/execution/{token}.ics")
    assert response.status_code == 404
    assert "Эта ссылка для подписки не действует" in response.get_data(as_text=True)


def test_an_unknown_language_on_a_link_is_a_400(client, auth, seeded):
    auth.login("president@demo.magflow")
    link = _subscribe(client)
    response = client.get(f"{link}?lang=de", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "Russian (ru) and English (en) only" in response.get_data(as_text=True)


@pytest.mark.parametrize(("query", "message"), [
    ("lang=en&lang=ru", "A filter is given more than once."),
    ("kind=forum", "This address takes no parameter “kind”; it takes lang."),
])
def test_a_link_refuses_a_repeated_language_or_a_foreign_parameter(client, auth, seeded,
                                                                  query, message):
    auth.login("president@demo.magflow")
    link = _subscribe(client)
    response = client.get(f"{link}?{query}", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def _task(db, ref: str) -> ExecutionTask:
    db.expire_all()
    return db.exec(select(ExecutionTask).where(ExecutionTask.decision_ref == ref)).one()


def _step(client, task: ExecutionTask, name: str, **fields: str):
    data = {f"fire-{name}-version": str(task.version),
            **{f"fire-{name}-{key}": value for key, value in fields.items()}}
    return client.post(f"/w/execution/{task.id}/fire/{name}?lang=en", data=data)


def test_the_executor_reports_the_board_returns_and_then_accepts_on_the_page(
    client, auth, seeded
):
    auth.login("secretariat@demo.magflow")
    task = _task(seeded, "XXIX:2.1")
    page = client.get("/sessions/execution?lang=en").get_data(as_text=True)
    assert f'action="/w/execution/{task.id}/fire/report"' in page
    assert f'/w/execution/{task.id}/fire/accept"' not in page
    # A report needs its text: shown at the field on the page again, nothing changes.
    assert _step(client, task, "report", comment=" ").headers["Location"] == \
        f"/sessions/execution#task-{task.id}"
    page = client.get("/sessions/execution?lang=en").get_data(as_text=True)
    assert re.search(rf'id="wf-execution-{task.id}-fire-report-comment-errors" role="alert">\s*<\w+>A comment is '
                     rf"required.", page)
    assert _task(seeded, "XXIX:2.1").state == "assigned"
    assert _step(client, task, "report", comment="Fee schedule sent to every city.").status_code == 302
    # The Secretariat does not judge its own report.
    task = _task(seeded, "XXIX:2.1")
    assert _step(client, task, "accept").status_code == 403
    auth.logout()

    auth.login("president@demo.magflow")
    page = client.get("/sessions/execution?lang=en").get_data(as_text=True)
    assert "Fee schedule sent to every city." in page
    assert _step(client, task, "return_report", comment="Attach the letters.").status_code == 302
    assert _task(seeded, "XXIX:2.1").state == "returned"
    assert _step(client, _task(seeded, "XXIX:2.1"), "report", comment="x").status_code == 403
    auth.logout()

    auth.login("secretariat@demo.magflow")
    task = _task(seeded, "XXIX:2.1")
    assert _step(client, task, "report", comment="Letters attached.").status_code == 302
    auth.logout()
    auth.login("board1@demo.magflow")
    assert _step(client, _task(seeded, "XXIX:2.1"), "accept").status_code == 302
    task = _task(seeded, "XXIX:2.1")
    assert (task.state, task.report) == ("accepted", "Letters attached.")
    history = [(e.transition, e.comment) for e in
               seeded.exec(select(HistoryEntry).where(HistoryEntry.workflow == "execution",
                                                      HistoryEntry.subject_id == task.id)
                           .order_by(HistoryEntry.id))]
    assert history == [("report", "Fee schedule sent to every city."),
                       ("return_report", "Attach the letters."),
                       ("report", "Letters attached."), ("accept", None)]


def test_a_task_given_to_the_audit_commission_is_not_the_secretariats_to_report(
    client, auth, seeded
):
    auth.login("secretariat@demo.magflow")
    task = _task(seeded, "XXIX:1.3")
    assert _step(client, task, "report", comment="Done.").status_code == 302
    page = client.get("/sessions/execution?lang=en").get_data(as_text=True)
    assert "This task is given to another body." in page
    assert _task(seeded, "XXIX:1.3").state == "assigned"
    auth.logout()
    auth.login("audit@demo.magflow")
    assert _step(client, task, "report", comment="Control established.").status_code == 302
    assert _task(seeded, "XXIX:1.3").state == "reported"


def test_each_tasks_panel_on_the_execution_page_has_ids_of_its_own(client, auth, seeded):
    """Four panels on one page: a label must point at its own task's field."""
    auth.login("secretariat@demo.magflow")
    page = client.get("/sessions/execution").get_data(as_text=True)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for task in seeded.exec(select(ExecutionTask)).all():
        section = page.split(f'id="task-{task.id}"', 1)[1].split('<section class="task"', 1)[0]
        targets = re.findall(r'<label for="([^"]+)"', section)
        assert targets and all(t.startswith(f"wf-execution-{task.id}-") for t in targets)
        assert all(f'id="{t}"' in section for t in targets)


def test_the_inbox_dates_the_xxix_tasks_from_the_session(client, seeded, auth):
    from datetime import UTC, datetime

    from models.formatting import format_day

    auth.login("secretariat@demo.magflow")
    response = client.get("/inbox?lang=en")
    page = response.get_data(as_text=True)
    response.close()
    assert "25 May 2023" in page
    assert format_day(datetime.now(UTC).date(), "en") not in page


def test_the_register_of_board_minutes_lists_a_minute_once_cited(client, seeded, auth):
    from sqlmodel import select

    from models import City, User
    from models.dues import Account
    from workflow import engine
    from workflow.arrears import ARREARS

    osh = seeded.exec(select(City).where(City.slug == "osh")).one()
    account = seeded.exec(select(Account).where(Account.city_id == osh.id)).one()
    account.state = "board_proposal"
    seeded.add(account)
    seeded.commit()
    secretary = seeded.exec(select(User).where(User.email == "secretariat@demo.magflow")).one()
    engine.fire(seeded, ARREARS, account, "suspend", actor=secretary,
                decision="board:2024-03-01:5")
    auth.login("secretariat@demo.magflow")
    for lang, words in (("en", "Record the Board&#39;s suspension"),
                        ("ru", "Протоколы Правления")):
        response = client.get(f"/sessions/board-minutes?lang={lang}")
        page = response.get_data(as_text=True)
        response.close()
        assert response.status_code == 200
        row = page[page.index('<table id="board-minutes">'):]
        assert ("No. 5 of" in row or "№ 5 от" in row) and f'href="/dues/accounts/{account.id}"' in row
        assert secretary.display_name in row
        if lang == "en":
            assert "1 March 2024" in row and words in row
        else:
            assert "1 марта 2024" in row and words in page

"""Real app servers on one PostgreSQL database, with everyone acting at the same moment.

gunicorn serves the app in production mode (CSRF on, secure cookies) with
three workers, or two such servers share the database. One barrier releases
at once: every Board member's approval of the same applications, payments
by the Secretariat (two at a time on the same charge, others racing the
sweep) and two ``magflow sweep`` runs. The database must then show every
approval counted once, each transition applied once, every payment posted
once and a history that accounts for every state change
(``tests/concurrency_scenario.py``). The workers read votes and open charges
a little slowly (``tests/race_window.py``) so that requests sent together
overlap where a race would hurt. PostgreSQL only: SQLite has one writer.
"""

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session

from tests.concurrency_scenario import (
    AS_OF,
    BOARD,
    SECRETARIAT,
    Order,
    Scenario,
    assert_invariants,
    prepare,
)
from tests.servers import ROOT, Answer, Browser, gunicorn, server_environment

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

SECRET = "one-secret-key-for-every-server-of-this-test"
RACE_WINDOW = "python:tests.race_window"
# The sweep command, its app built once before the barrier (so that the imports are
# done and it starts with the others), then run as `magflow sweep` runs.
GATED_CLI = ("import sys, workflow.registry; from webapp import create_app; "
             "from webapp.cli import main; create_app(); sys.stdin.readline(); main()")


@pytest.fixture
def scenario(seeded: Session) -> Scenario:
    return prepare(seeded)


@pytest.fixture
def environment(database_url: str, tmp_path: Path) -> dict[str, str]:
    return server_environment(database_url, SECRET, tmp_path / "instance")


# ---------------------------------------------------------------- the round ----


def _vote(browser: Browser, read_on: str, post_to: str, application: int) -> Callable[[], Answer]:
    action = f"/w/admission/{application}/vote/recommend"
    fields = browser.form(f"{read_on}/admission/{application}", action)
    fields["vote-recommend-choice"] = "approve"
    return lambda: browser.post(post_to + action, fields)


def _pay(browser: Browser, read_on: str, post_to: str, order: Order) -> Callable[[], Answer]:
    page = f"/dues/accounts/{order.account_id}/payment"
    fields = browser.form(read_on + page)
    fields.update(amount=str(order.amount), currency="EUR", paid_on="2024-05-15",
                  bank_reference=order.reference)
    return lambda: browser.post(post_to + page, fields)


def _actions(scenario: Scenario, servers: list[str]) -> list[tuple[str, Any, Callable[[], Answer]]]:
    """Every request, ready to send: logged in on one server, form read on the next."""
    def pair(n: int) -> tuple[str, str]:
        return servers[n % len(servers)], servers[(n + 1) % len(servers)]

    members = {email: Browser() for email in BOARD}
    for n, (email, browser) in enumerate(members.items()):
        browser.log_in(pair(n)[0], email)
    # The votes on one application side by side: the barrier releases them together.
    actions: list[tuple[str, Any, Callable[[], Answer]]] = []
    for application in scenario.applications:
        for n, (email, browser) in enumerate(members.items()):
            key = (application, scenario.board[email])
            actions.append(("vote", key, _vote(browser, pair(n)[1], pair(n)[0], application)))
    for n, order in enumerate(scenario.orders):
        home, other = pair(n)
        browser = Browser()
        browser.log_in(home, SECRETARIAT)
        actions.append(("payment", order, _pay(browser, other, home, order)))
    return actions


def _gated_sweep(environment: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", GATED_CLI, "sweep", "--as-of", AS_OF.isoformat()],
        cwd=ROOT, env=environment, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _release(process: subprocess.Popen) -> subprocess.CompletedProcess:
    out, err = process.communicate(b"go\n", timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def run_round(scenario: Scenario, servers: list[str], environment: dict[str, str]) -> None:
    """Send every action and start both sweeps at one barrier; wait for all of them."""
    actions = _actions(scenario, servers)
    sweeps = [_gated_sweep(environment) for _ in range(2)]
    barrier = threading.Barrier(len(actions) + len(sweeps))
    failures: list[BaseException] = []

    def at_once(job: Callable[[], None]) -> None:
        try:
            barrier.wait(timeout=30)
            job()
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    jobs = [lambda a=a: scenario.outcomes.append((a[0], a[1], a[2]())) for a in actions]
    jobs += [lambda p=p: scenario.sweeps.append(_release(p)) for p in sweeps]
    threads = [threading.Thread(target=at_once, args=(job,)) for job in jobs]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=90)
    finally:
        for process in sweeps:
            process.kill()
    assert not any(t.is_alive() for t in threads), "a request or a sweep never finished"
    assert not failures, failures


# ----------------------------------------------------------------- the tests ----


@pytest.fixture
def one_server(environment: dict[str, str], scenario: Scenario, tmp_path: Path) -> Iterator[str]:
    with gunicorn(environment, tmp_path / "gunicorn.log", config=RACE_WINDOW) as base:
        yield base


@pytest.fixture
def two_servers(
    environment: dict[str, str], scenario: Scenario, tmp_path: Path
) -> Iterator[list[str]]:
    with (gunicorn(environment, tmp_path / "a.log", config=RACE_WINDOW) as a,
          gunicorn(environment, tmp_path / "b.log", config=RACE_WINDOW) as b):
        yield [a, b]


def test_simultaneous_votes_payments_and_sweeps_on_three_workers_apply_once(
    one_server, scenario, environment, engine, tmp_path
):
    run_round(scenario, [one_server], environment)
    assert_invariants(engine, scenario)
    assert "Traceback" not in (tmp_path / "gunicorn.log").read_text()


def test_two_servers_share_sessions_and_apply_each_action_once(
    two_servers, scenario, environment, engine, tmp_path
):
    a, b = two_servers
    browser = Browser()
    browser.log_in(a, BOARD[0])
    assert browser.get(f"{b}/inbox").status == 200  # the cookie A set is good on B
    assert Browser().get(f"{b}/inbox").status == 302  # and without it B asks to log in
    run_round(scenario, two_servers, environment)
    assert_invariants(engine, scenario)
    for log in ("a.log", "b.log"):
        assert "Traceback" not in (tmp_path / log).read_text()

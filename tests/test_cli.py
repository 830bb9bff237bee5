"""The magflow command line."""

import pytest
from sqlmodel import select

from models import User
from webapp.cli import main


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_seed_reports_what_it_created_then_nothing(runner, db):
    first = runner.invoke(main, ["seed", "--demo"])
    assert first.exit_code == 0, first.output
    assert "cities 57" in first.output
    second = runner.invoke(main, ["seed", "--demo"])
    assert "Nothing new to load." in second.output


def test_demo_accounts_are_printed(runner, seeded):
    result = runner.invoke(main, ["demo-accounts"])
    assert "brest@demo.magflow" in result.output and "magflow-demo-2024" in result.output


def test_users_create_makes_an_account(runner, seeded):
    result = runner.invoke(
        main,
        ["users", "create", "--email", "new@x.example", "--name", "New", "--role", "board",
         "--password", "a-long-password"],
    )
    assert result.exit_code == 0, result.output
    assert seeded.exec(select(User).where(User.email == "new@x.example")).one().role == "board"


def test_users_create_links_a_board_account_to_its_member_so_it_votes(runner, seeded):
    from models import Person
    from workflow.appointments import APPOINTMENTS
    from workflow.engine import electorate

    result = runner.invoke(main, [
        "users", "create", "--email", "kobets@x.example", "--name", "Kobets", "--role", "board",
        "--person", "kobets", "--password", "a-long-password"])
    assert result.exit_code == 0, result.output
    user = seeded.exec(select(User).where(User.email == "kobets@x.example")).one()
    assert user.person_id == seeded.exec(select(Person.id).where(Person.slug == "kobets")).one()
    board = electorate(seeded, APPOINTMENTS.transition("endorse").quorum)
    assert user.id in board.voters and (board.seats, len(board.voters)) == (8, 5)


@pytest.mark.parametrize(
    "args",
    [
        ["users", "create", "--email", "a@x", "--name", "A", "--role", "board",
         "--person", "nobody", "--password", "a-long-password"],
        ["users", "create", "--email", "a@x", "--name", "A", "--role", "mayor", "--password", "p"],
        ["users", "create", "--email", "a@x", "--name", "A", "--role", "member",
         "--city", "atlantis", "--password", "a-long-password"],
        ["users", "create", "--email", "a@x", "--name", "A", "--role", "member",
         "--password", "a-long-password"],
    ],
)
def test_bad_arguments_exit_2_and_create_nothing(runner, seeded, args):
    result = runner.invoke(main, args)
    assert result.exit_code == 2, result.output
    assert seeded.exec(select(User).where(User.email == "a@x")).first() is None


def test_sweep_rejects_a_date_that_is_not_a_date(runner, db):
    result = runner.invoke(main, ["sweep", "--as-of", "2024-02-30"])
    assert result.exit_code == 2
    assert "--as-of" in result.output


def test_sweep_rejects_an_unknown_workflow(runner, db):
    result = runner.invoke(main, ["sweep", "--as-of", "2024-03-01", "--workflow", "nonsense"])
    assert result.exit_code == 2
    assert "unknown workflow" in result.output


def test_sweep_dry_run_changes_nothing(runner, db):
    # Named workflows only: test modules may register examples whose tables this run lacks.
    result = runner.invoke(
        main, ["sweep", "--as-of", "2024-03-01", "--dry-run", "--workflow", "arrears"]
    )
    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output

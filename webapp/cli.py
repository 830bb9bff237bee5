"""The ``magflow`` command: the Flask CLI plus migrate, seed and users."""

import sys
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from models import City, Role
from models.migrate import upgrade
from seeding.loader import count_records, demo_password, load_seed, read_seed
from webapp import create_app
from webapp.extensions import db


def _create_app() -> Flask:
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """magflow: the association's workflows, documents and calendar."""


@main.command("migrate")
@with_appcontext
def migrate_command() -> None:
    """Create or upgrade the database schema to the newest migration."""
    upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database schema is up to date.")


@main.command("seed")
@click.option("--demo", is_flag=True, help="Also create the demo accounts (never in production).")
@with_appcontext
def seed_command(demo: bool) -> None:
    """Load the association's seed data; loading it again changes nothing."""
    if demo and current_app.config["ENV"] == "production":
        raise click.UsageError("demo accounts are refused in production")
    from seeding.sections import demo_sections, sections

    seed = read_seed()
    total = count_records(seed, sections() + (demo_sections() if demo else []))
    with click.progressbar(length=total, label="Loading seed data", file=sys.stderr) as bar:
        created = load_seed(db.session, seed=seed, demo=demo, tick=lambda: bar.update(1))
    summary = ", ".join(f"{name} {count}" for name, count in created.items())
    click.echo(f"Created: {summary}." if any(created.values()) else "Nothing new to load.")


@main.command("demo-accounts")
@with_appcontext
def demo_accounts_command() -> None:
    """Print the demo accounts and their shared password."""
    from sqlmodel import col, select

    from models import User

    seed = read_seed()
    emails = [record["email"] for record in seed["demo"]["users"]]
    users = db.session.exec(select(User).where(col(User.email).in_(emails))).all()
    if not users:
        click.echo("No demo accounts; run `magflow seed --demo`.")
        return
    click.echo(f"Demo accounts (password: {demo_password(seed)}):")
    for user in sorted(users, key=lambda u: emails.index(u.email)):
        click.echo(f"  {user.role.value:<12} {user.email:<28} {user.display_name}")


@main.command("sweep")
@click.option("--as-of", "as_of", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The business date to sweep as of (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True, help="List what would be done; change nothing.")
@click.option("--workflow", "names", multiple=True, help="Only this workflow (repeatable).")
@with_appcontext
def sweep_command(as_of: Any, dry_run: bool, names: tuple[str, ...]) -> None:
    """Fire the timed transitions that are due as of a date."""
    import workflow.registry  # noqa: F401 - registers every workflow
    from workflow.engine import REGISTRY
    from workflow.sweep import plan, sweep

    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        raise click.BadParameter(
            f"unknown workflow {unknown[0]!r}; known: {', '.join(sorted(REGISTRY))}",
            param_hint="--workflow",
        )
    day = as_of.date()
    planned = plan(db.session, as_of=day, workflows=names or None)
    total = sum(len(step.subject_ids) for step in planned)
    if dry_run:
        for step in planned:
            ids = ", ".join(map(str, step.subject_ids)) or "-"
            click.echo(f"{step.workflow}.{step.transition} ({len(step.subject_ids)}): {ids}")
        click.echo(f"Dry run as of {day}: {total} transitions would fire; nothing changed.")
        return
    with click.progressbar(length=total, label=f"Sweeping as of {day}", file=sys.stderr) as bar:
        done = sweep(db.session, as_of=day, workflows=names or None, progress=bar.update)
    for step in done:
        click.echo(f"{step.workflow}.{step.transition}: {len(step.subject_ids)}")
    click.echo(f"Applied {sum(len(s.subject_ids) for s in done)} transitions as of {day}.")


@main.group("fees")
def fees_group() -> None:
    """Membership fees."""


@fees_group.command("charge")
@click.option("--year", required=True, type=click.IntRange(1990, 2100),
              help="Charge every member city the annual fee of this year.")
@with_appcontext
def charge_fees_command(year: int) -> None:
    """Charge the year's annual fee to every member city; running it again adds nothing."""
    from sqlmodel import col, func, select

    from models.dues import Account, Charge
    from workflow import ledger
    from workflow.engine import Refusal

    if ledger.fee_schedule(db.session, year) is None:
        raise click.BadParameter(f"there is no fee schedule for {year}", param_hint="--year")
    members = db.session.exec(
        select(func.count()).select_from(City).where(City.status == "member")
    ).one()
    with click.progressbar(length=members, label=f"Charging {year}", file=sys.stderr) as bar:
        try:
            created = ledger.charge_annual_fees(db.session, year=year, progress=bar.update)
        except Refusal as error:
            raise click.UsageError(str(error.message)) from error
    total = db.session.exec(
        select(func.count()).select_from(Charge).join(Account, col(Account.id) == Charge.account_id)
        .where(Charge.key == f"annual:{year}")
    ).one()
    click.echo(f"Charged {created} new annual fees for {year}; {total} in all.")


@main.group("outbox")
def outbox_group() -> None:
    """Deliver notifications."""


@outbox_group.command("send")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(min=1),
              help="Send at most this many messages.")
@with_appcontext
def outbox_send_command(limit: int) -> None:
    """Send the due outbox messages by SMTP (MAGFLOW_SMTP_URL) or to instance/outbox/."""
    from webapp.workflows.letters import send_outbox

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    report = send_outbox(app, db.session, limit=limit)
    click.echo(f"Sent {report.sent}, failed {report.failed} (retried later), "
               f"skipped {report.skipped}.")


@main.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def backup_command(target: str) -> None:
    """Copy the SQLite database to TARGET, consistently, while the app serves."""
    from pathlib import Path

    from models.backup import BackupError, backup_sqlite

    try:
        written = backup_sqlite(current_app.config["DATABASE_URL"], Path(target))
    except BackupError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Backup written to {written}.")


@main.group("users")
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.option("--email", required=True)
@click.option("--name", "display_name", required=True)
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--city", "city_slug", help="The city's slug, for applicant and member accounts.")
@click.option("--person", "person_slug",
              help="The person's slug: a Board account votes only while its person sits.")
@click.password_option()
@with_appcontext
def create_user_command(
    email: str, display_name: str, role: str, city_slug: str | None, person_slug: str | None,
    password: str,
) -> None:
    """Create an account."""
    from sqlmodel import select

    from models import Person
    from webapp.auth.operations import AccountError, create_user

    city = person = None
    if city_slug:
        city = db.session.exec(select(City).where(City.slug == city_slug)).first()
        if city is None:
            raise click.BadParameter(f"no city with slug {city_slug!r}", param_hint="--city")
    if person_slug:
        person = db.session.exec(select(Person).where(Person.slug == person_slug)).first()
        if person is None:
            raise click.BadParameter(f"no person with slug {person_slug!r}",
                                     param_hint="--person")
    try:
        user = create_user(
            db.session,
            email=email,
            password=password,
            display_name=display_name,
            role=Role(role),
            city=city,
        )
    except AccountError as error:
        raise click.UsageError(f"cannot create the account: {error.code}") from error
    if person is not None:
        user.person_id = person.id
        db.session.add(user)
        db.session.commit()
    click.echo(f"Created {user.email} ({user.role.value}).")


if __name__ == "__main__":
    main()

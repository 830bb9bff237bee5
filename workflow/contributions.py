"""Targeted contributions (item 2.6) and financing initiatives (item 2.5): who gave what.

Read-only queries for the contributions page and a city's ledger; payments are
given to a contribution by ``workflow.payments.record_payment``.
"""

from dataclasses import dataclass
from decimal import Decimal

from sqlmodel import Session, col, func, select

from models import City
from models.dues import (
    CENT,
    Account,
    ContributionRecommendation,
    FundingInitiative,
    Payment,
    TargetedContribution,
)


@dataclass
class Giver:
    """A city a contribution was recommended to (or that gave anyway), and what it gave."""

    city: City
    recommended: bool
    given: Decimal


@dataclass
class ContributionView:
    contribution: TargetedContribution
    givers: list[Giver]

    @property
    def total(self) -> Decimal:
        return sum((g.given for g in self.givers), Decimal("0"))


def _given(session: Session, contribution_ids: list[int],
           city_id: int | None = None) -> dict[tuple[int, int], Decimal]:
    """What payments given to each contribution add up to, per (contribution, city)."""
    applied = func.coalesce(col(Payment.converted_amount), col(Payment.amount))
    query = (select(Payment.contribution_id, Account.city_id, func.sum(applied))
             .join(Account, col(Account.id) == Payment.account_id)
             .where(col(Payment.contribution_id).in_(contribution_ids))
             .group_by(col(Payment.contribution_id), col(Account.city_id)))
    if city_id is not None:
        query = query.where(Account.city_id == city_id)
    return {(c, city): Decimal(total or 0).quantize(CENT)  # type: ignore[misc]
            for c, city, total in session.exec(query).all()}


def contributions(session: Session, language: str) -> list[ContributionView]:
    """Every targeted contribution, newest first: its cities, recommended first, by name."""
    found = list(session.exec(select(TargetedContribution).order_by(
        col(TargetedContribution.due_year).desc(), col(TargetedContribution.due_month).desc(),
        col(TargetedContribution.id))).all())
    ids = [c.id for c in found]
    given = _given(session, ids)  # type: ignore[arg-type]
    recommended = {(r.contribution_id, r.city_id) for r in session.exec(
        select(ContributionRecommendation)
        .where(col(ContributionRecommendation.contribution_id).in_(ids)))}
    pairs = recommended | set(given)
    cities = {c.id: c for c in session.exec(
        select(City).where(col(City.id).in_({city for _c, city in pairs})))}
    views = []
    for contribution in found:
        keys = {k for k in pairs if k[0] == contribution.id}
        givers = [Giver(cities[key[1]], key in recommended, given.get(key, Decimal("0.00")))
                  for key in keys]
        givers.sort(key=lambda g: (not g.recommended, g.city.name(language)))
        views.append(ContributionView(contribution, givers))
    return views


def recommended_to(session: Session, city_id: int) -> list[tuple[TargetedContribution, Decimal]]:
    """The contributions recommended to a city, newest first, with what it has given."""
    found = session.exec(
        select(TargetedContribution)
        .join(ContributionRecommendation,
              col(ContributionRecommendation.contribution_id) == TargetedContribution.id)
        .where(ContributionRecommendation.city_id == city_id)
        .order_by(col(TargetedContribution.due_year).desc(), col(TargetedContribution.id))
    ).all()
    given = _given(session, [c.id for c in found], city_id)  # type: ignore[misc]
    return [(c, given.get((c.id, city_id), Decimal("0.00"))) for c in found]  # type: ignore[arg-type]


def initiatives(session: Session) -> list[tuple[FundingInitiative, City]]:
    """The cities' financing initiatives a session supported, newest first."""
    return list(session.exec(
        select(FundingInitiative, City).join(City, col(City.id) == FundingInitiative.city_id)
        .order_by(col(FundingInitiative.year).desc(), col(FundingInitiative.id))
    ).all())

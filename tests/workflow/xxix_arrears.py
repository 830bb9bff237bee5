"""The 22 accounts of item 1.3, brought to «reminded» by the ledger and the sweep.

The seeds give no amounts: each account is charged an invented annual fee of
4 000 EUR due on 31 March 2023, which the charge's note says.
"""

from datetime import date

from sqlmodel import Session, select

from models import City
from models.dues import ChargeKind
from workflow import ledger
from workflow.sweep import sweep

WARNED = ["astrakhan", "barnaul", "batumi", "blagoveshchensk", "vladikavkaz", "vladivostok",
          "gomel", "grodno", "izhevsk", "yoshkar-ola", "karaganda", "krasnoyarsk", "mogilev",
          "murmansk", "nizhny-novgorod", "osh", "petropavlovsk", "saratov", "serpukhov",
          "taldykorgan", "shymkent", "elista"]


def remind_accounts(db: Session) -> None:
    """Charge, let fall overdue, and remind the 22 accounts (as of 10 May 2023)."""
    for slug in WARNED:
        city = db.exec(select(City).where(City.slug == slug)).one()
        account = ledger.open_account(db, city=city, on=date(2022, 1, 1))
        ledger.post_charge(db, account=account, kind=ChargeKind.annual, year=2023,
                           amount="4000", currency="EUR", due_on=date(2023, 3, 31),
                           note="test: the seeds give no amount; this one is invented",
                           commit=False)
    db.commit()
    sweep(db, as_of=date(2023, 4, 1), workflows=["arrears"])
    sweep(db, as_of=date(2023, 5, 10), workflows=["arrears"])

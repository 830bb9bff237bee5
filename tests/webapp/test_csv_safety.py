"""Every CSV export opens in a spreadsheet as data: no cell is a formula."""

import csv
import io

import pytest
from sqlmodel import select

from models import City
from models.dues import Account
from webapp.csv_safety import inert

SECRETARIAT = "secretariat@demo.magflow"
FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"Брест\")", "+1+1", "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1:A2)", "\t=1+1", "\r=1+1", " =1+1", "\n=1+1"]


def is_live_formula(cell: str) -> bool:
    """What a spreadsheet would evaluate: a cell that, leading blanks skipped, opens a formula.

    A cell that is a plain number (a credit of -150.00) is a number, not a formula.
    """
    if inert(cell) == cell and cell.lstrip("-").replace(".", "", 1).isdigit():
        return False
    return cell.lstrip(" \n\t\r").startswith(("=", "+", "-", "@"))


def _rows(response) -> list[list[str]]:
    body = response.get_data(as_text=True)
    response.close()
    return list(csv.reader(io.StringIO(body, newline="")))


def test_city_names_that_look_like_formulas_are_inert_in_the_debtors_csv(
    client, auth, seeded
):
    debtors = seeded.exec(select(City).join(Account, Account.city_id == City.id)
                          .order_by(City.id).limit(len(FORMULAS))).all()
    for city, name in zip(debtors, FORMULAS, strict=True):
        city.name_en = city.name_ru = name
        seeded.add(city)
    seeded.commit()
    auth.login(SECRETARIAT)
    rows = _rows(client.get("/dues/debtors.csv?lang=en&sort=city"))
    assert len(rows) == 23
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if is_live_formula(cell)] == []
    assert {row[0] for row in rows[1:]} >= {"'" + name for name in FORMULAS}


@pytest.mark.parametrize(("value", "written"), [
    ("=1+1", "'=1+1"), ("+7 495", "'+7 495"), ("-x", "'-x"), ("@me", "'@me"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("  =1", "'  =1"), ("Брест", "Брест"),
    ("-150.00", "-150.00"), ("-3", "-3"), ("2023-05-25", "2023-05-25"), (None, ""),
    ("-1e5", "'-1e5"), ("-1+1", "'-1+1"),
])
def test_a_cell_is_quoted_only_when_a_spreadsheet_would_read_a_formula(value, written):
    assert inert(value) == written

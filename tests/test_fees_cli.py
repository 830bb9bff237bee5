"""``magflow fees charge --year``: idempotent, with clear refusals."""

import pytest
from sqlmodel import select

from models.dues import Charge
from webapp.cli import main


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def test_fees_charge_charges_every_member_once(runner, seeded):
    first = runner.invoke(main, ["fees", "charge", "--year", "2024"])
    assert first.exit_code == 0, first.output
    charged = len(seeded.exec(select(Charge).where(Charge.key == "annual:2024")).all())
    assert charged > 22 and f"Charged {charged} new annual fees for 2024" in first.output
    second = runner.invoke(main, ["fees", "charge", "--year", "2024"])
    assert second.exit_code == 0 and "Charged 0 new annual fees" in second.output
    assert len(seeded.exec(select(Charge).where(Charge.key == "annual:2024")).all()) == charged


@pytest.mark.parametrize("year", ["1800", "twenty", "2031"])
def test_fees_charge_with_a_bad_year_exits_with_2(runner, seeded, year):
    result = runner.invoke(main, ["fees", "charge", "--year", year])
    assert result.exit_code == 2
    assert seeded.exec(select(Charge).where(Charge.kind == "annual")).all() == []

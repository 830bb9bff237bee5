"""Loading ``mag.toml`` idempotently: a record that exists is left as it is.

Each section of the file has one loader function. A loader receives the
session, the parsed file and a ``tick`` to call once per record, and returns
how many records it created. Areas of the app add their loaders to
``SECTIONS`` (see ``seeding/sections.py``).
"""

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import Session

SEED_FILE = Path(__file__).resolve().parent / "mag.toml"

Seed = dict[str, Any]
Tick = Callable[[], None]
Loader = Callable[[Session, Seed, Tick], int]


def read_seed(path: Path = SEED_FILE) -> Seed:
    """The parsed seed file."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def count_records(seed: Seed, sections: list[tuple[str, Loader]]) -> int:
    """How many ticks loading these sections will make (for a progress bar)."""
    from seeding.sections import record_count

    return sum(record_count(seed, name) for name, _loader in sections)


def load_seed(
    session: Session,
    *,
    seed: Seed | None = None,
    demo: bool = False,
    tick: Tick = lambda: None,
) -> dict[str, int]:
    """Load every section (and the demo accounts if asked); one commit per section."""
    from seeding.sections import demo_sections, sections

    seed = seed or read_seed()
    chosen = sections() + (demo_sections() if demo else [])
    created: dict[str, int] = {}
    for name, loader in chosen:
        created[name] = loader(session, seed, tick)
        session.commit()
    return created


def demo_password(seed: Seed | None = None) -> str:
    """The password every demo account shares."""
    return str((seed or read_seed())["demo"]["password"])

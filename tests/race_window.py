"""gunicorn settings for race tests: workers read before they write a little slowly.

``gunicorn -c python:tests.race_window`` makes two reads in the workers wait
``RACE_WINDOW_SECONDS`` first: the count of a quorum's votes, and the open
charges a payment is allocated to. Each is read after the request wrote its
own row and before it commits; over HTTP that takes a few milliseconds, so
simultaneous requests rarely overlap there. The wait makes them overlap
whenever they run at the same time, which a correct engine and ledger
handle (by locking the subject or the account) and racy ones do not: a
transition fired on a later vote than the one that made the majority, or
two payments that each paid the same part of one charge.
"""

import time
from typing import Any

RACE_WINDOW_SECONDS = 0.1


def _slow_down(module: Any, name: str) -> None:
    read = getattr(module, name)  # an AttributeError stops the worker: rename here too

    def slowly(*args: Any, **kwargs: Any) -> Any:
        time.sleep(RACE_WINDOW_SECONDS)
        return read(*args, **kwargs)

    setattr(module, name, slowly)


def post_worker_init(worker: Any) -> None:
    from workflow import engine, ledger

    _slow_down(engine, "tally")
    _slow_down(ledger, "open_charges")

"""The process tests/test_crash.py kills: a sweep or an adoption that says where it is.

``python -m tests.crash_child sweep URL AS_OF BATCH PAUSE_AT`` sweeps in
batches of BATCH and prints ``committed N`` after each batch's commit; with
PAUSE_AT > 0 it prints ``inside`` and waits once that batch is written but not
yet committed. ``python -m tests.crash_child adopt URL DECISION ACTOR PAUSE``
adopts the decision; PAUSE ``item`` waits after the second item has fired,
``commit`` waits with every change flushed, just before the COMMIT.
The parent kills the process while it waits, so the kill lands inside a
transaction at a known point rather than wherever the scheduler puts it.
"""

import sys
import time
from datetime import date
from typing import Any

from models.database import make_engine, new_session

WAIT_SECONDS = 120


def say(line: str) -> None:
    print(line, flush=True)


def wait_to_be_killed() -> None:
    say("inside")
    time.sleep(WAIT_SECONDS)
    raise SystemExit("the parent never killed this process")


def pause_on_call(module: Any, name: str, call: int) -> None:
    """Wrap ``module.name`` so that its ``call``-th call waits after doing its work."""
    original = getattr(module, name)
    calls = 0

    def paused(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        result = original(*args, **kwargs)
        calls += 1
        if calls == call:
            wait_to_be_killed()
        return result

    setattr(module, name, paused)


def run_sweep(url: str, as_of: str, batch: str, pause_at: str) -> None:
    import workflow.registry  # noqa: F401 - every workflow registered
    from workflow import sweep

    sweep.BATCH = int(batch)
    if int(pause_at):
        pause_on_call(sweep, "_apply_batch", int(pause_at))
    session = new_session(make_engine(url))
    sweep.sweep(session, as_of=date.fromisoformat(as_of),
                progress=lambda n: say(f"committed {n}"))
    say("done")


def run_adoption(url: str, decision_id: str, actor_id: str, pause: str) -> None:
    import workflow.registry  # noqa: F401 - every workflow registered
    from models import User
    from models.decisions import Decision
    from workflow import adoption

    session = new_session(make_engine(url))
    if pause == "item":
        pause_on_call(adoption, "_fire_subject", 2)  # the first subject fired, not yet the rest
    elif pause == "commit":
        session.commit = lambda: (session.flush(), wait_to_be_killed())  # type: ignore[method-assign]
    adoption.adopt(session, decision=session.get(Decision, int(decision_id)),
                   actor=session.get(User, int(actor_id)))
    say("done")


if __name__ == "__main__":
    {"sweep": run_sweep, "adopt": run_adoption}[sys.argv[1]](*sys.argv[2:])

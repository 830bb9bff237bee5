"""Running test work in several threads at once, with every error kept."""

import threading
from collections.abc import Callable


def run_together(*works: Callable[[], object], timeout: float = 60) -> list[BaseException]:
    """Start each work in its own thread, wait for all, and return what they raised.

    A thread still running after ``timeout`` counts as an error (a deadlock, say),
    so a test fails instead of hanging.
    """
    errors: list[BaseException] = []

    def guarded(work: Callable[[], object]) -> None:
        try:
            work()
        except BaseException as error:  # noqa: BLE001 - handed to the test
            errors.append(error)

    threads = [threading.Thread(target=guarded, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    errors += [TimeoutError(f"{t.name} still running") for t in threads if t.is_alive()]
    return errors

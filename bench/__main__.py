"""``python -m bench``: run every benchmark module listed in ``BENCHMARKS``."""

import importlib
import sys

BENCHMARKS: list[str] = ["feeds", "engine", "dues"]


def main() -> int:
    if not BENCHMARKS:
        print("No benchmarks yet.")
        return 0
    for name in BENCHMARKS:
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())

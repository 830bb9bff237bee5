"""``python -m bench`` (``make bench``): run every benchmark and write one report.

Each benchmark prints its figures as it goes and returns rows of (figure,
magflow, baseline measured in the same run, ratio and goal); the report,
``bench/report.md``, is one Markdown table of them all.
``python -m bench load feeds`` runs only the benchmarks named (``pdf``: documents).
"""

import importlib
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCHMARKS: list[str] = ["engine", "dues", "feeds", "load", "pdf"]
REPORT = Path(__file__).resolve().parent / "report.md"


def report(sections: list[tuple[str, list[tuple[str, str, str, str]]]]) -> str:
    lines = [f"# magflow benchmarks, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}.",
             "", "| benchmark | figure | magflow | baseline (same run) | ratio / goal |",
             "| --- | --- | ---: | ---: | --- |"]
    for name, rows in sections:
        lines += [f"| {name} | {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    unknown = [name for name in argv if name not in BENCHMARKS]
    if unknown:
        print(f"Unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}.")
        return 2
    sections = []
    for name in argv or BENCHMARKS:
        module = importlib.import_module(f"bench.{name}")
        rows = module.main([]) if name == "engine" else module.main()
        sections.append((name, rows))
        print()
    text = report(sections)
    REPORT.write_text(text, encoding="utf-8")
    print(text)
    print(f"Written to {REPORT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

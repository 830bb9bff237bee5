"""The benchmark report: one Markdown table of every benchmark's rows."""

from bench.__main__ import main, report


def test_report_is_one_table_with_a_row_per_figure():
    text = report([("engine", [("fire", "100/s", "200/s (raw SQL)", "0.50 (goal >= 0.5)")]),
                   ("load", [("GET /", "90/s, 20 ms, 80 ms", "600/s", "0.15")])])
    lines = text.splitlines()
    header = lines.index("| benchmark | figure | magflow | baseline (same run) | ratio / goal |")
    assert lines[header + 2:] == [
        "| engine | fire | 100/s | 200/s (raw SQL) | 0.50 (goal >= 0.5) |",
        "| load | GET / | 90/s, 20 ms, 80 ms | 600/s | 0.15 |",
    ]


def test_an_unknown_benchmark_is_named_and_nothing_runs(capsys):
    assert main(["speed"]) == 2
    assert "Unknown benchmark 'speed'; choose from engine, dues, feeds, load, pdf." in capsys.readouterr().out

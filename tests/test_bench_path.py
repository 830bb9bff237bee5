"""The six-step path benchmark walks every subject to the end, on both sides.

It runs in a process of its own: importing ``bench.engine`` registers the
benchmark's workflow, which the suite's inbox and authorization tests must not see.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
from sqlalchemy import text
from bench.engine import PATH, path_engine_rate, path_raw_rate, prepare, sqlite_database
from models.database import make_engine

with sqlite_database() as url:
    user_id = prepare(url)
    rates = [path_engine_rate(url, user_id, 3), path_raw_rate(url, user_id, 3)]
    engine = make_engine(url)
    with engine.connect() as connection:
        states = connection.execute(text("SELECT state, version FROM bench_items")).all()
        steps = connection.execute(text(
            "SELECT count(*) FROM workflow_history WHERE workflow = 'bench_path'")).scalar()
    engine.dispose()
print(json.dumps({"rates": rates, "states": [list(s) for s in states], "steps": steps,
                  "path": len(PATH)}))
"""


def test_the_path_benchmark_moves_each_subject_through_six_steps_on_both_sides():
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert all(rate > 0 for rate in found["rates"])
    assert found["states"] == [["member", found["path"]]] * 6
    assert found["steps"] == 6 * (found["path"] - 1)

"""The six-step path benchmark walks every subject to the end, on both sides."""

from sqlalchemy import text

from bench.engine import PATH, path_engine_rate, path_raw_rate, prepare, sqlite_database
from models.database import make_engine


def test_the_path_benchmark_moves_each_subject_through_six_steps_on_both_sides():
    with sqlite_database() as url:
        user_id = prepare(url)
        assert path_engine_rate(url, user_id, 3) > 0
        assert path_raw_rate(url, user_id, 3) > 0
        engine = make_engine(url)
        with engine.connect() as connection:
            states = connection.execute(text("SELECT state, version FROM bench_items")).all()
            steps = connection.execute(text(
                "SELECT count(*) FROM workflow_history WHERE workflow = 'bench_path'")).scalar()
        engine.dispose()
    assert states == [("member", len(PATH))] * 6
    assert steps == 6 * (len(PATH) - 1)

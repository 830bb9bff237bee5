"""Consistent backups of the embedded SQLite database while the app serves."""

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """The backup could not be taken; the message says why."""


def sqlite_path(url: str) -> Path:
    """The file behind a sqlite:/// URL; BackupError for any other database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise BackupError(
            "magflow backup copies the embedded SQLite database; "
            "back up PostgreSQL with pg_dump (see README)."
        )
    return Path(parsed.database)


def backup_sqlite(url: str, target: Path) -> Path:
    """Copy the database with SQLite's online backup API (consistent while others write)."""
    source_path = sqlite_path(url)
    if not source_path.exists():
        raise BackupError(f"no database at {source_path}")
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True, timeout=30)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy, pages=1024)
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
        source.close()
    if check != "ok":
        target.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {check}")
    return target

"""Backups, rotation, verification and restore; the quick check at open; owner-only files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from coopdesk.core.calendar import Month
from coopdesk.core.errors import StorageError
from coopdesk.core.statement import statement_for
from coopdesk.reports.statement_json import statement_document
from coopdesk.storage import backup as backups
from coopdesk.storage import config
from coopdesk.storage.database import CorruptDatabaseError, open_database
from coopdesk.storage.instance_lock import InstanceLock, is_in_use
from tests.unit.test_cli import run

pytestmark = pytest.mark.sqlite_only(
    "backup files, SQLite's online backup API and file restore (PostgreSQL's backup: test_postgres.py)"
)


def may_statement(db) -> dict:
    with db.session() as session:
        return statement_document(statement_for(session, "Norrmalm", Month(2026, 5)))


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xff" * 8192)


def test_a_backup_is_checked_complete_and_owner_only(example_db, data_home: Path) -> None:
    target = backups.make_backup(example_db.sqlite_path, reason="manual", now=dt.datetime(2026, 5, 31, 17, 30))
    assert target == data_home / "backups" / "test-20260531-173000-manual.db"
    assert mode(target) == 0o600 and mode(target.parent) == 0o700
    assert backups.integrity(target) == "ok"
    # no -wal, -shm or partial files (only the note of which database the backups belong to)
    assert sorted(p.name for p in target.parent.iterdir()) == [backups.OWNERS_FILE, target.name]
    copy = open_database(str(target), check=True)
    assert may_statement(copy) == may_statement(example_db)
    copy.close()


def test_the_backup_folder_is_a_setting(example_db, tmp_path: Path) -> None:
    stick = tmp_path / "usb-minne" / "coopdesk"
    config.set_backup_folder(stick)
    assert config.backup_folder() == stick
    target = backups.make_backup(example_db.sqlite_path)
    assert target.parent == stick
    config.set_backup_folder(None)
    assert config.backup_folder().name == "backups"


def test_rotation_keeps_7_daily_4_weekly_12_monthly(tmp_path: Path, example_db) -> None:
    folder = tmp_path / "rot"
    source = backups.make_backup(example_db.sqlite_path, folder=folder, now=dt.datetime(2026, 11, 27, 18, 0))
    start = dt.datetime(2026, 11, 27, 18, 0)
    for days in range(1, 500):  # one backup every day for well over a year, two on some days
        moment = start - dt.timedelta(days=days)
        shutil.copyfile(source, folder / backups.backup_name("test", moment, "auto"))
        if days % 5 == 0:
            shutil.copyfile(source, folder / backups.backup_name("test", moment - dt.timedelta(hours=3), "close"))
    shutil.copyfile(source, folder / backups.backup_name("test", start - dt.timedelta(days=800), "damaged"))
    backups.rotate("test", folder)
    kept = backups.list_backups("test", folder)
    restorable = [b for b in kept if b.restorable]
    assert len({b.taken_at.date() for b in restorable}) == len(restorable)  # one per day at most
    days = sorted((b.taken_at.date() for b in restorable), reverse=True)
    assert days[:7] == [dt.date(2026, 11, 27) - dt.timedelta(days=i) for i in range(7)]
    months = {(d.year, d.month) for d in days}
    assert len(months) == 12
    assert len(restorable) <= 7 + 4 + 12
    assert any(not b.restorable for b in kept)  # a copy of a damaged database is never rotated away


def test_a_backup_is_due_once_a_day(example_db) -> None:
    stem = example_db.sqlite_path.stem
    assert backups.backup_due(stem)
    backups.make_backup(example_db.sqlite_path, reason="auto")
    assert not backups.backup_due(stem)
    assert backups.backup_due(stem, today=dt.date.today() + dt.timedelta(days=1))


@pytest.mark.parametrize("kind", ["text", "foreign", "newer", "damaged", "missing"])
def test_verify_refuses_what_cannot_be_restored(tmp_path: Path, example_db, kind: str) -> None:
    path = tmp_path / f"{kind}.db"
    if kind == "text":
        path.write_text("inte en databas\n" * 100, encoding="utf-8")
    elif kind == "foreign":
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE recipes (name TEXT)")
    elif kind in ("newer", "damaged"):
        backups.make_backup(example_db.sqlite_path, target=path)
        if kind == "newer":
            with sqlite3.connect(path) as connection:
                connection.execute("UPDATE alembic_version SET version_num = '9999'")
        else:
            damage(path)
    with pytest.raises(StorageError) as info:
        backups.verify_backup(path)
    assert str(path) in info.value.sv


def test_restore_keeps_the_current_database_first(example_db, data_home: Path) -> None:
    from coopdesk.core.audit import Actor
    from coopdesk.core.services import attendance

    path = example_db.sqlite_path
    before = may_statement(example_db)
    good = backups.make_backup(path, reason="manual")
    with example_db.session() as session:  # a change made after the backup
        attendance.register(session, Actor("Sara"), 1, dt.date(2026, 5, 21), "sick")
    changed = may_statement(example_db)
    assert changed != before
    example_db.close()
    kept = backups.restore(path, good)
    assert kept is not None and kept.name.endswith("-restore.db")
    reopened = open_database(str(path))
    assert may_statement(reopened) == before
    reopened.close()
    saved = open_database(str(kept))
    assert may_statement(saved) == changed  # nothing lost: the replaced database is a backup now
    saved.close()


def test_a_damaged_database_is_refused_with_the_newest_backup_named(example_db) -> None:
    path = example_db.sqlite_path
    good = backups.make_backup(path, reason="auto")
    with example_db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    example_db.close()
    damage(path)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(str(path))
    assert info.value.backup == good
    assert "skadad" in info.value.sv and str(good) in info.value.sv
    kept = backups.restore(path, good)
    assert kept is not None and kept.name.endswith("-damaged.db")  # too damaged to back up properly
    open_database(str(path)).close()


def test_the_instance_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    with InstanceLock(path) as first:
        assert first.acquired and is_in_use(path)
        second = InstanceLock(path)
        assert not second.acquire()
    assert not is_in_use(path)


def test_cli_backup_list_and_restore(example_db, tmp_path: Path) -> None:
    db = str(example_db.sqlite_path)
    code, out, _ = run("--db", db, "backup")
    assert code == 0 and "checked" in out
    code, out, _ = run("--db", db, "backup", "-o", str(tmp_path / "egen.db"))
    assert code == 0 and (tmp_path / "egen.db").exists()
    code, out, _ = run("--db", db, "backup", "--list")
    assert code == 0 and "manual" in out
    code, _, err = run("--db", db, "restore")  # not a terminal: must be confirmed
    assert code == 1 and "--yes" in err
    with InstanceLock(example_db.sqlite_path):
        code, _, err = run("--db", db, "restore", "--yes")
    assert code == 1 and "running" in err
    example_db.close()
    code, out, _ = run("--db", db, "restore", "--yes", str(tmp_path / "egen.db"))
    assert code == 0 and "Restored" in out


def test_cli_restore_refuses_a_file_that_is_not_a_backup(example_db, tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\0" * 4096)
    before = example_db.sqlite_path.read_bytes()
    code, _, err = run("--db", str(example_db.sqlite_path), "restore", "--yes", str(junk))
    assert code == 1 and "junk.db" in err
    assert example_db.sqlite_path.read_bytes() == before


def test_data_backups_and_logs_are_owner_only(example_db, data_home: Path) -> None:
    from coopdesk.storage import paths

    backups.make_backup(example_db.sqlite_path)
    for folder in (paths.data_dir(), paths.backup_dir(), paths.log_dir()):
        assert mode(folder) == 0o700, folder
    assert mode(example_db.sqlite_path) == 0o600


def test_the_log_never_holds_a_personal_number(data_home: Path) -> None:
    import logging

    from coopdesk.ui.errors import log, scrub, setup_logging

    masked = "[personnummer]"
    assert scrub("19800101-0019 och 8001010019 och 198001010019") == f"{masked} och {masked} och {masked}"
    setup_logging()
    log.error("Fel för 19800101-0019 i raden")
    for handler in log.handlers:
        handler.flush()
    text = (data_home / "logs" / "coopdesk.log").read_text(encoding="utf-8")
    assert "19800101-0019" not in text and "[personnummer]" in text
    for handler in list(log.handlers):
        if isinstance(handler, logging.FileHandler):
            log.removeHandler(handler)
            handler.close()

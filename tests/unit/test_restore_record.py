"""A restore can be undone and is on the record: the copy kept before it is never rotated away (an
administrator removes it), the restore is logged in the restored database, the audit entries newer
than the backup come along (marked), and a missing, empty or truncated database can be restored."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdesk.core.audit import Actor
from coopdesk.storage import backup as backups
from coopdesk.storage.database import open_database
from tests.conftest import EXAMPLE, TEST_LOGIN
from tests.unit.test_cli import run

pytestmark = pytest.mark.sqlite_only("backup files and file restore")


def register_sick(db_path: Path, day: dt.date = dt.date(2026, 5, 21)) -> None:
    from coopdesk.core.services import attendance

    db = open_database(str(db_path), create=False)
    try:
        with db.session() as session:
            attendance.register(session, Actor("Sara Svensson"), 1, day, "sick")
    finally:
        db.close()


def audit_rows(db_path: Path) -> list[tuple]:
    from coopdesk.core.models import AuditEntry

    db = open_database(str(db_path), create=False, check=False)
    try:
        with db.session() as session:
            return [
                (e.actor, e.action, e.entity, e.summary or "", e.new or "")
                for e in session.query(AuditEntry).order_by(AuditEntry.id)
            ]
    finally:
        db.close()


def test_a_pre_restore_copy_survives_the_next_backups_rotation(example_db, data_home: Path) -> None:
    path = example_db.sqlite_path
    folder = data_home / "backups"
    now = dt.datetime.now().replace(microsecond=0)
    good = backups.make_backup(path, reason="manual", now=now - dt.timedelta(minutes=10))
    example_db.close()
    register_sick(path)  # a registration made before the restore ...
    kept = backups.restore(path, good)
    assert kept is not None and kept.name.endswith("-restore.db")
    # ... then the app closes (a backup on the same day, rotated): the copy must still be there.
    backups.make_backup(path, reason="close", now=now + dt.timedelta(minutes=1))
    backups.rotate(path.stem)
    assert kept.exists()  # before: rotated away, and the registration was in no database and no backup
    assert [b.path for b in backups.list_backups(path.stem) if b.kept_until_removed] == [kept]
    assert backups.backup_due(path.stem) is False
    assert folder in kept.parents


def test_cli_lists_and_an_administrator_removes_a_pre_restore_copy(example_db, tmp_path: Path) -> None:
    db = str(example_db.sqlite_path)
    assert run("--db", db, "backup")[0] == 0
    example_db.close()
    code, out, err = run("--db", db, "restore", "--yes")
    assert code == 0, err
    [kept] = [b for b in backups.list_backups(example_db.sqlite_path.stem) if b.reason == "restore"]
    code, out, _ = run("--lang", "sv", "--db", db, "backup", "--list")
    assert code == 0 and "före återställning (sparas tills en administratör tar bort den)" in out
    code, _, err = run("--db", db, "backup", "--remove-pre-restore", "nej.db")
    assert code == 1 and "not a copy kept before a restore" in err
    [manual] = [b for b in backups.list_backups(example_db.sqlite_path.stem) if b.reason == "manual"]
    code, _, err = run("--db", db, "backup", "--remove-pre-restore", manual.path.name)
    assert code == 1 and manual.path.exists()  # an ordinary backup is the rotation's business
    code, out, err = run("--db", db, "backup", "--remove-pre-restore", kept.path.name)
    assert code == 0, err
    assert not kept.path.exists()
    assert any(a == "delete" and ent == "backup" for _, a, ent, _, _ in audit_rows(example_db.sqlite_path))


def test_a_restore_is_logged_in_the_restored_database_and_later_entries_come_along(example_db, data_home: Path) -> None:
    path = example_db.sqlite_path
    good = backups.make_backup(path, reason="manual", now=dt.datetime(2026, 5, 1, 8, 0))
    example_db.close()
    register_sick(path)  # logged after the backup: must not be silently lost
    before = audit_rows(path)
    code, _out, err = run("--db", str(path), "restore", "--yes", str(good))
    assert code == 0, err
    rows = audit_rows(path)
    restore_entries = [r for r in rows if r[1] == "restore"]
    assert len(restore_entries) == 1  # before: no entry at all
    who, _, _, summary, new = restore_entries[0]
    assert who == "Test Administratör" and good.name in summary and "2026-05-01 08:00" in summary
    assert '"kept":' in new and "-restore.db" in new
    carried = [r for r in rows if r[3].startswith("[från före återställningen] ")]
    later = [r for r in before if r[0] == "Sara Svensson" and r[1] != "import"]  # the import is in the backup
    assert later and [r[:3] for r in carried if r[0] == "Sara Svensson"] == [r[:3] for r in later]
    assert "fördes över" in summary


@pytest.mark.parametrize("how", ["missing", "empty", "truncated"])
@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_restore_works_when_the_database_is_missing_empty_or_truncated(
    tmp_path: Path, how: str, encrypted: bool
) -> None:
    path = tmp_path / "kris.db"
    code, _, err = run("--db", str(path), "import", str(EXAMPLE), *([] if encrypted else ["--no-encryption"]))
    assert code == 0, err
    assert run("--db", str(path), "backup")[0] == 0
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if how == "missing":
        path.unlink()
        Path(f"{path}.keys").unlink(missing_ok=True)  # gone with it: the backup carries a copy
    elif how == "empty":
        path.write_bytes(b"")
    else:
        with open(path, "r+b") as handle:
            handle.truncate(5000)
    code, out, err = run("--db", str(path), "restore", "--yes")
    assert code == 0, err  # before: "does not exist" / "is empty … run init" / "not a coopdesk database"
    code, out, err = run("--db", str(path), "audit", "--limit", "3")
    assert code == 0, err
    assert "restored the database" in out and "databasen gick inte att öppna" in out
    assert Path(f"{path}.keys").exists() == encrypted


def test_restore_of_a_missing_encrypted_database_needs_a_password_of_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kris.db"
    assert run("--db", str(path), "import", str(EXAMPLE))[0] == 0
    assert run("--db", str(path), "backup")[0] == 0
    path.unlink()
    Path(f"{path}.keys").unlink()
    monkeypatch.setenv("COOPDESK_PASSWORD", "inte-rätt-lösen")
    code, _, err = run("--db", str(path), "restore", "--yes")
    assert code == 1 and "Wrong login or password" in err
    assert not path.exists()


def test_the_carried_entries_are_those_newer_than_the_backups_newest() -> None:
    from coopdesk.restoring import entries_after

    t = dt.datetime(2026, 5, 1, 8, 0)
    shared = [(t, "a", "x", "e", None, None, "s1", None, None)]
    same_second = (t, "b", "y", "e", None, None, "s2", None, None)
    later = (t + dt.timedelta(seconds=1), "c", "z", "e", None, None, "s3", None, None)
    assert entries_after([*shared, same_second, later], shared) == [same_second, later]
    assert entries_after(shared, []) == shared


def test_the_login_of_an_unopenable_database_is_checked_against_the_backup(tmp_path: Path) -> None:
    from coopdesk.restoring import backup_admin

    path = tmp_path / "p.db"
    assert run("--db", str(path), "import", str(EXAMPLE), "--no-encryption")[0] == 0
    copy = backups.make_backup(path, target=tmp_path / "copy.db")
    from tests.conftest import TEST_PASSWORD

    assert backup_admin(copy, None, TEST_LOGIN, TEST_PASSWORD).name == TEST_LOGIN
    assert backup_admin(copy, None, TEST_LOGIN, "fel-lösenord-1") is None


def test_two_databases_with_the_same_file_name_keep_separate_backups(tmp_path: Path, data_home: Path) -> None:
    first, second = tmp_path / "a" / "coopdesk.db", tmp_path / "b" / "coopdesk.db"
    for path in (first, second):
        code, _, err = run("--db", str(path), "import", str(EXAMPLE), "--no-encryption")
        assert code == 0, err
        assert run("--db", str(path), "backup")[0] == 0
    mine, theirs = backups.list_backups(first), backups.list_backups(second)
    assert len(mine) == 1 and len(theirs) == 1  # before: each listed (and rotated, restored) the other's
    assert mine[0].path.parent != theirs[0].path.parent
    assert backups.newest_good_backup(second).path == theirs[0].path
    code, out, _ = run("--db", str(first), "backup", "--list")
    assert str(mine[0].path) in out and str(theirs[0].path) not in out


def test_restoring_a_missing_database_from_a_file_that_is_no_backup_says_so(tmp_path: Path) -> None:
    """Found by test_cli_fuzz: 'restore ""' over a missing database was a ValueError (a bug)."""
    path = tmp_path / "saknas.db"
    for given in ("", str(tmp_path / "finns-inte.db")):
        code, _, err = run("--db", str(path), "restore", given, "--yes")
        assert code == 1 and "error" in err and not path.exists()


def test_a_moved_database_still_finds_its_backups(tmp_path: Path) -> None:
    first = tmp_path / "d" / "coopdesk.db"
    assert run("--db", str(first), "import", str(EXAMPLE), "--no-encryption")[0] == 0
    assert run("--db", str(first), "backup")[0] == 0
    moved = tmp_path / "e" / "coopdesk.db"
    moved.parent.mkdir(mode=0o700)
    first.rename(moved)  # another disk, another PC: the old place is gone
    assert len(backups.list_backups(moved)) == 1
    assert run("--db", str(moved), "backup")[0] == 0  # and its next backup claims the name for the new place
    import json

    owners = json.loads((backups.folder_for(moved) / backups.OWNERS_FILE).read_text(encoding="utf-8"))
    assert owners["coopdesk"] == str(moved.resolve())
    assert len(backups.list_backups(moved)) >= 1

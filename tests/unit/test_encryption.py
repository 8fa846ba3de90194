"""Encryption at rest: the keys file, SQLCipher databases, their backups, converting a plain database."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from coopdesk.core.errors import StorageError
from coopdesk.storage import backup as backups
from coopdesk.storage import keyfile
from coopdesk.storage.database import Database, is_encrypted_file, open_database
from coopdesk.storage.encryption import (
    EncryptedDatabaseError,
    WrongDatabaseKeyError,
    encrypt_database,
)
from coopdesk.storage.keyfile import (
    KeyFile,
    MissingKeyFileError,
    WrongPasswordError,
    WrongRecoveryKeyError,
    new_database_key,
    new_recovery_key,
)

pytestmark = pytest.mark.sqlite_only(
    "encryption at rest is SQLCipher's, for SQLite files (a server is encrypted on the server)"
)

NAME = "Åsa Lindqvist-Özdemir"


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyfile, "SCRYPT_N", 2**10)


def add_member(db: Database, name: str = NAME) -> None:
    from coopdesk.core.models import Member

    with db.session() as session:
        session.add(Member(name=name))


def member_names(db: Database) -> list[str]:
    from sqlalchemy import select

    from coopdesk.core.models import Member

    with db.session() as session:
        return list(session.scalars(select(Member.name).order_by(Member.name)))


def assert_unreadable(path: Path) -> None:
    """No plain SQLite header and no member's name in the bytes; sqlite3 cannot read it."""
    for part in (path, Path(f"{path}-wal")):
        if part.exists():
            data = part.read_bytes()
            assert b"SQLite format 3" not in data, part
            assert NAME.encode("utf-8") not in data, part
            assert b"Lindqvist" not in data and "Lindqvist".encode("utf-16-le") not in data, part
    raw = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            raw.execute("SELECT * FROM member").fetchall()
    finally:
        raw.close()


@pytest.fixture
def key() -> bytes:
    return new_database_key()


@pytest.fixture
def encrypted(tmp_path: Path, key: bytes) -> Path:
    """An encrypted database holding one member, closed, with its keys file (user 'sara')."""
    path = tmp_path / "coopdesk.db"
    keys = KeyFile.create(path, key, new_recovery_key())
    keys.wrap_for("sara", "hemligt lösen", key)
    keys.save()
    db = open_database(str(path), key=key)
    add_member(db)
    add_member(db, "Bo Ek")
    db.close()
    return path


# --- the keys file ------------------------------------------------------------------------------


def test_wrap_and_unwrap_round_trip_and_the_file_is_owner_only(tmp_path: Path, key: bytes) -> None:
    db_path = tmp_path / "coopdesk.db"
    recovery = new_recovery_key()
    keys = KeyFile.create(db_path, key, recovery)
    keys.wrap_for("sara", "Rätt häst batteri häftklammer", key)
    keys.wrap_for("kim", "ett annat lösenord", key)
    keys.save()
    assert keys.path == tmp_path / "coopdesk.db.keys"
    assert stat.S_IMODE(os.stat(keys.path).st_mode) == 0o600
    loaded = KeyFile.load(db_path)
    assert loaded is not None and loaded.logins() == ["kim", "sara"]
    assert loaded.unwrap_for("sara", "Rätt häst batteri häftklammer") == key
    assert loaded.unwrap_for("kim", "ett annat lösenord") == key
    assert loaded.unwrap_with_recovery(recovery) == key
    document = json.loads(keys.path.read_text(encoding="utf-8"))
    assert document["format"] == "coopdesk-keys/1"
    assert document["users"]["sara"]["kdf"] == "scrypt" and document["users"]["sara"]["n"] == 2**10
    assert key.hex() not in keys.path.read_text(encoding="utf-8")


def test_stored_scrypt_parameters_are_used_when_unwrapping(tmp_path: Path, key: bytes, monkeypatch) -> None:
    keys = KeyFile.create(tmp_path / "x.db", key, new_recovery_key())
    keys.wrap_for("sara", "lösen", key)
    monkeypatch.setattr(keyfile, "SCRYPT_N", 2**11)  # raised later: the old entry still opens
    assert keys.unwrap_for("sara", "lösen") == key


def test_a_wrong_password_or_unknown_login_gives_the_same_message(tmp_path: Path, key: bytes) -> None:
    keys = KeyFile.create(tmp_path / "x.db", key, new_recovery_key())
    keys.wrap_for("sara", "rätt", key)
    with pytest.raises(WrongPasswordError) as wrong:
        keys.unwrap_for("sara", "fel")
    with pytest.raises(WrongPasswordError) as unknown:
        keys.unwrap_for("okänd", "rätt")
    assert wrong.value.sv == unknown.value.sv == "Fel användarnamn eller lösenord."


def test_an_entry_moved_to_another_login_or_database_does_not_open(tmp_path: Path, key: bytes) -> None:
    keys = KeyFile.create(tmp_path / "x.db", key, new_recovery_key())
    keys.wrap_for("sara", "lösen", key)
    keys.wrap_for("kim", "annat", key)
    keys.save()
    document = json.loads(keys.path.read_text(encoding="utf-8"))
    document["users"]["kim"] = document["users"]["sara"]  # sara's entry under kim's name
    keys.path.write_text(json.dumps(document), encoding="utf-8")
    moved = KeyFile.require(tmp_path / "x.db")
    with pytest.raises(WrongPasswordError):
        moved.unwrap_for("kim", "lösen")
    assert moved.unwrap_for("sara", "lösen") == key
    other = KeyFile.create(tmp_path / "y.db", key, new_recovery_key())  # another database id
    other._users["sara"] = document["users"]["sara"]
    with pytest.raises(WrongPasswordError):
        other.unwrap_for("sara", "lösen")


def test_the_recovery_key_is_printable_and_forgiving_when_typed(tmp_path: Path, key: bytes) -> None:
    recovery = new_recovery_key()
    groups = recovery.split("-")
    assert len(groups) == 7 and all(len(g) == 4 for g in groups)
    assert all(ch in "0123456789ABCDEFGHJKMNPQRSTVWXYZ" for ch in "".join(groups))
    keys = KeyFile.create(tmp_path / "x.db", key, recovery)
    for typed in (recovery.lower(), recovery.replace("-", " "), recovery.replace("-", ""), f"  {recovery} \n"):
        assert keys.unwrap_with_recovery(typed) == key
    with pytest.raises(WrongRecoveryKeyError) as mistyped:
        keys.unwrap_with_recovery(recovery[:-1] + ("0" if recovery[-1] != "0" else "1"))
    assert "felskriven" in mistyped.value.sv
    with pytest.raises(WrongRecoveryKeyError):
        keys.unwrap_with_recovery(recovery[:10])
    with pytest.raises(WrongRecoveryKeyError) as foreign:
        keys.unwrap_with_recovery(new_recovery_key())  # well formed, another database's
    assert "hör inte till" in foreign.value.sv


def test_changing_a_password_rewraps_only_that_users_entry(tmp_path: Path, key: bytes) -> None:
    keys = KeyFile.create(tmp_path / "x.db", key, new_recovery_key())
    for login in ("anna", "bo", "sara"):
        keys.wrap_for(login, f"{login}-lösen", key)
    keys.save()
    before = json.loads(keys.path.read_text(encoding="utf-8"))
    again = KeyFile.require(tmp_path / "x.db")
    again.wrap_for("bo", "nytt lösen", key)
    again.save()
    after = json.loads(keys.path.read_text(encoding="utf-8"))
    assert after["users"]["anna"] == before["users"]["anna"] and after["users"]["sara"] == before["users"]["sara"]
    assert after["recovery"] == before["recovery"]
    assert after["users"]["bo"] != before["users"]["bo"]
    with pytest.raises(WrongPasswordError):
        again.unwrap_for("bo", "bo-lösen")
    assert again.unwrap_for("bo", "nytt lösen") == key
    again.remove("bo")
    assert again.logins() == ["anna", "sara"]


def test_a_damaged_keys_file_and_another_databases_keys_file(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "x.db"
    KeyFile.create(path, key, new_recovery_key()).save()
    with pytest.raises(StorageError, match="another database"):
        KeyFile.create(path, key, new_recovery_key()).save()  # never over another database's keys
    (tmp_path / "x.db.keys").write_text("{inte json", encoding="utf-8")
    with pytest.raises(keyfile.DamagedKeyFileError):
        KeyFile.load(path)


def test_failed_logins_are_kept_until_taken(tmp_path: Path, key: bytes) -> None:
    keys = KeyFile.create(tmp_path / "x.db", key, new_recovery_key())
    keys.save()
    at = dt.datetime(2026, 11, 27, 9, 30)
    keys.note_failed_login("sara", at)
    assert KeyFile.require(tmp_path / "x.db").take_failed_logins() == [("sara", at)]
    assert KeyFile.require(tmp_path / "x.db").take_failed_logins() == []


# --- an encrypted database ----------------------------------------------------------------------


def test_an_encrypted_database_holds_no_readable_name(encrypted: Path, key: bytes) -> None:
    assert is_encrypted_file(encrypted)
    assert_unreadable(encrypted)
    db = open_database(str(encrypted), key=key)
    try:
        assert db.is_encrypted and db.key == key
        assert member_names(db) == ["Bo Ek", NAME]
        with db.engine.connect() as connection:  # the pragmas still apply
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("synchronous") == 2
            assert pragma("foreign_keys") == 1
        add_member(db, "Cecilia Öberg")  # written, not yet checkpointed: the WAL is encrypted too
        assert Path(f"{encrypted}-wal").stat().st_size > 0
        assert b"Cecilia" not in Path(f"{encrypted}-wal").read_bytes()
        assert_unreadable(encrypted)
    finally:
        db.close()
    assert stat.S_IMODE(os.stat(encrypted).st_mode) == 0o600


def test_an_encrypted_database_without_or_with_a_wrong_key_is_a_clear_message(encrypted: Path) -> None:
    before = encrypted.read_bytes()
    with pytest.raises(EncryptedDatabaseError) as without:
        open_database(str(encrypted))
    assert "krypterad" in without.value.sv and "Logga in" in without.value.sv
    with pytest.raises(WrongDatabaseKeyError) as wrong:
        open_database(str(encrypted), key=new_database_key())
    assert "Nyckeln öppnar inte" in wrong.value.sv
    assert encrypted.read_bytes() == before


def test_a_plain_database_opened_with_a_key_is_refused(db: Database, key: bytes) -> None:
    path = db.sqlite_path
    db.close()
    with pytest.raises(StorageError, match="not encrypted"):
        open_database(str(path), key=key)
    assert not is_encrypted_file(path) and not db.is_encrypted


def test_a_missing_keys_file_says_where_it_should_be(encrypted: Path) -> None:
    (encrypted.parent / "coopdesk.db.keys").unlink()
    assert KeyFile.load(encrypted) is None
    with pytest.raises(MissingKeyFileError) as info:
        KeyFile.require(encrypted)
    assert str(encrypted.parent / "coopdesk.db.keys") in info.value.sv
    assert "återställningsnyckeln" in info.value.sv and "säkerhetskopia" in info.value.sv


# --- backups ------------------------------------------------------------------------------------


def test_a_backup_of_an_encrypted_database_is_encrypted_and_keeps_its_keys(
    encrypted: Path, key: bytes, data_home: Path
) -> None:
    db = open_database(str(encrypted), key=key)
    made = backups.make_backup(encrypted, reason="manual", key=db.key)
    db.close()
    assert made.parent == data_home / "backups"
    expected = sorted([made.name, made.name + ".keys", backups.OWNERS_FILE])
    assert sorted(p.name for p in made.parent.iterdir()) == expected
    assert stat.S_IMODE(os.stat(made).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(made.with_name(made.name + ".keys")).st_mode) == 0o600
    assert_unreadable(made)
    assert backups.integrity(made, key) == "ok"
    backups.verify_backup(made, key)
    with pytest.raises(EncryptedDatabaseError):
        backups.verify_backup(made)
    with pytest.raises(WrongDatabaseKeyError):
        backups.verify_backup(made, new_database_key())
    [listed] = backups.list_backups("coopdesk")
    assert listed.encrypted and listed.path == made
    assert backups.newest_good_backup("coopdesk") is None  # cannot be verified without the key
    assert backups.newest_good_backup("coopdesk", key=key) == listed
    # Carried to another disk: its own keys file opens it with the password of that day.
    moved = KeyFile.require(made).unwrap_for("sara", "hemligt lösen")
    copy = open_database(str(made), key=moved)
    assert member_names(copy) == ["Bo Ek", NAME]
    copy.close()


def test_an_encrypted_backup_needs_the_key(encrypted: Path) -> None:
    with pytest.raises(EncryptedDatabaseError):
        backups.make_backup(encrypted, reason="manual")


def test_restore_of_an_encrypted_backup(encrypted: Path, key: bytes) -> None:
    good = backups.make_backup(encrypted, reason="manual", key=key)
    db = open_database(str(encrypted), key=key)
    add_member(db, "Cecilia Öberg")
    db.close()
    kept = backups.restore(encrypted, good, key=key)
    assert kept is not None and kept.name.endswith("-restore.db")
    assert_unreadable(kept) and kept.with_name(kept.name + ".keys").exists()
    assert_unreadable(encrypted)
    db = open_database(str(encrypted), key=key)
    assert member_names(db) == ["Bo Ek", NAME]
    db.close()
    with pytest.raises(EncryptedDatabaseError):
        backups.restore(encrypted, good)  # no key: refused, nothing changed


def test_restore_puts_back_a_missing_keys_file(encrypted: Path, key: bytes) -> None:
    good = backups.make_backup(encrypted, reason="manual", key=key)
    (encrypted.parent / "coopdesk.db.keys").unlink()
    backups.restore(encrypted, good, key=key)
    keys = KeyFile.require(encrypted)
    assert open_database(str(encrypted), key=keys.unwrap_for("sara", "hemligt lösen")).key == key


def test_restore_refuses_an_encrypted_result_without_any_keys_file(encrypted: Path, key: bytes) -> None:
    good = backups.make_backup(encrypted, reason="manual", key=key)
    good.with_name(good.name + ".keys").unlink()
    (encrypted.parent / "coopdesk.db.keys").unlink()
    before = encrypted.read_bytes()
    with pytest.raises(MissingKeyFileError):
        backups.restore(encrypted, good, key=key)
    assert encrypted.read_bytes() == before


def test_rotation_removes_a_backups_keys_file_with_it(encrypted: Path, key: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "rot"
    start = dt.datetime(2026, 11, 27, 18, 0)
    for days in range(40):
        backups.make_backup(encrypted, folder=folder, key=key, reason="auto", now=start - dt.timedelta(days=days))
    removed = backups.rotate("coopdesk", folder)
    assert removed
    for path in removed:
        assert not path.with_name(path.name + ".keys").exists()
    for kept in backups.list_backups("coopdesk", folder):
        assert kept.path.with_name(kept.path.name + ".keys").exists()


# --- converting a plain database ----------------------------------------------------------------


def test_encrypt_database_keeps_every_row_and_hides_the_names(example_db: Database, key: bytes) -> None:
    from coopdesk.core.demo import demo_document
    from coopdesk.core.exchange.importer import import_document
    from tests.conftest import TODAY, Actor

    path = example_db.sqlite_path
    example_db.close()
    demo = open_database(str(path.with_name("demo.db")))
    with demo.session() as session:
        import_document(session, demo_document(TODAY, members=8, years=0.3), actor=Actor("t"), today=TODAY)
    add_member(demo)
    demo_path = demo.sqlite_path
    demo.close()
    plain_backup = backups.make_backup(demo_path, reason="manual")
    raw = sqlite3.connect(demo_path)
    tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    counts = {t: raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    raw.close()
    assert counts["member"] == 9 and counts["attendance"] > 100
    assert NAME.encode() in demo_path.read_bytes()  # the test means something: the plain file shows it

    keys = KeyFile.create(demo_path, key, new_recovery_key())
    keys.wrap_for("admin", "lösen", key)
    keys.save()
    encrypt_database(demo_path, key)
    assert not Path(f"{demo_path}-wal").exists() and not Path(f"{demo_path}-shm").exists()
    assert not list(demo_path.parent.glob(".demo.db.*"))
    assert_unreadable(demo_path)
    converted = connect_counts(demo_path, key, tables)
    assert converted == counts
    db = open_database(str(demo_path), key=key)
    assert NAME in member_names(db)
    db.close()
    with pytest.raises(StorageError, match="already encrypted"):
        encrypt_database(demo_path, key)

    assert not is_encrypted_file(plain_backup)
    done, failed = backups.encrypt_backups(demo_path, key)
    assert done == [plain_backup] and failed == []
    assert_unreadable(plain_backup)
    assert plain_backup.with_name(plain_backup.name + ".keys").exists()
    backups.verify_backup(plain_backup, key)


def connect_counts(path: Path, key: bytes, tables: list[str]) -> dict[str, int]:
    from coopdesk.storage.encryption import connect

    connection = connect(path, key)
    try:
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        connection.close()


def test_a_plain_backup_restored_with_a_key_comes_back_encrypted(encrypted: Path, key: bytes, tmp_path) -> None:
    plain = open_database(str(tmp_path / "old.db"))
    add_member(plain, NAME)
    plain.close()
    old = backups.make_backup(tmp_path / "old.db", target=tmp_path / "old-backup.db")
    backups.restore(encrypted, old, key=key)
    assert_unreadable(encrypted)
    db = open_database(str(encrypted), key=key)
    assert member_names(db) == [NAME]
    db.close()
    with pytest.raises(EncryptedDatabaseError):
        backups.restore(encrypted, old)  # without the key a plain file would replace an encrypted one


def test_a_new_encrypted_database_is_made_by_open_database(tmp_path: Path, key: bytes) -> None:
    path = tmp_path / "ny" / "coopdesk.db"
    db = open_database(str(path), key=key)
    add_member(db)
    db.close()
    assert is_encrypted_file(path)
    assert_unreadable(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_an_old_schema_encrypted_database_migrates_with_an_encrypted_backup_first(
    tmp_path: Path, key: bytes, data_home: Path
) -> None:
    from tests.conftest import FIXTURES

    path = tmp_path / "gammal.db"
    path.write_bytes((FIXTURES / "schemas" / "coopdesk-0001.db").read_bytes())
    KeyFile.create(path, key, new_recovery_key()).save()
    encrypt_database(path, key)
    db = open_database(str(path), key=key)
    with db.engine.connect() as connection:
        from coopdesk.storage.schema import HEAD

        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    db.close()
    [made] = (data_home / "backups").glob("gammal-*-migration.db")
    assert is_encrypted_file(made) and made.with_name(made.name + ".keys").exists()
    raw = connect_counts(made, key, ["alembic_version"])
    assert raw == {"alembic_version": 1}


def test_a_damaged_encrypted_database_names_the_newest_backup(encrypted: Path, key: bytes) -> None:
    from coopdesk.storage.database import CorruptDatabaseError

    db = open_database(str(encrypted), key=key)
    for i in range(300):  # enough pages that the damage below misses the first one
        add_member(db, f"Medlem {i:03d} " + "x" * 150)
    good = backups.make_backup(encrypted, reason="auto", key=key)
    db.close()
    size = encrypted.stat().st_size
    with open(encrypted, "r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xff" * 8192)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(str(encrypted), key=key)
    assert info.value.backup == good
    backups.restore(encrypted, good, key=key)
    open_database(str(encrypted), key=key).close()


def test_without_sqlcipher3_an_encrypted_database_is_a_clear_message(
    tmp_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if not installed
    with pytest.raises(StorageError, match="sqlcipher3"):
        open_database(str(tmp_path / "x.db"), key=key)
    assert not (tmp_path / "x.db").exists()


def test_a_plain_database_never_imports_sqlcipher3() -> None:
    import subprocess
    import sys

    code = (
        "import sys, coopdesk.storage.database, coopdesk.storage.backup; "
        "print('sqlcipher3' in sys.modules, 'cryptography' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_file_name_with_uri_characters_opens_backs_up_and_verifies(tmp_path: Path, key: bytes, data_home) -> None:
    """'?', '#' and '%' are ordinary characters in a file name, not parts of an SQLite URI."""
    path = tmp_path / "kooperativ #2 ?50%.db"
    db = open_database(str(path), key=key)
    db.close()
    assert path.exists() and is_encrypted_file(path) and len(list(tmp_path.iterdir())) >= 1
    made = backups.make_backup(path, reason="manual", key=key)
    backups.verify_backup(made, key=key)
    assert backups.integrity(made, key) == "ok"

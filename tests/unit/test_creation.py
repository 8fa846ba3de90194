"""Creating and encrypting a database are atomic: a process killed at a chosen moment (``os._exit`` in a
subprocess, as abrupt as SIGKILL for the files) leaves no database or a complete one with its keys file,
and the next command finishes or cleans up. Random kill moments: tests/crash/test_creation_crash.py."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coopdesk import access
from tests.conftest import EXAMPLE, TEST_LOGIN, TEST_PASSWORD
from tests.unit.test_cli import run

pytestmark = pytest.mark.sqlite_only("creating SQLite files")
ROOT = Path(__file__).resolve().parents[2]

# The command runs in a child process where ``target`` (module, attribute) is replaced by a function
# that ends the process at once (no clean-up, no atexit, no finally): a kill at that moment.
CHILD = """
import os, sys, importlib
from coopdesk.core import passwords
from coopdesk.storage import keyfile
passwords.SCRYPT_N = keyfile.SCRYPT_N = 2**10
target, nth = sys.argv[1], int(sys.argv[2])
parts = target.split(".")
for cut in range(len(parts) - 1, 0, -1):
    try:
        module = importlib.import_module(".".join(parts[:cut]))
        break
    except ImportError:
        continue
for name in parts[cut:-1]:
    module = getattr(module, name)
attribute = parts[-1]
original = getattr(module, attribute)
calls = []
def die(*args, **kwargs):
    calls.append(args)
    if len(calls) >= nth:
        os._exit(9)
    return original(*args, **kwargs)
setattr(module, attribute, die)
from coopdesk import cli
sys.exit(cli.main(sys.argv[3:]))
"""


def killed(target: str, nth: int, *argv: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CHILD), target, str(nth), *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 9, done.stderr[-2000:]
    return done.returncode


def leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}"))


def assert_nothing_or_whole(path: Path, *, members: int | None = None) -> bool:
    """After the next command's look (``is_new`` settles): no database and no keys file, or both,
    opening with the password. True when a database is there."""
    new = access.is_new(str(path))
    assert leftovers(path) == []
    if new:
        assert not path.exists() and not Path(f"{path}.keys").exists()
        return False
    session = access.login(str(path), TEST_LOGIN, TEST_PASSWORD)
    try:
        if members is not None:
            from coopdesk.core.models import Member

            with session.db.session() as s:
                assert s.query(Member).count() == members
    finally:
        session.db.close()
    return True


def test_init_killed_while_its_keys_file_is_written_leaves_no_database(tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    code = killed("coopdesk.storage.keyfile.KeyFile.save", 1, "--db", str(path), "init", "--admin", TEST_LOGIN)
    assert code == 9
    assert not assert_nothing_or_whole(path)  # before: an encrypted database without its keys file
    code, _out, err = run("--db", str(path), "init", "--admin", TEST_LOGIN)
    assert code == 0, err
    assert assert_nothing_or_whole(path)


def test_init_killed_between_moving_the_keys_file_and_the_database_is_finished_next_time(tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    # os.replace: the keys file written (write_atomic), moved, then the database moved: killed at that third one.
    code = killed("coopdesk.storage.creation.os.replace", 3, "--db", str(path), "init", "--admin", TEST_LOGIN)
    assert code == 9
    assert Path(f"{path}.keys").exists() and not path.exists()
    assert assert_nothing_or_whole(path)  # the complete database was moved into place
    assert path.exists() and Path(f"{path}.keys").exists()


def test_import_killed_half_way_leaves_no_database(tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    code = killed("coopdesk.core.exchange.importer.import_document", 1, "--db", str(path), "import", str(EXAMPLE))
    assert code == 9
    assert not assert_nothing_or_whole(path)  # before: a database without the imported data (or keys)
    code, _, err = run("--db", str(path), "import", str(EXAMPLE))
    assert code == 0, err
    assert assert_nothing_or_whole(path, members=1)


def test_a_missing_database_beside_its_keys_file_is_not_replaced_by_init(tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    assert run("--db", str(path), "init", "--admin", TEST_LOGIN)[0] == 0
    path.unlink()
    code, _, err = run("--db", str(path), "init", "--admin", TEST_LOGIN)
    assert code == 1 and "keys file" in err and "restore" in err
    assert Path(f"{path}.keys").exists()


def plain_with_backup(tmp_path: Path) -> Path:
    path = tmp_path / "plain.db"
    code, _, err = run("--db", str(path), "import", str(EXAMPLE), "--no-encryption")
    assert code == 0, err
    assert run("--db", str(path), "backup")[0] == 0
    return path


def plain_backups(home: Path, stem: str) -> list[Path]:
    return [p for p in (home / "backups").glob(f"{stem}-*.db") if p.read_bytes()[:16] == b"SQLite format 3\x00"]


def test_encrypt_killed_before_the_file_is_replaced_can_be_run_again(tmp_path: Path, data_home: Path) -> None:
    path = plain_with_backup(tmp_path)
    code = killed("coopdesk.storage.encryption.encrypt_database", 1, "--db", str(path), "encrypt")
    assert code == 9
    assert Path(f"{path}.keys").exists()  # written first; the database is still plain
    code, _out, err = run("--db", str(path), "encrypt")
    assert code == 0, err  # before: "the keys file belongs to another database"
    assert not path.read_bytes().startswith(b"SQLite format 3") and plain_backups(data_home, "plain") == []
    assert_nothing_or_whole(path, members=1)


def test_encrypt_killed_while_encrypting_the_backups_is_finished_by_running_it_again(
    tmp_path: Path, data_home: Path
) -> None:
    path = plain_with_backup(tmp_path)
    code = killed("coopdesk.storage.backup.encrypt_backups", 1, "--db", str(path), "encrypt")
    assert code == 9
    assert plain_backups(data_home, "plain") != []
    code, out, err = run("--db", str(path), "encrypt")
    assert code == 0, err  # before: "already encrypted", and the plain backup stayed
    assert "Recovery key" in out
    assert plain_backups(data_home, "plain") == []
    code, _, err = run("--db", str(path), "encrypt")
    assert code == 1 and "already encrypted" in err
    assert_nothing_or_whole(path, members=1)

"""Start to data (issue 20.1): the login dialog without the database layer, the database layer loaded
while it waits (login.preload), and the login's one key derivation on a thread of its own."""

from __future__ import annotations

import hashlib
import importlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from coopdesk import access
from coopdesk.app import start_plan
from coopdesk.storage.key_derivation import THREAD_NAME as KEY_THREAD
from coopdesk.ui import login

ROOT = Path(__file__).resolve().parents[2]


def encrypted(path: Path) -> Path:
    access.create_database(str(path), "admin", "Admin", "ett-bra-lösenord-1", encrypt=True).session.db.close()
    return path


def test_the_login_dialog_of_an_encrypted_database_needs_no_sqlalchemy(tmp_path: Path) -> None:
    """In a fresh process, as at start: deciding the start and building the login dialog import neither
    SQLAlchemy nor the models (they cost about 0.3 s before the dialog could paint)."""
    db = encrypted(tmp_path / "coop.db")
    code = f"""
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from coopdesk.ui import login
from coopdesk.app.start_plan import LOGIN, plan_start
plan = plan_start({str(db)!r})
assert plan.kind == LOGIN, plan
dialog = login.LoginDialog({str(db)!r}, plan)
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy" or m == "coopdesk.core.models")
print(loaded)
"""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_every_module_preload_names_exists() -> None:
    """preload() keeps quiet about a failed import (the GUI thread's own import reports it): a name that
    does not exist would silently load nothing."""
    for name in login.PRELOAD:
        importlib.import_module(name)


def test_preload_runs_once_and_is_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(login, "_preloading", None)
    first = login.preload()
    assert login.preload() is first
    login.preloaded()
    assert not first.is_alive()
    assert all(name in sys.modules for name in login.PRELOAD)


def test_the_dialog_derives_the_key_once_on_its_own_thread(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The derivation starts at Return on a thread (so it overlaps the rest of the import after a quick
    start) and access.login uses its key: still one derivation per login, a wrong password still refused."""
    db = encrypted(tmp_path / "coop.db")
    threads: list[str] = []
    real = hashlib.scrypt

    def counted(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    dialog = login.LoginDialog(str(db), start_plan.plan_start(str(db)))
    qtbot.addWidget(dialog)
    dialog.tick_ms = 5
    dialog.login.setText("admin")
    dialog.password.setText("fel-lösenord-123")
    assert not dialog.attempt()
    assert dialog.message.text() == access.LoginError().message("sv")
    assert threads == [KEY_THREAD]
    qtbot.waitUntil(dialog.login_button.isEnabled, timeout=2000)
    threads.clear()
    dialog.password.setText("ett-bra-lösenord-1")
    assert dialog.attempt()
    dialog.session.db.close()
    assert threads == [KEY_THREAD]
    assert dialog.session.actor.login == "admin"

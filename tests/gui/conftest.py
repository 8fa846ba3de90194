"""GUI fixtures: real widgets, offscreen, each test on its own copy of a demo database.

The demo database is built once per test session (about a second) and copied for every test, so
each test starts from the same fresh data and may change it freely. It has two accounts: the
administrator ``admin.test`` (Sara Svensson, the same login as the CLI tests use) and the handledare
``kim`` (Kim Handledare); ``ctx`` is logged in as the administrator.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from coopdesk.core.actor import ROLE_ADMIN, ROLE_SUPERVISOR
from coopdesk.core.audit import Actor
from coopdesk.core.demo import demo_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.storage.database import open_database
from coopdesk.ui.collector import GarbageCollector
from coopdesk.ui.context import AppContext

#: The demo data is built relative to this day, so tests see the same calendar every time.
GUI_TODAY = dt.date(2026, 11, 27)
ADMIN_LOGIN, ADMIN_PASSWORD = "admin.test", "test-lösenord-1"  # = tests/conftest.py TEST_LOGIN/TEST_PASSWORD
SUPERVISOR_LOGIN, SUPERVISOR_PASSWORD = "kim", "kim-lösenord-1"
ADMIN = Actor("Sara Svensson", ROLE_ADMIN, ADMIN_LOGIN)
SUPERVISOR = Actor("Kim Handledare", ROLE_SUPERVISOR, SUPERVISOR_LOGIN)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    from coopdesk.core import passwords
    from coopdesk.core.services import users

    database = open_database(str(path))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "SCRYPT_N", 2**10)  # logins in the tests cost milliseconds
        with database.session() as session:
            admin = users.create_first_admin(session, ADMIN_LOGIN, ADMIN.name, ADMIN_PASSWORD)
            users.add_user(
                session,
                admin,
                SUPERVISOR_LOGIN,
                SUPERVISOR.name,
                ROLE_SUPERVISOR,
                SUPERVISOR_PASSWORD,
                must_change=False,
            )
    with database.session() as session:
        import_document(session, demo_document(GUI_TODAY), actor=Actor("demo"), today=GUI_TODAY)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture(scope="session")
def collector(qapp) -> GarbageCollector:
    """As in the app (ui/gui.py): garbage is collected on the GUI thread, never on the database worker."""
    return GarbageCollector(qapp)


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(collector: GarbageCollector) -> Iterator[None]:
    yield
    collector.check()  # the timer only fires while an event loop runs; tests mostly don't run one


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[None]:
    """QSettings in a temporary folder, so tests neither read nor write the user's settings."""
    QCoreApplication.setOrganizationName("coopdesk-tests")
    QCoreApplication.setApplicationName("coopdesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.db"
    shutil.copyfile(demo_template, target)
    return target


@pytest.fixture
def ctx(qapp, demo_db_path: Path) -> Iterator[AppContext]:
    database = open_database(str(demo_db_path))
    context = AppContext(database, ADMIN)
    yield context
    context.tasks.wait()
    database.close()

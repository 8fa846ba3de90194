"""Idag writes through the application layer: a status key is one RegisterDays command, one writing
transaction, the same command `coopdesk register` runs (tests/unit/test_application.py)."""

from __future__ import annotations

import pytest

from coopdesk.app.application import Application, Work
from coopdesk.app.attendance import RegisterDays
from coopdesk.core.audit import Actor
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import attendance
from coopdesk.storage.database import open_database
from coopdesk.ui.context import AppContext
from coopdesk.ui.views.today import TodayView
from coopdesk.ui.views.today_model import TodayModel
from tests.gui.test_today import DAY, twenty_member_document
from tests.transactions import counted


@pytest.fixture
def three(qapp, tmp_path):
    database = open_database(str(tmp_path / "three.db"))
    with database.session() as session:
        import_document(
            session,
            twenty_member_document(["Anna Andersson", "Sigrid Sandberg", "Oskar Olsson"]),
            actor=Actor("t"),
            today=DAY,
        )
    yield AppContext(database, Actor("Sara Svensson"))
    database.close()


def test_a_status_key_in_idag_is_one_register_command_in_one_transaction(qtbot, three, monkeypatch) -> None:
    commands: list[RegisterDays] = []
    real_run = RegisterDays.run

    def spy(self: RegisterDays, work: Work):
        commands.append(self)
        return real_run(self, work)

    monkeypatch.setattr(RegisterDays, "run", spy)
    executed: list[object] = []
    real_execute = Application.execute

    def execute(self: Application, command):
        executed.append(command)
        return real_execute(self, command)

    monkeypatch.setattr(Application, "execute", execute)
    view = TodayView(three)
    qtbot.addWidget(view)
    view.show()
    view.set_date(DAY)
    sigrid = next(r.member_id for r in view.model.rows if r.name == "Sigrid Sandberg")
    view.table.setCurrentIndex(view.model.index(view.model.row_of(sigrid), TodayModel.STATUS))
    with counted(three.db) as transactions:
        view.set_status("sick")
        qtbot.waitUntil(lambda: view.model.rows[view.model.row_of(sigrid)].entry.status == "sick")
        three.tasks.settle()
    assert len(commands) == 1 and executed == commands  # nothing else wrote
    [change] = commands[0].days
    assert (change.member, change.day, change.status) == (sigrid, DAY, "sick")
    assert len(transactions.writing) == 1
    assert "attendance" in transactions.writing[0] and "audit_log" in transactions.writing[0]
    record = three.read(lambda s: attendance.find(s, sigrid, DAY))
    assert record is not None and record.status == "sick" and record.version == 1

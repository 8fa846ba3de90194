"""Visa → Händelselogg: filters by member, user and period; opening a member is logged."""

from __future__ import annotations

import datetime as dt

from coopdesk.core.services.register import day_register
from coopdesk.ui.audit_dialog import AuditDialog
from coopdesk.ui.undo import DayState, set_day
from coopdesk.ui.views.members import MembersView


def test_the_log_shows_who_changed_and_who_opened_a_member(qtbot, qtmodeltester, ctx) -> None:
    day = dt.date(2026, 11, 26)
    planned = ctx.read(lambda s: day_register(s, day).planned_rows[0])
    view = MembersView(ctx)
    qtbot.addWidget(view)
    view.open_member(planned.member_id)
    assert set_day(ctx, None, planned.member_id, planned.name, day, DayState("sick"))
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    texts = [dialog.model.rows[r][2] for r in range(dialog.model.rowCount())]
    assert any(t.startswith("öppnade medlem: Öppnade") for t in texts)
    assert any(t.startswith("lade till närvaro") or t.startswith("ändrade närvaro") for t in texts)
    dialog.member.setText("ingen-sådan-medlem")
    dialog.refresh()
    assert dialog.model.rowCount() == 0 and "matchar" in dialog.message.text()
    dialog.member.clear()
    dialog.user.setCurrentIndex(dialog.user.findData("Sara Svensson"))
    assert all(dialog.model.rows[r][1] == "Sara Svensson" for r in range(dialog.model.rowCount()))

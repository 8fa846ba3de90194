"""Visa → Händelselogg: filters by member, user, kind and period; the kind in words; Före/Efter in the
detail pane; opening a member is logged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from coopdesk.core.models import WorkArea
from coopdesk.core.services.register import day_register
from coopdesk.ui.audit_dialog import AuditDialog, AuditModel
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
    kinds = [dialog.model.rows[r].kind for r in range(dialog.model.rowCount())]
    assert "Medlemsakt öppnad" in kinds
    assert "Närvaro registrerad" in kinds or "Närvaro ändrad" in kinds
    opened = next(r for r in dialog.model.rows if r.kind == "Medlemsakt öppnad")
    assert opened.member == planned.name and opened.who == "Sara Svensson"
    dialog.member.setText("ingen-sådan-medlem")
    dialog.refresh()
    assert dialog.model.rowCount() == 0 and "matchar" in dialog.message.text()
    dialog.member.clear()
    dialog.user.setCurrentIndex(dialog.user.findData("Sara Svensson"))
    assert all(dialog.model.rows[r].who == "Sara Svensson" for r in range(dialog.model.rowCount()))


def test_an_attendance_change_reads_in_words_with_before_and_after(qtbot, qtmodeltester, ctx) -> None:
    day = dt.date(2026, 11, 26)
    planned = ctx.read(lambda s: day_register(s, day).planned_rows[0])
    area = ctx.read(lambda s: s.scalars(select(WorkArea).order_by(WorkArea.id)).first())
    assert set_day(ctx, None, planned.member_id, planned.name, day, DayState("present", {area.id: Decimal("2")}))
    assert set_day(ctx, None, planned.member_id, planned.name, day, DayState("sick"))
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findText("Närvaro ändrad"))
    assert dialog.model.rowCount() >= 1
    assert {r.kind for r in dialog.model.rows} == {"Närvaro ändrad"}
    newest = dialog.model.rows[0]
    assert newest.member == planned.name
    assert "Status: närvarande → sjuk" in newest.summary
    assert dialog.model.data(dialog.model.index(0, AuditModel.SUMMARY)) == newest.summary
    # the detail pane: the chosen entry's sentence and its fields, before and after
    dialog.table.selectRow(0)
    assert "ändrade närvaron" in dialog.sentence.text()
    qtmodeltester.check(dialog.changes)
    rows = [
        tuple(dialog.changes.data(dialog.changes.index(r, c)) for c in range(3))
        for r in range(dialog.changes.rowCount())
    ]
    assert rows[0] == ("Status", "närvarande", "sjuk")
    assert (area.name, "2,00 tim", "–") in rows[1:]
    assert "{" not in "".join("".join(row) for row in rows)  # never the stored JSON


def test_the_kind_filter_lists_swedish_names(qtbot, ctx) -> None:
    dialog = AuditDialog(ctx)
    qtbot.addWidget(dialog)
    names = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert names[0] == "Alla händelser"
    for expected in ("Databas exporterad", "Redovisning utskriven", "Redovisning exporterad", "Inloggning"):
        assert expected in names
    dialog.kind.setCurrentIndex(dialog.kind.findText("Databas exporterad"))
    assert dialog.model.rowCount() == 0 and "Välj en händelse" in dialog.sentence.text()

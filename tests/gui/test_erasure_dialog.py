"""Arkiv → Gallra tidigare medlemmar…: the preview, the retention period, the confirmation, admins only."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from coopdesk.app.members import MemberListView
from coopdesk.core.actor import ROLE_SUPERVISOR, Actor
from coopdesk.core.models import AuditEntry, Member
from coopdesk.core.services import attendance, erasure, lookups, members
from coopdesk.ui import erasure_dialog
from coopdesk.ui.context import AppContext
from coopdesk.ui.erasure_dialog import CandidatesModel, ErasureDialog, open_erasure_dialog
from tests.gui.conftest import GUI_TODAY

FORMER = [
    ("Gunnel Gammal", "19500505-0009", dt.date(2016, 3, 1), dt.date(2019, 8, 31)),
    ("Harald Hedén", "19630217-1233", dt.date(2018, 1, 8), dt.date(2021, 6, 30)),
    ("Ingrid Isaksson", "19770808-5670", dt.date(2019, 9, 2), dt.date(2022, 12, 31)),
]


@pytest.fixture
def former(ctx: AppContext) -> list[int]:
    """Three former members of the demo cooperative: two ended more than five years ago, one less."""
    ids = []
    with ctx.db.session() as session:
        district = lookups.districts(session)[0]
        area = lookups.work_areas(session)[0]
        for name, number, start, end in FORMER:
            member = members.add_member(session, ctx.actor, name, number, today=GUI_TODAY)
            members.add_placement(session, ctx.actor, member.id, district.id, f"D-{start.year}-1", start, end)
            attendance.register(session, ctx.actor, member.id, start + dt.timedelta(days=1), "present", {area.id: "4"})
            ids.append(member.id)
    return ids


def _dialog(qtbot, ctx: AppContext) -> ErasureDialog:
    dialog = ErasureDialog(ctx, today=GUI_TODAY)
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_lists_who_would_be_erased_and_changes_nothing(qtbot, qtmodeltester, ctx, former) -> None:
    dialog = _dialog(qtbot, ctx)
    qtmodeltester.check(dialog.model)
    names = [dialog.model.index(r, CandidatesModel.NAME).data() for r in range(dialog.model.rowCount())]
    assert names == ["Gunnel Gammal", "Harald Hedén"]
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[1:4] == [f"Gallrad medlem {former[0]}", "2019-08-31", ctx.read(lambda s: lookups.districts(s)[0].name)]
    assert "19500505" not in " ".join(str(v) for v in row)  # never the personal number
    assert dialog.erase_button.text() == "Gallra 2 medlemmar" and dialog.erase_button.isEnabled()
    assert "kan inte ångras" in dialog.warning.text()
    assert "före 2021-11-27" in dialog.cutoff.text()
    dialog.confirm = lambda title, text: False  # the administrator thinks again
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert ctx.read(lambda s: s.get(Member, former[0]).name) == "Gunnel Gammal"


def test_erasing_after_the_confirmation(qtbot, ctx, former) -> None:
    dialog = _dialog(qtbot, ctx)
    asked: list[tuple[str, str]] = []
    dialog.confirm = lambda title, text: asked.append((title, text)) or True
    with qtbot.waitSignal(ctx.changed) as changed:
        qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["members"]
    title, question = asked[0]
    assert title == "Gallra 2 medlemmar" and "går inte att ångra" in question and "Gunnel Gammal" in question
    assert dialog.model.rowCount() == 0 and not dialog.erase_button.isEnabled()
    assert dialog.message.text() == "2 medlemmar är gallrade."

    def check(session) -> None:
        erased = [session.get(Member, i) for i in former[:2]]
        assert [(m.name, m.personal_number) for m in erased] == [(f"Gallrad medlem {i}", None) for i in former[:2]]
        assert session.get(Member, former[2]).name == "Ingrid Isaksson"
        listed = {r.member_id for r in MemberListView(GUI_TODAY).run(session, GUI_TODAY)}
        assert former[2] in listed and not listed & set(former[:2])  # Medlemmar hides the erased
        last = session.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert last.action == "erase" and last.summary.startswith("Gallrade 2 medlemmar")

    ctx.read(check)


def test_the_retention_period_can_be_changed_and_a_shorter_one_must_be_saved_first(qtbot, ctx, former) -> None:
    dialog = _dialog(qtbot, ctx)
    assert dialog.years.value() == 5 and not dialog.save_years.isEnabled()
    dialog.years.setValue(7)
    assert dialog.model.rowCount() == 1 and dialog.erase_button.text() == "Gallra 1 medlem"
    assert dialog.erase_button.isEnabled()  # a longer period needs no saving
    dialog.years.setValue(3)
    assert dialog.model.rowCount() == 3 and not dialog.erase_button.isEnabled()
    assert "Spara den kortare gallringstiden" in dialog.message.text()
    with qtbot.waitSignal(ctx.changed):
        qtbot.mouseClick(dialog.save_years, Qt.MouseButton.LeftButton)
    assert ctx.read(erasure.retention_years) == 3
    assert dialog.erase_button.isEnabled() and dialog.message.text() == "Gallringstiden är sparad: 3 år."
    assert ErasureDialog(ctx, today=GUI_TODAY).years.value() == 3


def test_only_an_administrator_opens_the_dialog(qtbot, ctx, former, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(erasure_dialog, "show_error", lambda parent, error: shown.append(error.message("sv")))
    monkeypatch.setattr(ErasureDialog, "exec", lambda self: pytest.fail("the dialog must not open"))
    ctx.actor = Actor("Hanna Handledare", role=ROLE_SUPERVISOR)
    open_erasure_dialog(None, ctx, today=GUI_TODAY)
    assert shown and shown[0].startswith("Bara en administratör kan gallra medlemmar")


def test_the_dialog_fits_and_takes_a_screenshot(qtbot, ctx, former, tmp_path) -> None:
    dialog = _dialog(qtbot, ctx)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.erase_button.sizeHint().width() <= dialog.erase_button.width()
    assert dialog.grab().save(str(tmp_path / "erasure.png"))

"""The social documentation in the window (issue 15): a journal entry written and felmarkerad by keyboard,
the plan written and printed, a lex Sarah report on Att göra until it is sent, every line a link."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import exists, select

from coopdesk.core.models import AuditEntry, CarePlan, Deviation, JournalEntry, Member, Placement
from coopdesk.ui.main_window import VIEWS, MainWindow
from coopdesk.ui.views.member_editor import MemberEditor
from tests.gui.conftest import GUI_TODAY
from tests.gui.keyboard import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr("coopdesk.ui.context.show_error", lambda parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.errors.show_error", lambda parent, error, title=None: shown.append(error.sv))
    monkeypatch.setattr("coopdesk.ui.views.social_print.show_error", lambda p, e, title=None: shown.append(e.sv))
    monkeypatch.setattr(MemberEditor, "confirm_discard", lambda self: True)
    return shown


def placed_member(ctx) -> tuple[int, str]:
    """A member with a placement in force on GUI_TODAY and no documentation yet (the demo gives most
    members a plan, and a few journal entries and a deviation: core/demo_social.py)."""
    return ctx.read(
        lambda s: tuple(
            s.execute(
                select(Member.id, Member.name)
                .join(Placement, Placement.member_id == Member.id)
                .where(Placement.start <= GUI_TODAY)
                .where((Placement.end.is_(None)) | (Placement.end >= GUI_TODAY))
                .where(~exists().where(CarePlan.member_id == Member.id))
                .where(~exists().where(JournalEntry.member_id == Member.id))
                .where(~exists().where(Deviation.member_id == Member.id))
                .order_by(Member.id)
                .limit(1)
            ).one()
        )
    )


def editor(ctx, qtbot, member: int) -> MemberEditor:
    widget = MemberEditor(ctx, member, today=GUI_TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def reads(ctx, name: str) -> list[str]:
    return ctx.read(
        lambda s: list(
            s.scalars(
                select(AuditEntry.summary).where(AuditEntry.entity == "documentation", AuditEntry.action == "read")
            )
        )
    )


def test_write_and_felmarkera_a_journal_entry_by_keyboard(ctx, qtbot) -> None:
    ctx.clock = lambda: GUI_TODAY
    member, name = placed_member(ctx)
    window = editor(ctx, qtbot, member)
    journal = window.show_tab("journal")
    assert reads(ctx, name) == [f"Journal: {name}"]  # opening the tab is a logged read
    qtbot.waitUntil(journal.text.hasFocus)  # the quick entry takes the keyboard at once
    type_text(journal.text, "Samtal om veckan.")
    qtbot.keyClick(journal.text, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves
    [entry] = journal.model.entries
    assert entry.text == "Samtal om veckan." and entry.kind == "conversation" and journal.text.toPlainText() == ""

    ctx.clock = lambda: GUI_TODAY + dt.timedelta(days=2)  # past the author's window: only felmarkering
    journal.load()
    journal.table.setFocus()
    journal.table.setCurrentIndex(journal.model.index(0, 0))
    assert not journal.edit_button.isEnabled()
    qtbot.keyClick(journal.table, Qt.Key.Key_Delete)  # an entry is never deleted: Delete felmarkerar
    dialog = journal.dialog
    assert dialog is not None and dialog.isVisible()
    type_text(dialog.reason, "Fel medlem.")
    dialog.replacement.setFocus()
    type_text(dialog.replacement, "Rättad anteckning.")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter saves the form
    qtbot.waitUntil(lambda: len(journal.model.entries) == 2)
    struck = next(e for e in journal.model.entries if e.struck_at is not None)
    assert struck.text == "Samtal om veckan." and struck.strike_reason == "Fel medlem."
    row = journal.model.row_of(struck.entry_id)
    assert journal.model.index(row, 2).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert journal.model.index(row, 4).data() == f"{(GUI_TODAY + dt.timedelta(days=2))} Sara Svensson: Fel medlem."


def test_felmarkera_is_offered_only_to_the_author_or_an_administrator(ctx, qtbot) -> None:
    """A handledare could press Felmarkera (or Delete) on a colleague's entry, type a reason and only then
    be told that only its author or an administrator may."""
    from coopdesk.core.actor import ROLE_SUPERVISOR, Actor

    ctx.clock = lambda: GUI_TODAY
    member, _ = placed_member(ctx)
    journal = editor(ctx, qtbot, member).show_tab("journal")
    journal.text.setPlainText("Samtal om veckan.")
    assert journal.save_entry()
    ctx.actor = Actor("Kim Handledare", ROLE_SUPERVISOR, "kim")
    journal.load()
    journal.table.setFocus()
    journal.table.setCurrentIndex(journal.model.index(0, 0))
    assert not journal.strike_button.isEnabled() and not journal.edit_button.isEnabled()
    qtbot.keyClick(journal.table, Qt.Key.Key_Delete)
    assert journal.dialog is None


def test_the_journal_type_filter(ctx, qtbot) -> None:
    ctx.clock = lambda: GUI_TODAY
    member, _ = placed_member(ctx)
    journal = editor(ctx, qtbot, member).show_tab("journal")
    for kind, text in (("event", "En händelse."), ("other", "Övrigt.")):
        journal.kind.setCurrentIndex(journal.kind.findData(kind))
        journal.text.setPlainText(text)
        assert journal.save_entry()
    journal.filter.setCurrentIndex(journal.filter.findData("event"))
    assert [e.text for e in journal.model.entries] == ["En händelse."]


def test_a_plan_written_followed_up_and_printed(ctx, qtbot, tmp_path: Path, monkeypatch) -> None:
    ctx.clock = lambda: GUI_TODAY
    member, name = placed_member(ctx)
    tab = editor(ctx, qtbot, member).show_tab("plan")
    assert "Ingen genomförandeplan" in tab.view.toPlainText() and not tab.print_button.isEnabled()
    dialog = tab.new_version()
    dialog.goals[0][0].setText("Komma i tid")
    dialog.goals[0][4].setText("Varje morgon")
    dialog.goals[1][0].setText("Lära sig kassan")
    dialog.participation.setPlainText(f"{name} vill börja i kaffestugan.")
    dialog.accept()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: tab.versions.count() == 1)
    text = tab.view.toPlainText()
    assert "Mål 1: Komma i tid" in text and "Varje morgon" in text and "Mål 2: Lära sig kassan" in text
    follow = tab.follow_up()
    follow.note.setPlainText("Halvvägs.")
    follow.accept()
    qtbot.waitUntil(lambda: "Uppföljd" in tab.view.toPlainText())
    target = tmp_path / "plan.pdf"
    monkeypatch.setattr("coopdesk.ui.views.social_print.ask_file", lambda parent, suggested: str(target))
    assert tab.print_plan() == str(target) and target.read_bytes().startswith(b"%PDF")


def test_a_lex_sarah_report_is_on_att_gora_until_sent_and_its_line_leads_to_it(ctx, qtbot) -> None:
    ctx.clock = lambda: GUI_TODAY
    member, name = placed_member(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    deviations = window.show_view("avvikelser")
    dialog = deviations.new_deviation()
    dialog.member.setCurrentIndex(dialog.member.findData(member))
    dialog.category.setCurrentIndex(dialog.category.findData("lex_sarah_risk"))
    dialog.description.setPlainText("Ugnen stod på utan tillsyn.")
    dialog.accept()
    # (beside the demo's own deviation, which is no lex Sarah case)
    qtbot.waitUntil(lambda: [i.category for i in deviations.model.items].count("lex_sarah_risk") == 1)
    assert deviations.banner.text().endswith(f"senast {GUI_TODAY + dt.timedelta(days=14)}.")
    nav = window.nav.item([spec.key for spec in VIEWS].index("attgora"))
    todo = window.show_view("attgora")
    [line] = [i for i in todo.model.items if i.kind == "ivo_report"]
    qtbot.waitUntil(lambda: nav.text() == f"Att göra ({len(todo.model.items)})")  # the count in the navigation
    assert name in line.text and line.due == GUI_TODAY + dt.timedelta(days=14)
    row = todo.model.items.index(line)
    todo.table.setFocus()
    todo.table.setCurrentIndex(todo.model.index(row, 0))
    qtbot.keyClick(todo.table, Qt.Key.Key_Return)  # the line is a link: to the deviation, opened
    change = window.view("avvikelser").dialog
    assert window.current_key() == "avvikelser" and change is not None and change.deviation is not None
    change.ivo_sent.setText(GUI_TODAY.isoformat())
    change.accept()
    todo = window.show_view("attgora")  # read again when shown
    assert not [i for i in todo.model.items if i.kind == "ivo_report"]
    left = len(todo.model.items)
    qtbot.waitUntil(lambda: nav.text() == (f"Att göra ({left})" if left else "Att göra"), timeout=5000)


def test_a_plan_line_on_att_gora_opens_the_members_plan(ctx, qtbot) -> None:
    ctx.clock = lambda: GUI_TODAY
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    todo = window.show_view("attgora")
    lines = [i for i in todo.model.items if i.kind in ("plan_missing", "plan_follow_up")]
    assert len(lines) == 2  # the demo leaves one member without a plan and one plan due (core/demo_social.py)
    tab = todo.go(lines[0].target)
    assert type(tab).__name__ == "PlanTab" and tab.isVisible()
    assert window.view("medlemmar").editor.member_id == lines[0].member_id


def test_a_deviation_registered_in_the_members_window_is_about_the_member(ctx, qtbot) -> None:
    ctx.clock = lambda: GUI_TODAY
    member, name = placed_member(ctx)
    tab = editor(ctx, qtbot, member).show_tab("deviations")
    dialog = tab.new_deviation()
    assert dialog.member.currentText() == name and dialog.member.currentData() == member
    dialog.description.setPlainText("Glas gick sönder.")
    dialog.accept()
    qtbot.waitUntil(lambda: len(tab.model.items) == 1)
    assert tab.model.items[0].member_id == member and tab.model.items[0].status == "received"
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    change = tab.change_current()
    change.status.setCurrentIndex(change.status.findData("remedied"))
    change.measures.setPlainText("Nytt glas.")
    change.accept()
    qtbot.waitUntil(lambda: tab.model.items[0].status == "remedied")
    assert tab.model.items[0].measures == "Nytt glas."

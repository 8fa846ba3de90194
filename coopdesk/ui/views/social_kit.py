"""What the social documentation's views share: running a command with its error handed back, the
Swedish words of the closed sets, the tables of journal entries and deviations, and the dialogs that
felmarkera an entry and register or change a deviation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from coopdesk.app.social import AddDeviation, DeviationRow, JournalRow, StrikeJournalEntry, UpdateDeviation
from coopdesk.core.errors import ConflictError, CoopdeskError
from coopdesk.core.social import DEVIATION_CATEGORIES, DEVIATION_STATUSES, JOURNAL_KINDS, PLAN_STATUSES
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.errors import language
from coopdesk.ui.views.form_kit import ID_ROLE, DisplayRowsModel, FormDialog

Index = QModelIndex


def run(ctx: AppContext, command: Any) -> tuple[Any, CoopdeskError | None]:
    """Run an application command on the worker; its result, or the known error that refused it."""
    app = ctx.app
    try:
        changes = ctx.tasks.call(lambda: app.execute(command))
    except ConflictError as error:
        ctx.changed.emit("social")  # the views read again: the user sees the other PC's change
        return None, error
    except CoopdeskError as error:
        return None, error
    ctx.apply(changes)
    return changes.result, None


def word(labels: dict, key: str) -> str:
    label = labels.get(key)
    return key if label is None else label.text(language())


def kind_word(key: str) -> str:
    return word(JOURNAL_KINDS, key)


def status_word(key: str) -> str:
    return word(PLAN_STATUSES, key)


def category_word(key: str) -> str:
    return word(DEVIATION_CATEGORIES, key)


def deviation_status_word(key: str) -> str:
    return word(DEVIATION_STATUSES, key)


def combo(labels: dict, parent: QWidget | None = None, *, any_text: str | None = None) -> QComboBox:
    box = QComboBox(parent)
    if any_text is not None:
        box.addItem(any_text, None)
    for key in labels:
        box.addItem(word(labels, key), key)
    return box


def note_edit(lines: int = 4) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other form
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
    return edit


class JournalModel(DisplayRowsModel):
    """Journal entries, newest first; a felmarkerad entry is struck through, its reason in the last column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [self.tr("Datum"), self.tr("Typ"), self.tr("Anteckning"), self.tr("Skriven av"), self.tr("Felmarkerad")],
            parent,
        )
        self.entries: list[JournalRow] = []

    def set_entries(self, entries: list[JournalRow]) -> None:
        self.entries = entries
        self.set_rows([(e.entry_id, self._cells(e)) for e in entries])

    def _cells(self, e: JournalRow) -> tuple[str, ...]:
        struck = ""
        if e.struck_at is not None:
            struck = f"{e.struck_at.date()} {e.struck_by}: {e.strike_reason}"
        author = f"{e.author} {e.written_at:%Y-%m-%d %H:%M}"
        if e.changed_at is not None:
            author += " " + self.tr("(ändrad)")
        return (e.date.isoformat(), kind_word(e.kind), e.text, author, struck)

    def entry(self, row: int) -> JournalRow | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is not None and entry.struck_at is not None and index.column() < 4:
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setStrikeOut(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Felmarkerad: %1").replace("%1", entry.strike_reason or "")
        return super().data(index, role)


class DeviationsModel(DisplayRowsModel):
    def __init__(self, parent: Any = None, *, with_member: bool = True) -> None:
        headers = [self.tr("Rapporterad"), self.tr("Kategori"), self.tr("Status"), self.tr("IVO senast")]
        if with_member:
            headers.insert(1, self.tr("Gäller"))
        super().__init__([*headers, self.tr("Beskrivning")], parent)
        self.with_member = with_member
        self.items: list[DeviationRow] = []

    def set_items(self, items: list[DeviationRow]) -> None:
        self.items = items
        rows = []
        for d in items:
            cells = [d.reported_on.isoformat(), category_word(d.category), deviation_status_word(d.status)]
            due = (
                d.ivo_due.isoformat()
                if d.ivo_due
                else (self.tr("skickad %1").replace("%1", str(d.ivo_sent_on)) if d.ivo_sent_on else "")
            )
            cells.append(due)
            if self.with_member:
                cells.insert(1, d.member or self.tr("Hela kooperativet"))
            cells.append(d.description.splitlines()[0] if d.description else "")
            rows.append((d.deviation_id, tuple(cells)))
        self.set_rows(rows)

    def item(self, row: int) -> DeviationRow | None:
        return self.items[row] if 0 <= row < len(self.items) else None


class StrikeDialog(FormDialog):
    """Felmarkera… an entry: the reason, and the corrected text if the entry is to be replaced."""

    def __init__(self, ctx: AppContext, entry: JournalRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Felmarkera anteckning"))
        self.ctx, self.entry = ctx, entry
        self.replaced_by: int | None = None
        shown = QPlainTextEdit(entry.text)
        shown.setReadOnly(True)
        shown.setMaximumHeight(shown.fontMetrics().lineSpacing() * 4 + 12)
        self.reason = QLineEdit()
        self.reason.setObjectName("strikeReason")
        self.reason.setMinimumWidth(420)
        self.replacement = note_edit()
        self.replacement.setObjectName("strikeReplacement")
        self.replacement.setPlaceholderText(self.tr("Lämna tomt om ingen ny anteckning ska skrivas"))
        self.form.addRow(self.tr("Anteckning"), shown)
        self.form.addRow(self.tr("&Skäl"), self.reason)
        self.form.addRow(self.tr("&Ny anteckning"), self.replacement)

    def save(self) -> bool:
        text = self.replacement.toPlainText()
        result, error = run(
            self.ctx,
            StrikeJournalEntry(self.entry.entry_id, self.reason.text(), text or None, self.entry.version),
        )
        self.replaced_by = result
        return self.show_result(error)


class DeviationDialog(FormDialog):
    """Ny avvikelse… (about ``member_id``, or none: the cooperative) or Ändra… an existing one."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        member_id: int | None = None,
        deviation: DeviationRow | None = None,
        members: list[tuple[int, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.deviation = ctx, deviation
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Ny avvikelse") if deviation is None else self.tr("Ändra avvikelse"))
        today = ctx.clock()
        self.member = QComboBox()
        self.member.addItem(self.tr("Hela kooperativet"), None)
        for mid, name in members or []:
            self.member.addItem(name, mid)
        if member_id is not None and self.member.findData(member_id) < 0:
            self.member.addItem(str(member_id), member_id)
        self.member.setCurrentIndex(max(self.member.findData(member_id), 0))
        self.reported_on = DateField(today, today=ctx.clock)
        self.reported_by = QLineEdit(ctx.actor.name)
        self.category = combo(DEVIATION_CATEGORIES)
        self.category.setObjectName("deviationCategory")
        self.description = note_edit()
        self.description.setObjectName("deviationDescription")
        self.measures = note_edit(3)
        self.status = combo(DEVIATION_STATUSES)
        self.ivo_sent = QLineEdit()
        self.ivo_sent.setPlaceholderText(self.tr("ÅÅÅÅ-MM-DD (administratör)"))
        self.form.addRow(self.tr("&Gäller"), self.member)
        self.form.addRow(self.tr("&Rapporterad"), self.reported_on)
        self.form.addRow(self.tr("Rapporterad &av"), self.reported_by)
        self.form.addRow(self.tr("&Kategori"), self.category)
        self.form.addRow(self.tr("&Beskrivning"), self.description)
        self.form.addRow(self.tr("Å&tgärder"), self.measures)
        if deviation is not None:
            self.form.addRow(self.tr("Stat&us"), self.status)
            self.form.addRow(self.tr("Anmäld till &IVO"), self.ivo_sent)
            self.member.setEnabled(False)
            self.reported_on.setDate(deviation.reported_on)
            self.reported_on.setReadOnly(True)
            self.reported_by.setText(deviation.reported_by)
            self.reported_by.setReadOnly(True)
            self.category.setCurrentIndex(self.category.findData(deviation.category))
            self.description.setPlainText(deviation.description)
            self.measures.setPlainText(deviation.measures or "")
            self.status.setCurrentIndex(self.status.findData(deviation.status))
            self.ivo_sent.setText(deviation.ivo_sent_on.isoformat() if deviation.ivo_sent_on else "")

    def save(self) -> bool:
        d = self.deviation
        if d is None:
            command: Any = AddDeviation(
                self.member.currentData(),
                self.reported_on.day(),
                self.reported_by.text(),
                self.category.currentData(),
                self.description.toPlainText(),
                self.measures.toPlainText() or None,
            )
        else:
            changes: dict[str, Any] = {}
            if self.category.currentData() != d.category:
                changes["category"] = self.category.currentData()
            if self.description.toPlainText().strip() != d.description:
                changes["description"] = self.description.toPlainText()
            if (self.measures.toPlainText().strip() or None) != d.measures:
                changes["measures"] = self.measures.toPlainText() or None
            if self.status.currentData() != d.status:
                changes["status"] = self.status.currentData()
            sent = self.ivo_sent.text().strip()
            if sent != (d.ivo_sent_on.isoformat() if d.ivo_sent_on else ""):
                try:
                    changes["ivo_sent_on"] = dt.date.fromisoformat(sent) if sent else None
                except ValueError:
                    changes["ivo_sent_on"] = sent  # refused by the service, naming the field
            if not changes:
                return True
            command = UpdateDeviation(d.deviation_id, d.version, **changes)
        self.saved_id, error = run(self.ctx, command)
        return self.show_result(error)


__all__ = ["ID_ROLE", "DeviationDialog", "DeviationsModel", "JournalModel", "StrikeDialog", "run"]

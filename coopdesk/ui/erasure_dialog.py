"""Arkiv → Gallra tidigare medlemmar…: the retention period, who would be erased, and erasing them.

Administrators only. The list is a preview: nothing changes until the button is pressed and the
question answered. The work is core/services/erasure.py; this dialog only lays it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.core.errors import CoopdeskError
from coopdesk.core.permissions import require_admin
from coopdesk.core.services import erasure, lookups
from coopdesk.core.services.erasure import ErasureCandidate
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import show_error
from coopdesk.ui.rows_model import Index, ItemRowsModel

WARNING_STYLE = "color: #b91c1c; font-weight: bold;"


class CandidatesModel(ItemRowsModel):
    """The members who would be erased: who they are now, what they become, when the last decision ended."""

    NAME, PSEUDONYM, LAST_END, DISTRICT, PLACEMENTS = range(5)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ErasureCandidate] = []

    def headers(self) -> list[str]:
        return [
            formats.tr("Namn"),
            formats.tr("Blir"),
            formats.tr("Sista beslut till och med"),
            formats.tr("Beställare"),
            formats.tr("Beslut"),
        ]

    def set_rows(self, rows: list[ErasureCandidate]) -> None:
        self.replace_rows(rows, key=lambda c: c.member_id)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return [row.name, row.pseudonym, row.last_end.isoformat(), row.district, str(row.placements)][
                index.column()
            ]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.PLACEMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ErasureDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.today = today or dt.date.today()
        # Replaced in tests, so that no question waits for an answer.
        self.confirm: Callable[[str, str], bool] = self._confirm
        self.setWindowTitle(self.tr("Gallra tidigare medlemmar"))

        intro = QLabel(
            self.tr(
                "Medlemmar vars alla beslut har upphört, och vars dokumentation inte har fått någon ny anteckning, "
                "för mer än gallringstiden sedan. Gallringen tar bort namn, personnummer, beslutsnummer, "
                "handläggarens uppgifter, genomförandeplaner, journal och avvikelser och maskerar medlemmens poster "
                "i loggen. Närvaro, timmar och omfattning finns kvar, så gamla redovisningar har samma siffror; där "
                "står medlemmen med sitt nya namn."
            )
        )
        intro.setWordWrap(True)

        #: The stored retention period and the cooperative row's version with it (passed back on Spara).
        self.setting, self.version = ctx.read(_stored_retention)
        self.years = QSpinBox()
        self.years.setRange(erasure.MIN_RETENTION_YEARS, erasure.MAX_RETENTION_YEARS)
        self.years.setValue(self.setting)
        self.years.setSuffix(self.tr(" år"))
        self.years.setAccessibleName(self.tr("Gallringstid i år"))
        self.save_years = QPushButton(self.tr("&Spara gallringstid"))
        self.save_years.setEnabled(False)
        caption = QLabel(self.tr("&Gallringstid:"))
        caption.setBuddy(self.years)
        years_row = QHBoxLayout()
        years_row.addWidget(caption)
        years_row.addWidget(self.years)
        years_row.addWidget(self.save_years)
        years_row.addStretch(1)
        self.cutoff = QLabel()
        self.cutoff.setWordWrap(True)

        self.model = CandidatesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(CandidatesModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)

        self.warning = QLabel(
            self.tr(
                "Gallringen kan inte ångras. Uppgifterna finns kvar i äldre säkerhetskopior tills de har rensats bort."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.erase_button = QPushButton()
        self.erase_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(years_row)
        layout.addWidget(self.cutoff)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self.years.valueChanged.connect(lambda _v: self.refresh())
        self.save_years.clicked.connect(self.save_retention)
        self.erase_button.clicked.connect(self.erase)
        self.resize(860, 520)
        self.refresh()

    # --- the preview ---------------------------------------------------------------------------

    def refresh(self) -> None:
        years = self.years.value()
        cutoff = erasure.cutoff_date(self.today, years)
        self.model.set_rows(self.ctx.read(lambda session: erasure.candidates(session, self.today, years)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(CandidatesModel.NAME, QHeaderView.ResizeMode.Stretch)
        count = self.model.rowCount()
        self.cutoff.setText(
            self.tr("Med gallringstiden %1 år gallras medlemmar vars sista beslut upphörde före %2.")
            .replace("%1", str(years))
            .replace("%2", cutoff.isoformat())
        )
        self.save_years.setEnabled(years != self.setting)
        shorter = years < self.setting
        self.erase_button.setText(
            self.tr("Gallra 1 medlem") if count == 1 else self.tr("Gallra %1 medlemmar").replace("%1", str(count))
        )
        self.erase_button.setEnabled(count > 0 and not shorter)
        if shorter:
            self.message.setText(
                self.tr("Spara den kortare gallringstiden innan du gallrar efter %1 år.").replace("%1", str(years))
            )
        elif count == 0:
            self.message.setText(self.tr("Ingen medlem kan gallras med den här gallringstiden."))
        else:
            self.message.clear()

    # --- changes -------------------------------------------------------------------------------

    def save_retention(self) -> None:
        years, expected, actor = self.years.value(), self.version, self.ctx.actor

        def save(session: Any) -> tuple[int, int]:
            saved = erasure.save_retention_years(session, actor, years, expected_version=expected)
            return saved, _stored_retention(session)[1]

        result = self.ctx.change(self, save, "settings")
        if result is None:
            stored = self.ctx.read_or_keep(_stored_retention)
            if stored is not None and stored[1] != expected:  # another PC saved first (the message said so)
                self.setting, self.version = stored
                self.years.setValue(self.setting)  # its period is shown, and the preview follows it
                self.refresh()
            return
        self.setting, self.version = result
        self.refresh()
        self.message.setText(self.tr("Gallringstiden är sparad: %1 år.").replace("%1", str(self.setting)))

    def erase(self) -> None:
        rows = list(self.model.rows)
        if not rows:
            return
        years = self.years.value()
        count = len(rows)
        title = self.tr("Gallra 1 medlem") if count == 1 else self.tr("Gallra %1 medlemmar").replace("%1", str(count))
        question = self.tr(
            "Namn, personnummer, beslutsnummer och handläggarens uppgifter för %1 tas bort för alltid, och "
            "deras poster i loggen maskeras. Det går inte att ångra.\n\nVill du gallra?"
        ).replace("%1", ", ".join(r.name for r in rows[:5]) + (" …" if count > 5 else ""))
        if not self.confirm(title, question):
            return
        ids = [r.member_id for r in rows]
        result = self.ctx.change(
            self, lambda session: erasure.erase(session, self.ctx.actor, ids, self.today, years=years), "members"
        )
        if result is None:
            self.refresh()
            return
        self.refresh()
        self.message.setText(
            (self.tr("1 medlem är gallrad.") if result.count == 1 else self.tr("%1 medlemmar är gallrade.")).replace(
                "%1", str(result.count)
            )
        )

    def _confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        yes = box.addButton(title, QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes


def _stored_retention(session: Any) -> tuple[int, int]:
    """The retention period and the version of the cooperative's row (0 while it is not stored)."""
    coop = lookups.cooperative(session)
    return erasure.retention_years(session), coop.version if coop.id else 0


def open_erasure_dialog(parent: QWidget | None, ctx: AppContext, *, today: dt.date | None = None) -> None:
    """Arkiv → Gallra tidigare medlemmar…; anyone but an administrator gets the reason instead."""
    try:
        require_admin(ctx.actor, "gallra medlemmar", "erase members")
        dialog = ErasureDialog(ctx, parent, today=today)
    except CoopdeskError as error:
        show_error(parent, error)
        return
    dialog.exec()

"""Inställningar — the work areas: the list, and Lägg till… / Byt namn… in a dialog.

``WorkAreasBox`` is one box of ``SettingsView`` (ui/views/settings.py), with the versions of the areas it
shows as its own state. Its strings keep the translation context "SettingsView" (``translate`` by name, not
``self.tr()``, which lupdate would file under this class), so the existing translations hold.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coopdesk.app.settings import WorkAreaListView, WorkAreaView
from coopdesk.core.errors import ConflictError
from coopdesk.core.services import settings as service
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext, admin_only
from coopdesk.ui.views.form_kit import DisplayRowsModel, FormDialog, attempt, plain_table

translate = QCoreApplication.translate


class WorkAreaDialog(FormDialog):
    """Lägg till… / Byt namn… on a work area.

    ``version`` is the work area's as the list showed it (without one, as it is when the dialog opens):
    a name another PC has saved since is not overwritten.
    """

    def __init__(
        self,
        ctx: AppContext,
        area_id: int | None = None,
        name: str = "",
        parent: QWidget | None = None,
        *,
        version: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nytt arbetsområde") if area_id is None else self.tr("Byt namn på arbetsområde"))
        self.ctx, self.area_id = ctx, area_id
        if area_id is not None and version is None:
            found = ctx.query(WorkAreaView(area_id))
            version = found[1] if found is not None else None
        self.version = version
        self.name = QLineEdit(name)
        self.name.setMinimumWidth(280)
        self.form.addRow(self.tr("&Namn"), self.name)

    def reload(self) -> None:
        """After another PC's change: the name it saved, and its version for the next Spara."""
        area_id = self.area_id
        fresh = self.ctx.query_or_keep(WorkAreaView(area_id)) if area_id is not None else None
        if fresh is not None:
            self.name.setText(fresh[0])
            self.version = fresh[1]

    def save(self) -> bool:
        name, actor, area_id, expected = self.name.text(), self.ctx.actor, self.area_id, self.version
        if area_id is None:
            _, error = attempt(self.ctx, lambda s: service.add_work_area(s, actor, name), "settings")
        else:
            _, error = attempt(
                self.ctx,
                lambda s: service.rename_work_area(s, actor, area_id, name, expected_version=expected),
                "settings",
            )
            if isinstance(error, ConflictError):
                self.reload()  # said in the dialog; what was typed gives way to the stored name
        return self.show_result(error)


class WorkAreasBox(QGroupBox):
    """Arbetsområden: the list, Lägg till… and Byt namn…."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("SettingsView", "Arbetsområden"), parent)
        self.ctx = ctx
        #: Each work area's version as the list shows it, passed back when it is renamed.
        self.area_versions: dict[int, int] = {}
        self.model = DisplayRowsModel([formats.tr("Arbetsområde")], self)
        self.table = plain_table(self.model, "workAreasTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self.rename())
        self.add_button = add_area = QPushButton(translate("SettingsView", "&Lägg till…"))
        add_area.clicked.connect(self.add)
        self.rename_button = rename_area = QPushButton(translate("SettingsView", "&Byt namn…"))
        rename_area.clicked.connect(self.rename)
        areas_layout = QVBoxLayout(self)
        areas_layout.addWidget(self.table)
        area_buttons = QHBoxLayout()
        area_buttons.addWidget(add_area)
        area_buttons.addWidget(rename_area)
        area_buttons.addStretch(1)
        areas_layout.addLayout(area_buttons)
        tip = translate("SettingsView", "Bara en administratör kan ändra arbetsområden.")
        for target in (add_area, rename_area):
            admin_only(ctx.actor, target, tip)

    def load(self) -> None:
        areas = self.ctx.query(WorkAreaListView())
        self.area_versions = {area_id: version for area_id, _name, version in areas}
        self.model.set_rows([(area_id, (name,)) for area_id, name, _version in areas])

    def add(self) -> None:
        WorkAreaDialog(self.ctx, None, "", self).exec()

    def rename(self) -> None:
        row = self.table.currentIndex().row()
        area_id = self.model.key(row)
        if area_id is not None:
            name, version = self.model.rows[row][1][0], self.area_versions.get(area_id)
            WorkAreaDialog(self.ctx, area_id, name, self, version=version).exec()

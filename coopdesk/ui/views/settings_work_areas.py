"""Inställningar — the work areas: the list, and Lägg till… / Byt namn… in a dialog.

``WorkAreasMixin`` is a mixin of ``SettingsView`` (ui/views/settings.py). Its strings keep the translation
context "SettingsView": lupdate files a ``self.tr()`` under the class it is written in, so they are looked up
by name here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QVBoxLayout, QWidget

from coopdesk.core.errors import ConflictError
from coopdesk.core.models import WorkArea
from coopdesk.core.services import lookups
from coopdesk.core.services import settings as service
from coopdesk.ui import formats
from coopdesk.ui.context import AppContext
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
            version = ctx.read(lambda s: getattr(s.get(WorkArea, area_id), "version", None))
        self.version = version
        self.name = QLineEdit(name)
        self.name.setMinimumWidth(280)
        self.form.addRow(self.tr("&Namn"), self.name)

    def reload(self) -> None:
        """After another PC's change: the name it saved, and its version for the next Spara."""
        area_id = self.area_id

        def load(session) -> tuple[str, int] | None:
            area = session.get(WorkArea, area_id)
            return (area.name, area.version) if area is not None else None

        fresh = self.ctx.read_or_keep(load)
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


class WorkAreasMixin:
    ctx: AppContext
    area_versions: dict[int, int]

    def _work_areas_box(self) -> QGroupBox:
        self.areas_model = DisplayRowsModel([formats.tr("Arbetsområde")], self)
        self.areas_table = plain_table(self.areas_model, "workAreasTable")
        self.areas_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.areas_table.activated.connect(lambda _index: self.rename_work_area())
        self.add_area_button = add_area = QPushButton(translate("SettingsView", "&Lägg till…"))
        add_area.clicked.connect(self.add_work_area)
        self.rename_area_button = rename_area = QPushButton(translate("SettingsView", "&Byt namn…"))
        rename_area.clicked.connect(self.rename_work_area)
        areas_box = QGroupBox(translate("SettingsView", "Arbetsområden"))
        areas_layout = QVBoxLayout(areas_box)
        areas_layout.addWidget(self.areas_table)
        area_buttons = QHBoxLayout()
        area_buttons.addWidget(add_area)
        area_buttons.addWidget(rename_area)
        area_buttons.addStretch(1)
        areas_layout.addLayout(area_buttons)
        return areas_box

    def _load_areas(self) -> None:
        areas = self.ctx.read(lambda s: [(a.id, a.name, a.version) for a in lookups.work_areas(s)])
        self.area_versions = {area_id: version for area_id, _name, version in areas}
        self.areas_model.set_rows([(area_id, (name,)) for area_id, name, _version in areas])

    def add_work_area(self) -> None:
        WorkAreaDialog(self.ctx, None, "", self).exec()

    def rename_work_area(self) -> None:
        row = self.areas_table.currentIndex().row()
        area_id = self.areas_model.key(row)
        if area_id is not None:
            name, version = self.areas_model.rows[row][1][0], self.area_versions.get(area_id)
            WorkAreaDialog(self.ctx, area_id, name, self, version=version).exec()

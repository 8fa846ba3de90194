"""The main window's part in the roles: what a handledare sees disabled, and why, in the menus and in
the views' buttons; and the check before an administrator's action runs.

A mixin of ``MainWindow`` (ui/main_window.py). Its strings keep the translation context "MainWindow":
lupdate files a ``self.tr()`` under the class it is written in, so they are looked up by name here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from coopdesk.core.errors import CoopdeskError
from coopdesk.ui.context import AppContext, admin_only, role_label
from coopdesk.ui.errors import show_error

translate = QCoreApplication.translate

#: Buttons of other views that only an administrator can use, by their (source) text, with the end of
#: the tooltip "Bara en administratör kan …". The services refuse these changes anyway.
ADMIN_BUTTONS = {
    "handledare": (("&Ny handledare…", "add_supervisor"), ("&Ändra…", "edit_supervisor")),
    "bestallare": (
        ("&Ny beställare…", "add_district"),
        ("Än&dra…", "edit_district"),
        ("Ny er&sättning…", "tariffs"),
        ("&Ta bort ersättning", "tariffs"),
    ),
    "redovisning": (("Öppna månad &igen…", "reopen"),),
}


class RolesMixin:
    ctx: AppContext
    user_label: QLabel
    import_action: QAction
    export_action: QAction
    restore_action: QAction
    audit_action: QAction
    users_action: QAction
    erasure_action: QAction

    def _admin_tooltips(self) -> dict[str, str]:
        return {
            "add_supervisor": translate("MainWindow", "Bara en administratör kan lägga till handledare."),
            "edit_supervisor": translate("MainWindow", "Bara en administratör kan ändra handledarnas uppgifter."),
            "add_district": translate("MainWindow", "Bara en administratör kan lägga till beställare."),
            "edit_district": translate("MainWindow", "Bara en administratör kan ändra beställare."),
            "tariffs": translate("MainWindow", "Bara en administratör kan ändra ersättningar."),
            "reopen": translate("MainWindow", "Bara en administratör kan öppna en attesterad månad igen."),
            "import": translate("MainWindow", "Bara en administratör kan importera."),
            "export": translate("MainWindow", "Bara en administratör kan exportera hela databasen."),
            "restore": translate("MainWindow", "Bara en administratör kan återställa en säkerhetskopia."),
            "audit": translate("MainWindow", "Bara en administratör kan läsa händelseloggen."),
            "users": translate("MainWindow", "Bara en administratör kan hantera användare."),
            "erasure": translate("MainWindow", "Bara en administratör kan gallra medlemmar."),
        }

    def _apply_role(self) -> None:
        tips = self._admin_tooltips()
        for action, key in (
            (self.import_action, "import"),
            (self.export_action, "export"),
            (self.restore_action, "restore"),
            (self.audit_action, "audit"),
            (self.users_action, "users"),
            (self.erasure_action, "erasure"),
        ):
            admin_only(self.ctx.actor, action, tips[key])
        if getattr(self, "backups", None) is None:  # no file to restore to (a database server)
            self.restore_action.setEnabled(False)

    def _admin_buttons(self, key: str, widget: QWidget) -> None:
        from PySide6.QtWidgets import QPushButton

        if self.ctx.actor.is_admin or key not in ADMIN_BUTTONS:
            return
        tips = self._admin_tooltips()
        for source, tip in ADMIN_BUTTONS[key]:
            text = widget.tr(source)  # the view's own translation of its button
            for button in widget.findChildren(QPushButton):
                if button.text() == text:
                    admin_only(self.ctx.actor, button, tips[tip])

    def _refused(self, action_sv: str, action_en: str) -> bool:
        """True (and the message shown) when the user is not an administrator: a disabled action's slot
        can still be reached (a stale shortcut, a script), and the rule must hold there too."""
        from coopdesk.core.permissions import require_admin

        try:
            require_admin(self.ctx.actor, action_sv, action_en)
        except CoopdeskError as error:
            show_error(self, error)
            return True
        return False

    def _show_user(self) -> None:
        actor = self.ctx.actor
        self.user_label.setText(
            translate("MainWindow", "Inloggad: %1 (%2)").replace("%1", actor.name).replace("%2", role_label(actor.role))
        )

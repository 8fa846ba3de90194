"""The main window's part in the roles: what a handledare sees disabled, and why, in the menus and in
the views' buttons; and the check before an administrator's action runs.

``RoleGuard`` is a part of ``MainWindow`` (ui/main_window.py): it is handed the window (the parent of its
messages) and the context (whose actor it asks), and the actions or views to restrict; it holds no widget of
its own. Its strings keep the translation context "MainWindow" (``translate`` by name, not ``self.tr()``, which
lupdate would file under this class), so the existing translations hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

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


class RoleGuard(QObject):
    """What the logged-in user's role allows, for the window ``window``."""

    def __init__(self, window: QWidget, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx

    def admin_tooltips(self) -> dict[str, str]:
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

    def restrict(self, actions: Iterable[tuple[QAction, str]]) -> None:
        """Each action (with its key in ``admin_tooltips``) disabled with the reason, unless an administrator."""
        tips = self.admin_tooltips()
        for action, key in actions:
            admin_only(self.ctx.actor, action, tips[key])

    def admin_buttons(self, key: str, widget: QWidget) -> None:
        from PySide6.QtWidgets import QPushButton

        if self.ctx.actor.is_admin or key not in ADMIN_BUTTONS:
            return
        tips = self.admin_tooltips()
        for source, tip in ADMIN_BUTTONS[key]:
            text = widget.tr(source)  # the view's own translation of its button
            for button in widget.findChildren(QPushButton):
                if button.text() == text:
                    admin_only(self.ctx.actor, button, tips[tip])

    def refused(self, action_sv: str, action_en: str) -> bool:
        """True (and the message shown) when the user is not an administrator: a disabled action's slot
        can still be reached (a stale shortcut, a script), and the rule must hold there too."""
        from coopdesk.core.permissions import require_admin

        try:
            require_admin(self.ctx.actor, action_sv, action_en)
        except CoopdeskError as error:
            show_error(self.window, error)
            return True
        return False

    def user_text(self) -> str:
        """The status bar's "Inloggad: …" for the logged-in user."""
        actor = self.ctx.actor
        text = translate("MainWindow", "Inloggad: %1 (%2)")
        return text.replace("%1", actor.name).replace("%2", role_label(actor.role))

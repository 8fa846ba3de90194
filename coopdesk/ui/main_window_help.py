"""The main window's help for beginners: the "Kom igång" checklist above Idag while a new database is
not ready (ui/views/getting_started.py), its links to the views, and F1, the user guide on the page
of the view in use (ui/help.py).

A new database opens on Idag with the checklist, whatever view was last used on this computer.

A mixin of ``MainWindow`` (ui/main_window.py). Its strings keep the translation context "MainWindow":
lupdate files a ``self.tr()`` under the class it is written in, so they are looked up by name here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QVBoxLayout, QWidget

from coopdesk.ui.context import AppContext

#: Where each step of the checklist is done: the view, and the widget there that gets the focus.
STEP_TARGETS = {
    "cooperative": ("installningar", "name"),
    "districts": ("bestallare", None),
    "work_areas": ("installningar", "add_area_button"),
    "members": ("medlemmar", "new_button"),
    "supervisors": ("handledare", None),
}
#: Changes that cannot make a step done or undone: the checklist is not read again for them.
_NOT_STEPS = frozenset({"attendance", "attendance_day", "locks"})


class HelpMixin:
    ctx: AppContext
    _right_column: QVBoxLayout
    getting_started: QWidget | None = None
    help_window: QWidget | None = None

    def show_help(self, page: str | None = None) -> QWidget:
        """F1: the guide on ``page``, or on the page of the view in use."""
        from coopdesk.ui.help import show_help

        helper = show_help(self, None if page else self.current_key())  # type: ignore[attr-defined]
        if page:
            helper.show_page(page)
        return helper

    # --- Kom igång -----------------------------------------------------------------------------

    def _attach_getting_started(self) -> None:
        if self.getting_started is None:
            from coopdesk.ui.views.getting_started import GettingStarted

            panel = GettingStarted(self.ctx, self)  # type: ignore[arg-type]
            panel.step_chosen.connect(self.open_step)
            panel.help_wanted.connect(lambda: self.show_help("kom-igang.html"))
            holder = QWidget()  # in line with the view below it
            holder.setObjectName("gettingStartedHolder")
            QVBoxLayout(holder).setContentsMargins(9, 9, 9, 0)
            holder.layout().addWidget(panel)
            holder.setVisible(False)
            self._right_column.insertWidget(2, holder)  # under the notices, above the views
            self.ctx.changed.connect(self._steps_changed)
            self.getting_started = panel
        self.getting_started.refresh()  # type: ignore[attr-defined]
        if self.getting_started.wanted:  # type: ignore[attr-defined]
            self.show_view("idag")  # type: ignore[attr-defined]
        self._place_getting_started()

    def _steps_changed(self, kind: str) -> None:
        panel = self.getting_started
        if panel is None or kind in _NOT_STEPS or not self.ctx.has_database or not self.ctx.actor.name:
            return
        if panel.steps and (panel.complete or panel.dismissed):  # type: ignore[attr-defined]
            return  # once done, done: nothing makes the checklist come back
        panel.refresh()  # type: ignore[attr-defined]
        self._place_getting_started()

    def _place_getting_started(self) -> None:
        """Shown above Idag only, while there is a step left and it has not been hidden."""
        panel = self.getting_started
        if panel is not None:
            panel.parentWidget().setVisible(bool(panel.wanted) and self.current_key() == "idag")  # type: ignore[attr-defined,union-attr]

    def open_step(self, key: str) -> None:
        """A step's link: its view, with the focus where the step starts."""
        view_key, focus = STEP_TARGETS[key]
        view = self.show_view(view_key)  # type: ignore[attr-defined]
        widget = getattr(view, focus, None) if focus else None
        if isinstance(widget, QWidget):
            parent = widget.parentWidget()
            while parent is not None and not isinstance(parent, QAbstractScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QScrollArea):  # Inställningar scrolls on a small screen
                parent.ensureWidgetVisible(widget)
            widget.setFocus()

"""Kom igång: the checklist above Idag while a new database is not ready for its first register.

Five steps (core/services/getting_started.py): the cooperative's details, districts and tariffs,
work areas, members with placements, supervisors. Each is done or not as the database stands, and
each is a link to the view (and section) where it is done. The panel hides itself once every step
is done; "Dölj" hides it for good for this database on this computer. The main window places it
(ui/main_window.py) and opens the links (``step_chosen``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.core.services import getting_started
from coopdesk.ui.context import AppContext

#: The steps only an administrator can do (the services refuse the others' changes there).
ADMIN_STEPS = frozenset({"cooperative", "districts", "work_areas", "supervisors"})
DONE_MARK, TODO_MARK = "✓", "○"


class GettingStarted(QFrame):
    """The checklist; ``step_chosen`` carries a step's key when its link is clicked, ``help_wanted``
    asks for the guide's page about the first steps."""

    step_chosen = Signal(str)
    help_wanted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("gettingStarted")
        self.setStyleSheet(
            "QFrame#gettingStarted { background: #eef4fb; border: 1px solid #c7d8ee; border-radius: 6px; }"
            "QFrame#gettingStarted QLabel { background: transparent; }"
        )
        self.steps: list[getting_started.Step] = []
        title = QLabel(self.tr("Kom igång"))
        title.setObjectName("gettingStartedTitle")
        title.setStyleSheet("QLabel#gettingStartedTitle { font-size: 13pt; font-weight: 600; }")
        self.progress = QLabel()
        self.progress.setObjectName("gettingStartedProgress")
        intro = QLabel(
            self.tr("Databasen är ny. Gör de här stegen i tur och ordning, så kan den första dagen registreras:")
        )
        intro.setWordWrap(True)
        more = self.tr("Mer om att komma igång")
        self.help_link = QLabel(f"<a href='help'>{more}</a>")
        self.help_link.linkActivated.connect(lambda _link: self.help_wanted.emit())
        self.hide_button = QPushButton(self.tr("&Dölj"))
        self.hide_button.setToolTip(self.tr("Visa inte listan igen för den här databasen"))
        self.hide_button.clicked.connect(self.dismiss)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.progress)
        head.addStretch(1)
        head.addWidget(self.help_link)
        head.addWidget(self.hide_button)

        self.marks: dict[str, QLabel] = {}
        self.links: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for row, key in enumerate(getting_started.STEPS):
            mark = QLabel()
            mark.setAlignment(Qt.AlignmentFlag.AlignTop)
            link = QLabel()
            link.setObjectName(f"step_{key}")
            link.setWordWrap(True)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
            link.linkActivated.connect(self.step_chosen)
            grid.addWidget(mark, row, 0)
            grid.addWidget(link, row, 1)
            self.marks[key], self.links[key] = mark, link
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addLayout(head)
        layout.addWidget(intro)
        layout.addLayout(grid)

    def _texts(self) -> dict[str, tuple[str, str]]:
        """Each step's link text and what it means."""
        return {
            "cooperative": (
                self.tr("Kooperativets uppgifter"),
                self.tr("namn, organisationsnummer, öppetdagar och heltidsvecka (Inställningar)"),
            ),
            "districts": (
                self.tr("Beställare och ersättningar"),
                self.tr("stadsdelarna och kommunerna som har beslut om medlemmarna, och vad de betalar"),
            ),
            "work_areas": (
                self.tr("Arbetsområden"),
                self.tr("till exempel Kopiering, Glasverkstad, Kaffestuga (Inställningar)"),
            ),
            "members": (
                self.tr("Medlemmar med beslut"),
                self.tr("varje medlem med sitt beslut och sin omfattning"),
            ),
            "supervisors": (
                self.tr("Handledare"),
                self.tr("namn och tjänstgöringsgrad, för handledartiden"),
            ),
        }

    # --- state ---------------------------------------------------------------------------------

    def _settings_key(self) -> str:
        return "gettingStarted/dismissed/" + self.ctx.db.describe().replace("/", "|").replace("\\", "|")

    @property
    def dismissed(self) -> bool:
        return QSettings().value(self._settings_key(), False, type=bool)

    def dismiss(self) -> None:
        QSettings().setValue(self._settings_key(), True)
        holder = self.parentWidget()  # the main window's frame around it
        (holder if holder is not None and holder.objectName() == "gettingStartedHolder" else self).setVisible(False)

    @property
    def complete(self) -> bool:
        return bool(self.steps) and all(step.done for step in self.steps)

    @property
    def wanted(self) -> bool:
        """Whether the checklist has anything to show (read by the main window)."""
        return bool(self.steps) and not self.complete and not self.dismissed

    def refresh(self) -> None:
        """The steps read again; the panel fills in (the main window decides whether it shows)."""
        steps = self.ctx.read_or_keep(getting_started.steps)
        if steps is None:  # the server out of reach: keep what is shown
            return
        self.steps = steps
        texts = self._texts()
        admin = self.ctx.actor.is_admin
        for number, step in enumerate(steps, start=1):
            title, detail = texts[step.key]
            note = ""
            if not step.done and not admin and step.key in ADMIN_STEPS:
                note = " " + self.tr("(görs av en administratör)")
            style = "color: #6b7280; text-decoration: line-through;" if step.done else ""
            self.links[step.key].setText(
                f"{number}. <a href='{step.key}' style='{style}'>{title}</a> – "
                f"<span style='color: #4b5563;'>{detail}{note}</span>"
            )
            mark = self.marks[step.key]
            mark.setText(DONE_MARK if step.done else TODO_MARK)
            mark.setStyleSheet("color: #15803d; font-weight: 600;" if step.done else "color: #6b7280;")
            mark.setToolTip(self.tr("Klart") if step.done else self.tr("Inte gjort ännu"))
        done = sum(step.done for step in steps)
        self.progress.setText(self.tr("%1 av %2 klara").replace("%1", str(done)).replace("%2", str(len(steps))))

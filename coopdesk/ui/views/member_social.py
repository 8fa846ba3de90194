"""The member's social documentation in the member editor: tabs Genomförandeplan, Journal, Avvikelser.

Each tab reads its part when it is first shown (and again after a change), through a command that logs
the read: opening a member's file is not yet reading the documentation, opening the tab is. Keyboard
first: in Journal the text field takes the entry and Ctrl+Enter saves it; Delete on an entry
felmarkerar it (an entry is never deleted), Enter or F2 changes one's own entry while that is allowed.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coopdesk.app.social import (
    AddJournalEntry,
    EditJournalEntry,
    FollowUpPlan,
    Goal,
    JournalRow,
    NewPlanVersion,
    OpenDeviations,
    OpenJournal,
    OpenPlans,
    PlanRow,
    Plans,
)
from coopdesk.core.social import JOURNAL_KINDS
from coopdesk.ui.context import AppContext
from coopdesk.ui.date_field import DateField
from coopdesk.ui.views.form_kit import FormDialog, message, plain_table
from coopdesk.ui.views.social_kit import (
    DeviationDialog,
    DeviationsModel,
    JournalModel,
    StrikeDialog,
    combo,
    kind_word,
    note_edit,
    run,
    status_word,
)
from coopdesk.ui.widgets import Banner

GOAL_ROWS = 5  # the Ny version dialog's goal rows; more goals: a second version


class _Tab(QWidget):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        self.loaded = False
        self.dialog: FormDialog | None = None
        ctx.changed.connect(self._data_changed)

    def ensure_loaded(self) -> None:
        if not self.loaded:
            self.load()

    def load(self) -> None:
        raise NotImplementedError

    def _data_changed(self, kind: str) -> None:
        if self.loaded and kind in ("social", "all", "members"):
            self.load()


# --- Journal ---------------------------------------------------------------------------------------------


class JournalTab(_Tab):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, member_id, parent)
        self.model = JournalModel(self)
        self.table = plain_table(self.model, "journalTable", self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.filter = combo(JOURNAL_KINDS, any_text=self.tr("Alla typer"))
        self.filter.setObjectName("journalFilter")
        self.filter.currentIndexChanged.connect(lambda _i: self.load())
        self.kind = combo(JOURNAL_KINDS)
        self.kind.setObjectName("journalKind")
        self.date = DateField(ctx.clock(), today=ctx.clock)
        self.text = note_edit(3)
        self.text.setObjectName("journalText")
        self.text.setMaximumHeight(self.text.fontMetrics().lineSpacing() * 6 + 12)  # the journal keeps the room
        self.text.setPlaceholderText(self.tr("Skriv anteckningen. Ctrl+Enter sparar."))
        self.save_button = QPushButton(self.tr("&Spara anteckning"))
        self.save_button.clicked.connect(self.save_entry)
        self.strike_button = QPushButton(self.tr("&Felmarkera…"))
        self.strike_button.clicked.connect(self.strike_current)
        self.edit_button = QPushButton(self.tr("Än&dra…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.print_button = QPushButton(self.tr("Skriv ut jo&urnal…"))
        self.print_button.clicked.connect(lambda: self.print_out("journal"))
        self.record_button = QPushButton(self.tr("Skriv ut &personakt…"))
        self.record_button.clicked.connect(lambda: self.print_out("all"))
        self.banner = Banner(self)
        self.editing: JournalRow | None = None
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save_entry)
        strike = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        strike.setContext(Qt.ShortcutContext.WidgetShortcut)
        strike.activated.connect(self.strike_current)
        edit = QShortcut(QKeySequence(Qt.Key.Key_F2), self.table)
        edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        edit.activated.connect(self.edit_current)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("V&isa:")))
        top.itemAt(0).widget().setBuddy(self.filter)  # type: ignore[union-attr]
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.strike_button)
        entry = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.kind)
        row.addWidget(QLabel(self.tr("Datum")))
        row.addWidget(self.date)
        row.addStretch(1)
        entry.addRow(self.tr("&Typ"), row)
        entry.itemAt(0, QFormLayout.ItemRole.LabelRole).widget().setBuddy(self.kind)  # type: ignore[union-attr]
        entry.addRow(self.tr("&Anteckning"), self.text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.record_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)

    def focus_target(self) -> QWidget:
        return self.text

    def load(self) -> None:
        rows, error = run(self.ctx, OpenJournal(self.member_id, kind=self.filter.currentData()))
        if error is not None:
            self.banner.show_message(message(error), "error")
            return
        self.loaded = True
        self.model.set_entries(rows)
        self.table.resizeRowsToContents()
        self._buttons()

    def _buttons(self) -> None:
        current = self.current()
        self.strike_button.setEnabled(current is not None and current.strikable)
        self.edit_button.setEnabled(current is not None and current.editable)

    def current(self) -> JournalRow | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() else None

    def select(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._buttons()

    def save_entry(self) -> bool:
        """Ctrl+Enter: write the entry (or save the change of the entry being changed)."""
        if self.editing is not None:
            command = EditJournalEntry(
                self.editing.entry_id,
                self.kind.currentData(),
                self.date.day(),
                self.text.toPlainText(),
                self.editing.version,
            )
        else:
            command = AddJournalEntry(self.member_id, self.kind.currentData(), self.date.day(), self.text.toPlainText())
        entry_id, error = run(self.ctx, command)
        if error is not None:
            self.banner.show_message(message(error), "error")
            return False
        self.banner.clear_message()
        self.editing = None
        self.save_button.setText(self.tr("&Spara anteckning"))
        self.text.clear()
        self.load()
        self.select(entry_id)
        self.text.setFocus()
        return True

    def edit_current(self) -> None:
        current = self.current()
        if current is None or not current.editable:
            return
        self.editing = current
        self.kind.setCurrentIndex(self.kind.findData(current.kind))
        self.date.setDate(current.date)
        self.text.setPlainText(current.text)
        self.save_button.setText(self.tr("&Spara ändringen"))
        self.text.setFocus()

    def print_out(self, what: str) -> str | None:
        from coopdesk.ui.views.social_print import print_documentation

        return print_documentation(self, self.ctx, self.member_id, what)

    def strike_current(self) -> StrikeDialog | None:
        current = self.current()
        if current is None or not current.strikable:
            return None
        dialog = StrikeDialog(self.ctx, current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.accepted.connect(lambda: (self.load(), self.select(current.entry_id)))
        dialog.open()
        return dialog


# --- Genomförandeplan ------------------------------------------------------------------------------------


def plan_html(plan: PlanRow, tr: object = None) -> str:
    """A version of the plan as the tab shows it (the printed plan has the same parts)."""
    parts = [
        f"<h3>Version {plan.number} · {escape(status_word(plan.status))}</h3>",
        f"<p>Beslut {escape(plan.decision_ref)} · skriven {plan.created_at:%Y-%m-%d} av {escape(plan.created_by)}"
        + (f" · gäller från {plan.in_force_from}" if plan.in_force_from else "")
        + f" · uppföljning senast {plan.follow_up_on}</p>",
    ]
    for n, g in enumerate(plan.goals, start=1):
        parts.append(f"<p><b>Mål {n}: {escape(g.goal)}</b></p><table cellpadding='2'>")
        for label, value in (("Insats", g.support), ("Vem gör vad", g.who), ("Hur", g.how), ("När", g.when)):
            if value:
                parts.append(f"<tr><td><i>{label}</i></td><td>{escape(value)}</td></tr>")
        parts.append("</table>")
    parts.append(f"<p><b>Medlemmens delaktighet</b><br/>{escape(plan.participation).replace(chr(10), '<br/>')}</p>")
    if plan.followed_up_at:
        note = escape(plan.follow_up_note or "").replace(chr(10), "<br/>")
        parts.append(f"<p><b>Uppföljd {plan.followed_up_at}</b><br/>{note}</p>")
    return "".join(parts)


class PlanTab(_Tab):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, member_id, parent)
        self.plans: Plans | None = None
        self.versions = QListWidget()
        self.versions.setObjectName("planVersions")
        self.versions.currentRowChanged.connect(self._show_version)
        self.view = QTextBrowser()
        self.view.setObjectName("planText")
        self.new_button = QPushButton(self.tr("&Ny version…"))
        self.new_button.clicked.connect(self.new_version)
        self.follow_button = QPushButton(self.tr("F&ölj upp…"))
        self.follow_button.clicked.connect(self.follow_up)
        self.print_button = QPushButton(self.tr("Skriv &ut…"))
        self.print_button.clicked.connect(self.print_plan)
        self.banner = Banner(self)
        split = QSplitter()
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("Versioner")))
        column.addWidget(self.versions)
        split.addWidget(left)
        split.addWidget(self.view)
        split.setSizes([200, 600])
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.follow_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    def focus_target(self) -> QWidget:
        return self.versions

    def load(self) -> None:
        plans, error = run(self.ctx, OpenPlans(self.member_id))
        if error is not None:
            self.banner.show_message(message(error), "error")
            return
        self.loaded = True
        self.plans = plans
        self.versions.clear()
        current = plans.in_force()
        for plan in plans.versions:
            text = f"{plan.decision_ref} v{plan.number} · {status_word(plan.status)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, plan.plan_id)
            self.versions.addItem(item)
        if current is not None:
            self.versions.setCurrentRow([p.plan_id for p in plans.versions].index(current.plan_id))
        elif plans.versions:
            self.versions.setCurrentRow(0)
        else:
            self.view.setHtml(
                "<p>"
                + escape(self.tr("Ingen genomförandeplan är skriven. Skriv den tillsammans med medlemmen: Ny version."))
                + "</p>"
            )
        if current is not None and current.due(self.ctx.clock()):
            due = self.tr("Planen ska följas upp senast %1.").replace("%1", str(current.follow_up_on))
            self.banner.show_message(due, "locked")  # the yellow of a thing that waits on someone
        else:
            self.banner.clear_message()
        self.follow_button.setEnabled(current is not None)
        self.print_button.setEnabled(current is not None)
        self.new_button.setEnabled(bool(plans.placements))

    def _show_version(self, row: int) -> None:
        if self.plans is not None and 0 <= row < len(self.plans.versions):
            self.view.setHtml(plan_html(self.plans.versions[row]))

    def new_version(self) -> PlanDialog | None:
        if self.plans is None:
            return None
        dialog = PlanDialog(self.ctx, self.member_id, self.plans, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def follow_up(self) -> FollowUpDialog | None:
        current = self.plans.in_force() if self.plans else None
        if current is None:
            return None
        dialog = FollowUpDialog(self.ctx, current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def print_plan(self) -> str | None:
        from coopdesk.ui.views.social_print import print_plan

        return print_plan(self, self.ctx, self.member_id)


class PlanDialog(FormDialog):
    """Ny version: the goals (each with what support, who, how, when), the member's participation, the
    follow-up date; filled from the plan in force so a new version changes only what changed."""

    def __init__(self, ctx: AppContext, member_id: int, plans: Plans, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ny version av genomförandeplanen"))
        self.ctx, self.member_id = ctx, member_id
        self.saved_id: int | None = None
        self.placement = QComboBox()
        for p in plans.placements:
            self.placement.addItem(f"{p.decision_ref} ({p.start} – {p.end or ''})", p.placement_id)
        self.placement.setCurrentIndex(max(self.placement.findData(plans.default_placement), 0))
        self.goals: list[tuple[QLineEdit, ...]] = []
        current = plans.in_force()
        grid = QVBoxLayout()
        for n in range(GOAL_ROWS):
            fields = tuple(QLineEdit() for _ in range(5))
            for field, hint in zip(
                fields,
                (
                    self.tr("Mål %1").replace("%1", str(n + 1)),
                    self.tr("Insats"),
                    self.tr("Vem gör vad"),
                    self.tr("Hur"),
                    self.tr("När"),
                ),
                strict=True,
            ):
                field.setPlaceholderText(hint)
            fields[0].setObjectName(f"goal{n + 1}")
            if current is not None and n < len(current.goals):
                g = current.goals[n]
                for field, value in zip(fields, (g.goal, g.support, g.who, g.how, g.when), strict=True):
                    field.setText(value)
            line = QHBoxLayout()
            line.addWidget(fields[0], 3)
            for field in fields[1:]:
                line.addWidget(field, 2)
            grid.addLayout(line)
            self.goals.append(fields)
        holder = QWidget()
        holder.setLayout(grid)
        holder.setMinimumWidth(860)
        self.participation = note_edit(3)
        self.participation.setObjectName("planParticipation")
        self.participation.setPlaceholderText(self.tr("Medlemmens egen syn och hur medlemmen har deltagit"))
        if current is not None:
            self.participation.setPlainText(current.participation)
        today = ctx.clock()
        self.follow_up_on = DateField(today + dt.timedelta(days=182), today=ctx.clock)
        self.form.addRow(self.tr("&Beslut"), self.placement)
        self.form.addRow(self.tr("&Mål"), holder)
        self.form.addRow(self.tr("Medlemmens &delaktighet"), self.participation)
        self.form.addRow(self.tr("&Uppföljning senast"), self.follow_up_on)

    def save(self) -> bool:
        goals = [Goal(*(f.text() for f in fields)) for fields in self.goals if any(f.text().strip() for f in fields)]
        self.saved_id, error = run(
            self.ctx,
            NewPlanVersion(
                self.member_id,
                goals,
                self.participation.toPlainText(),
                self.follow_up_on.day(),
                placement_id=self.placement.currentData(),
            ),
        )
        return self.show_result(error)


class FollowUpDialog(FormDialog):
    def __init__(self, ctx: AppContext, plan: PlanRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Följ upp genomförandeplanen"))
        self.ctx, self.plan = ctx, plan
        self.on = DateField(ctx.clock(), today=ctx.clock)
        self.note = note_edit(5)
        self.note.setObjectName("followUpNote")
        self.note.setMinimumWidth(460)
        self.form.addRow(self.tr("&Datum"), self.on)
        self.form.addRow(self.tr("&Uppföljning"), self.note)

    def save(self) -> bool:
        _result, error = run(
            self.ctx, FollowUpPlan(self.plan.plan_id, self.note.toPlainText(), self.on.day(), self.plan.version)
        )
        return self.show_result(error)


# --- Avvikelser ------------------------------------------------------------------------------------------


class MemberDeviationsTab(_Tab):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, member_id, parent)
        self.model = DeviationsModel(self, with_member=False)
        self.table = plain_table(self.model, "memberDeviations", self)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.change_current())
        self.new_button = QPushButton(self.tr("&Ny avvikelse…"))
        self.new_button.clicked.connect(self.new_deviation)
        self.banner = Banner(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def focus_target(self) -> QWidget:
        return self.table

    def load(self) -> None:
        rows, error = run(self.ctx, OpenDeviations(self.member_id))
        if error is not None:
            self.banner.show_message(message(error), "error")
            return
        self.loaded = True
        self.model.set_items(rows)

    def new_deviation(self) -> DeviationDialog:
        details = getattr(self.window(), "details", None)  # the member editor's: the member's name
        members = [(self.member_id, details.name)] if details is not None else []
        dialog = DeviationDialog(self.ctx, member_id=self.member_id, members=members, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def change_current(self) -> DeviationDialog | None:
        item = self.model.item(self.table.currentIndex().row())
        if item is None:
            return None
        members = [(self.member_id, item.member or "")]
        dialog = DeviationDialog(self.ctx, member_id=self.member_id, deviation=item, members=members, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog


__all__ = ["JournalTab", "MemberDeviationsTab", "PlanTab", "kind_word"]

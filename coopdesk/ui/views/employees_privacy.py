"""Anställda's administrator tools for privacy: an employee's register extract (GDPR art. 15) and the
gallring of former employees (docs/rules.md, "Lönebidrag"). The same services as ``coopdesk employee
record`` and ``coopdesk employee gallra``; the questions are attributes so tests answer them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from coopdesk.app.employees import EmployeeDetails, ErasableEmployees, EraseEmployees
from coopdesk.app.files import check_output_path, safe_file_name, write_logged
from coopdesk.core.errors import CoopdeskError
from coopdesk.core.services.employees_privacy import EmployeeErasureCandidate, employee_record
from coopdesk.ui.context import PENDING, AppContext
from coopdesk.ui.errors import show_error
from coopdesk.ui.table_export import tell_if_unlogged
from coopdesk.ui.views.employees_output import Outputs


class EmployeePrivacy(QObject):
    def __init__(self, ctx: AppContext, outputs: Outputs, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx, self.outputs, self.widget = ctx, outputs, parent
        self.confirm_erase: Callable[[list[EmployeeErasureCandidate]], bool] = self._confirm_erase
        self.tell: Callable[[str], None] = self._tell

    def record(self, person: EmployeeDetails) -> Path | None:
        """The extract to a JSON file, written with its audit entry in one unit of work on the worker."""
        name = self.outputs.ask_save_file(safe_file_name(f"{person.name} registerutdrag.json"), "json")
        if not name:
            return None
        ctx, actor = self.ctx, self.ctx.actor
        try:
            target = check_output_path(name, force=True, db_path=ctx.db.sqlite_path)

            def make(session: object) -> list[tuple[Path, bytes]]:
                document = employee_record(session, actor, person.id, file_name=target.name)  # type: ignore[arg-type]
                return [(target, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))]

            ctx.tasks.call(lambda: write_logged(ctx.db.output_session(), make))
        except CoopdeskError as error:
            show_error(self.widget, error)
            return None
        tell_if_unlogged(self.widget, ctx.db)
        return target

    def erase(self) -> int:
        """List the former employees who may be erased; erase them when the administrator confirms."""
        found = self.ctx.query(ErasableEmployees())
        if not found:
            self.tell(
                self.tr(
                    "Inga tidigare anställda att gallra. Lönekostnader, tidrapporter och beslut sparas sju hela "
                    "kalenderår efter det år de gäller (bokföringslagen)."
                )
            )
            return 0
        if not self.confirm_erase(found):
            return 0
        changes = self.ctx.execute(self.widget, EraseEmployees([c.employee_id for c in found]))
        if changes is None or changes is PENDING:
            return 0
        return len(changes.result)

    def _confirm_erase(self, found: list[EmployeeErasureCandidate]) -> bool:
        last = self.tr("sista dag %1")
        names = "\n".join(f"{c.name} ({last.replace('%1', c.last_day.isoformat())})" for c in found)
        answer = QMessageBox.question(
            self.widget,
            self.tr("Gallra tidigare anställda"),
            self.tr(
                "Dessa tas bort helt, med lönekostnader, beslut och tidrapporter:\n\n%1\n\nDet går inte att ångra."
            ).replace("%1", names),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _tell(self, text: str) -> None:
        QMessageBox.information(self.widget, self.tr("Gallra tidigare anställda"), text)

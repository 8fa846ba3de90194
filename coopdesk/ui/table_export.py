"""Exportera till Excel for a table the app shows: what the model shows, as a sheet of reports/xlsx.py.

The cells are read as the view shows them (DisplayRole) and turned back into values: a Swedish number
("1 234,50", "−2,00", "50 %", "450,00 kr") becomes a number, an ISO date a date, anything else stays
text; a column whose figures carried "%" or "kr" says so in its header. So what is exported is exactly
what is on the screen — the filter and sort the user chose included — with numbers Excel can sum.
The file and its audit entry are written together (app/exports.py), since these tables name members.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from coopdesk.app.exports import save_table
from coopdesk.core.errors import CoopdeskError
from coopdesk.reports.xlsx import Column, Kind, Sheet, workbook_bytes
from coopdesk.ui import formats
from coopdesk.ui.errors import show_error

_NUMBER = re.compile(r"^([−-]?\d{1,3}(?:[\u00a0\u202f ]\d{3})*|[−-]?\d+)(,\d+)?(?:[\u00a0 ](%|kr|tim))?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def cell_value(text: object) -> tuple[object, str | None]:
    """A shown cell as a value, and the unit it was shown with ("%" or "kr"), if any."""
    if not isinstance(text, str):
        return (None, None) if text is None else (text, None)
    shown = text.strip()
    if shown in ("", "–", "-"):
        return None, None
    if _DATE.match(shown):
        try:
            return dt.date.fromisoformat(shown), None
        except ValueError:
            return shown, None
    match = _NUMBER.match(shown)
    if match is None:
        return shown, None
    whole = re.sub(r"[\u00a0\u202f ]", "", match.group(1)).replace("−", "-")
    if match.group(2) is None:
        return int(whole), match.group(3)
    return Decimal(whole + "." + match.group(2)[1:]), match.group(3)


def model_sheet(model: QAbstractItemModel, name: str, *, row_header: str | None = None) -> Sheet:
    """The model's rows and columns as shown; ``row_header``: the vertical header is a first column."""
    columns = model.columnCount()
    rows: list[list[object]] = []
    units: list[set[str]] = [set() for _ in range(columns)]
    for r in range(model.rowCount()):
        line: list[object] = []
        if row_header is not None:
            line.append(str(model.headerData(r, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) or ""))
        for c in range(columns):
            value, unit = cell_value(model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
            if unit:
                units[c].add(unit)
            line.append(value)
        rows.append(line)
    heads = []
    offset = 1 if row_header is not None else 0
    for c in range(columns):
        head = str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        head = " ".join(head.split())  # a two-line header becomes one line
        unit = next(iter(units[c])) if len(units[c]) == 1 and "tim" not in units[c] else None
        kind = _kind([line[c + offset] for line in rows])
        heads.append(Column(f"{head} ({unit})" if unit else head, kind))
    if row_header is not None:
        heads.insert(0, Column(row_header))
    return Sheet(name, heads, rows)


def _kind(values: list[object]) -> Kind:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) for v in present):
        return "int"
    if present and all(isinstance(v, int | Decimal) for v in present):
        return "decimal"
    if present and all(isinstance(v, dt.date) for v in present):
        return "date"
    return "text"


def tell_if_unlogged(parent: QWidget, db: object) -> None:
    """A file written on a database its full disk made read-only is not in the audit log: say so."""
    if getattr(db, "unlogged", False):
        from coopdesk.app.files import unlogged_notice

        show_error(parent, unlogged_notice())


def export_sheets(
    parent: QWidget,
    ctx: object,
    sheets: list[Sheet],
    suggested: str,
    what: str,
    ask: Callable[[str, str], str] | None = None,
) -> Path | None:
    """Ask where, write the workbook and its audit entry ("Tabell exporterad"); the path, or None."""
    name = (ask or (lambda s, e: _ask(parent, s)))(suggested, "xlsx")
    if not name:
        return None
    rows = sum(len(s.rows) for s in sheets)
    try:
        data = workbook_bytes(sheets, title=what)
        target = save_table(ctx.db, ctx.actor, what, data, Path(name), rows)  # type: ignore[attr-defined]
    except CoopdeskError as error:
        show_error(parent, error)
        return None
    tell_if_unlogged(parent, ctx.db)  # type: ignore[attr-defined]
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(formats.tr("Sparade %1").replace("%1", str(target)), 8000)
    return target


def _ask(parent: QWidget, suggested: str) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, formats.tr("Exportera till Excel"), suggested, "Excel (*.xlsx)")
    return name

"""Skriv ut from the member's documentation: the plan to sign, the journal, the personakt, each saved
as a PDF the user names (and prints from there), the print logged in the same unit of work."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from coopdesk.app.social import PrintDocumentation
from coopdesk.ui.context import AppContext
from coopdesk.ui.errors import show_error
from coopdesk.ui.views.social_kit import run

NAMES = {"plan": "genomforandeplan", "journal": "journal", "all": "personakt"}


def ask_file(parent: QWidget, suggested: str) -> str:
    """The file to save to (replaced in tests)."""
    title = QCoreApplication.translate("SocialPrint", "Spara som PDF")
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, "PDF (*.pdf)")
    return name


def print_documentation(parent: QWidget, ctx: AppContext, member_id: int, what: str) -> str | None:
    """Ask for a file and write ``what`` of the member to it; the path written, or None."""
    name = ask_file(parent, f"{NAMES[what]}-{member_id}-{ctx.clock().isoformat()}.pdf")
    if not name:
        return None
    _member, error = run(ctx, PrintDocumentation(member_id, what, name))
    if error is not None:
        show_error(parent, error)
        return None
    return name


def print_plan(parent: QWidget, ctx: AppContext, member_id: int) -> str | None:
    return print_documentation(parent, ctx, member_id, "plan")

"""A table the app shows, exported to Excel: the file and its audit entry in one unit of work.

The member list, the month grid, the supervisors' month and the audit log name members and their
days, so every copy that leaves the program is on the record, as a statement export is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.app.files import check_output_path, write_logged
from coopdesk.core import audit
from coopdesk.core.actor import Actor

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coopdesk.storage.database import Database


def save_table(db: Database, actor: Actor, what: str, data: bytes, target: Path, rows: int) -> Path:
    """Write ``data`` (an .xlsx of the table ``what``, e.g. "Medlemmar") and log it; the path written."""
    checked = check_output_path(target, force=True, db_path=db.sqlite_path)  # the save dialog asked already

    def make(session: Session) -> list[tuple[Path, bytes]]:
        audit.record(
            session,
            actor,
            "export",
            "table",
            None,
            summary=f"{what} ({rows} rader, Excel) till {checked.name}",
            new={"table": what, "rows": rows, "format": "xlsx", "file": checked.name},
        )
        return [(checked, data)]

    write_logged(db.output_session(), make)
    return checked

"""Outputs of personal data on the record: a statement exported or printed, a backup made.

A statement names the members of a district with their attendance, so every copy that leaves the
program — a PDF, CSV or JSON file, a printout, standard output — is an audit entry of its own kind
("export statement", "print statement"), written in the same unit of work as the file (see
``storage.files.write_logged``). The log keeps a file's name, never its folder (which names the user's
home). A whole-database export is logged by ``core.exchange.exporter.export_for``, a register extract
by ``coopdesk member-export``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from coopdesk.core import audit
from coopdesk.core.calendar import Month

FORMATS = ("json", "csv", "pdf", "xlsx")


def _districts(names: Sequence[str]) -> str:
    return ", ".join(names) if len(names) <= 3 else f"{len(names)} beställare"


def record_statement_export(
    session: Session, actor: audit.Actor, month: Month, districts: Sequence[str], fmt: str, files: Sequence[str]
) -> None:
    """``files``: the names of the files written (none: the statement went to standard output)."""
    where = files[0] if len(files) == 1 else (f"{len(files)} filer" if files else "standardutdata")
    new: dict[str, object] = {"month": str(month), "districts": list(districts), "format": fmt}
    if len(files) == 1:
        new["file"] = files[0]
    elif files:
        new["files"] = len(files)
    audit.record(
        session,
        actor,
        "export",
        "statement",
        str(month),
        summary=f"{month.name_sv()} {_districts(districts)} ({fmt.upper()}) till {where}",
        new=new,
    )


def record_statement_print(
    session: Session, actor: audit.Actor, month: Month, districts: Sequence[str], pages: int
) -> None:
    audit.record(
        session,
        actor,
        "print",
        "statement",
        str(month),
        summary=f"{month.name_sv()} {_districts(districts)}, {pages} sidor",
        new={"month": str(month), "districts": list(districts), "pages": pages},
    )


def record_yearly_export(session: Session, actor: audit.Actor, year: int, fmt: str, file: str | None) -> None:
    """The year in figures written (``file`` None: to standard output). It names no member, but its
    small counts can point one out (docs/rules.md "Årsstatistik"), so it is on the record like a statement."""
    new: dict[str, object] = {"year": year, "format": fmt}
    if file is not None:
        new["file"] = file
    audit.record(
        session,
        actor,
        "export",
        "yearly_report",
        str(year),
        summary=f"Årsstatistik {year} ({fmt.upper()}) till {file or 'standardutdata'}",
        new=new,
    )


def record_yearly_print(session: Session, actor: audit.Actor, year: int, pages: int) -> None:
    audit.record(
        session,
        actor,
        "print",
        "yearly_report",
        str(year),
        summary=f"Årsstatistik {year}, {pages} sidor",
        new={"year": year, "pages": pages},
    )


def record_backup(session: Session, actor: audit.Actor, file_name: str, *, reason: str = "manual") -> None:
    """A backup made on request (``coopdesk backup``, Arkiv → Säkerhetskopiera nu)."""
    audit.record(
        session,
        actor,
        "backup",
        "database",
        None,
        summary=f"Säkerhetskopia {file_name}",
        new={"file": file_name, "reason": reason},
    )

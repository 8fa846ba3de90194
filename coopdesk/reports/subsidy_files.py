"""The request basis or the outlook as a file: ``coopdesk-subsidy/1`` JSON, PDF or Excel — the same bytes
from ``coopdesk subsidy --format …`` and from Anställda's buttons."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Protocol

from coopdesk.core.subsidy import SubsidyChange, SubsidyMonth
from coopdesk.reports.subsidy_pdf import Letterhead

FORMATS = ("json", "pdf", "xlsx")


class Basis(Protocol):
    """app/employees.py's ``SubsidyBasis``."""

    @property
    def cooperative(self) -> Letterhead: ...

    @property
    def months(self) -> Sequence[SubsidyMonth]: ...

    @property
    def summaries(self) -> Mapping[str, Mapping[str, Decimal]]: ...

    @property
    def outlook(self) -> bool: ...

    @property
    def changes(self) -> Sequence[SubsidyChange]: ...


def subsidy_bytes(basis: Basis, format: str, *, printed: dt.date | None = None) -> bytes:
    if format == "pdf":
        from coopdesk.reports.subsidy_pdf import subsidy_pdf

        return subsidy_pdf(
            basis.cooperative,
            basis.months,
            basis.summaries,
            outlook=basis.outlook,
            printed=printed or dt.date.today(),
            changes=basis.changes,
        )
    if format == "xlsx":
        from coopdesk.reports.subsidy_xlsx import outlook_xlsx, request_xlsx

        if basis.outlook:
            return outlook_xlsx(basis.cooperative, basis.months)
        return request_xlsx(basis.cooperative, basis.months[0], basis.summaries)
    if format != "json":
        raise ValueError(f"unknown format {format!r}")
    from coopdesk.core.subsidy import subsidy_document

    document = subsidy_document(basis.cooperative.name or "", basis.months)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

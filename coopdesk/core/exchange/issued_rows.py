"""The checked coopdesk/2 part of issue 17 as rows ready to insert (exchange/issued_part.py makes them):
a module of its own, so that parsed.py can hold them without importing the part back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class IssuedRows:
    """The invoicing details, issued statement versions and invoices of a document, checked."""

    seller: dict[str, Any] | None = None
    buyers: list[dict[str, Any]] = field(default_factory=list)
    issued: list[dict[str, Any]] = field(default_factory=list)
    invoices: list[dict[str, Any]] = field(default_factory=list)

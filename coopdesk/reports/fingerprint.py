"""A short fingerprint of a statement's figures, printed on every page of the PDF.

A printed statement can be matched against the data later: recompute the fingerprint of the
same district and month and compare. It is a hash of the JSON form (interchange.md §2) without
the ``attested`` flag, so attesting a month does not change the fingerprint of its figures, but
any change of a figure, a row, a name or a personal number does.
"""

from __future__ import annotations

import hashlib
import json

from coopdesk.core.statement import Statement
from coopdesk.reports.statement_json import statement_document

DIGITS = 12
GROUP = 4


def statement_fingerprint(statement: Statement) -> str:
    """12 upper-case hex digits of sha256 in groups of four, e.g. ``3F2A-9C1B-77D0``."""
    document = statement_document(statement)
    document.pop("attested", None)
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGITS].upper()
    return "-".join(digest[i : i + GROUP] for i in range(0, DIGITS, GROUP))

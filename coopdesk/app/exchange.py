"""The export file from the GUI: the whole database exported as ``coopdesk/2`` (logged, encrypted on
request; the members' social documentation included) and a ``coopdesk/1`` or ``coopdesk/2`` export read
back into a new database, each as one operation on the database worker.

The envelope is storage/export_crypto.py's (the same as ``coopdesk export --encrypt``); the document is
core/exchange's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from coopdesk.core.actor import Actor
from coopdesk.core.exchange.exporter import export_for
from coopdesk.core.exchange.importer import ImportSummary, import_document
from coopdesk.core.exchange.reader import loads
from coopdesk.storage.export_crypto import MIN_PASSPHRASE, SUFFIX, is_sealed, seal, unseal
from coopdesk.storage.files import write_logged

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coopdesk.app.database import Database

__all__ = ["MIN_PASSPHRASE", "SUFFIX", "export_database", "import_export", "is_sealed"]


def import_export(database: Database, actor: Actor, raw: bytes, passphrase: str | None, name: str) -> ImportSummary:
    """The export file's bytes ``raw`` (sealed when ``passphrase`` is given) read into ``database``, in one
    unit of work; the importer refuses anyone but an administrator and a database that is not empty."""
    data = unseal(raw, passphrase) if passphrase is not None else raw
    document = loads(data, name)
    with database.session() as session:
        return import_document(session, document, actor=actor)


def export_database(database: Database, actor: Actor, target: Path, passphrase: str | None) -> list[Path]:
    """The whole database written to ``target`` (sealed with ``passphrase`` when given) and its audit entry
    in the same unit of work: a refused or failed export leaves no file behind (storage/files.py)."""

    def make(session: Session) -> list[tuple[Path, bytes]]:
        document = export_for(session, actor, file_name=target.name, encrypted=passphrase is not None)
        data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        return [(target, seal(data, passphrase) if passphrase is not None else data)]

    return write_logged(database.session(), make)

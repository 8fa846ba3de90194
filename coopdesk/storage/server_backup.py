"""``coopdesk backup`` on a PostgreSQL server: a consistent export, not a copy of the server's files.

The server's own backups are pg_dump's job (README, "Several PCs: PostgreSQL"): it runs on the
server, sees every table, and its dump restores into a new database as it was. What a desktop can add
is a copy in coopdesk's own format on the supervisors' side of the network: a ``coopdesk/2`` export
of the whole database (``coopdesk import`` reads it into a new, empty database) and, beside it, what
that format leaves out, the audit log and the accounts (without password hashes). Both are read in
one REPEATABLE READ, read-only transaction, so they are one consistent snapshot while others keep
working; each is written atomically and owner-only (they hold health-related personal data).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session

from coopdesk.storage.database import Database
from coopdesk.storage.files import safe_file_name, write_atomic

EXTRA_FORMAT = "coopdesk-backup-extra/1"
EXTRA_SUFFIX = ".audit.json"


@dataclass(frozen=True)
class ServerBackup:
    export: Path  # the coopdesk/2 document
    extra: Path  # the audit log and the accounts, of the same moment


def stem(url: str) -> str:
    """The database's name as the start of its backups' file names (``kos-20261127-173000-manual.json``)."""
    from coopdesk.storage.database_errors import bad_url

    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise bad_url(url, exc) from exc
    return safe_file_name(parsed.database or "coopdesk")


def export_name(url: str, taken_at: dt.datetime) -> str:
    return f"{stem(url)}-{taken_at:%Y%m%d-%H%M%S}-manual.json"


def extra_path(export: Path) -> Path:
    return export.with_name(export.name.removesuffix(".json") + EXTRA_SUFFIX)


def list_exports(url: str, folder: Path) -> list[Path]:
    """This database's exports in ``folder``, newest first."""
    found = [p for p in folder.glob(f"{stem(url)}-*-manual.json") if not p.name.endswith(EXTRA_SUFFIX)]
    return sorted(found, reverse=True)


def _extra(session: Session, database: Database, taken_at: dt.datetime) -> dict:
    from coopdesk.core.models import AuditEntry, UserAccount
    from coopdesk.storage.schema import HEAD

    def when(value: dt.datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    accounts = session.scalars(select(UserAccount).order_by(UserAccount.id))
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return {
        "format": EXTRA_FORMAT,
        "database": database.describe(),
        "schema": HEAD,
        "taken_at": taken_at.isoformat(),
        "user_accounts": [
            {
                "login": u.login,
                "name": u.name,
                "role": u.role,
                "active": u.active,
                "created_at": when(u.created_at),
                "last_login_at": when(u.last_login_at),
            }
            for u in accounts
        ],
        "audit_log": [
            {
                "id": e.id,
                "at": when(e.at),
                "actor": e.actor,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "member_id": e.member_id,
                "summary": e.summary,
                "old": e.old,
                "new": e.new,
            }
            for e in entries
        ],
    }


def snapshot(database: Database) -> tuple[dict, dict]:
    """The export and the extra part, read in one consistent, read-only transaction."""
    from coopdesk.core.exchange.exporter import export_document

    taken_at = dt.datetime.now().replace(microsecond=0)
    with database.read_snapshot() as session:
        return export_document(session), _extra(session, database, taken_at)


def make_server_backup(database: Database, folder: Path, target: Path | None = None) -> ServerBackup:
    """Write the snapshot into ``folder`` (or to ``target`` and its ``.audit.json`` sibling)."""
    document, extra = snapshot(database)
    export = target or folder / export_name(database.url, dt.datetime.fromisoformat(extra["taken_at"]))
    extra_file = extra_path(export)
    write_atomic(extra_file, _json(extra))
    write_atomic(export, _json(document))  # last: an export on disk always has its extra beside it
    return ServerBackup(export, extra_file)


def _json(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

"""The command line's record-keeping commands: backup, restore, the audit log, a member's record.

Split from the package's __init__.py, which builds the parser and holds the everyday commands; both share common.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from coopdesk.cli import common as cli_common
from coopdesk.cli.common import Output, check_output, credentials, log_in
from coopdesk.core.errors import ValidationError

MEMBER_EXPORT_FORMATS = ("json", "pdf")


def _server_url(args: argparse.Namespace) -> str | None:
    """The URL of a database server (PostgreSQL), or None for an SQLite file."""
    from coopdesk.storage import paths

    url = paths.database_url(args.db)
    return None if url.startswith("sqlite:///") else url


def _sqlite_path(args: argparse.Namespace) -> Path:
    from coopdesk.storage import paths

    return Path(paths.database_url(args.db).removeprefix("sqlite:///"))


def cmd_backup(args: argparse.Namespace, io: Output) -> int:
    from coopdesk.core.services import outputs
    from coopdesk.storage.backup import make_backup, rotate

    url = _server_url(args)
    if url is not None:
        return _server_backup(args, io, url)
    path = _sqlite_path(args)
    if args.list:
        return _list_backups(io, path)
    if getattr(args, "remove_pre_restore", None):
        return _remove_pre_restore(args, io, path)
    if args.output is not None and (args.output.name in ("", ".", "..") or args.output.is_dir()):
        raise ValidationError(
            "-o",
            str(args.output),
            f"{args.output} är ingen fil. Ange säkerhetskopians filnamn, till exempel kopia.db.",
            f"{args.output} is not a file. Give the backup's file name, e.g. copy.db.",
        )
    if args.output is not None:
        from coopdesk.storage.keyfile import key_file_path

        check_output(args, key_file_path(args.output))  # an encrypted database's keys go beside the backup
        args.output = check_output(args, args.output)
    user = log_in(args)  # refuses a missing, foreign or damaged database (and a stranger) with a clear message
    key = getattr(user.db, "key", None)  # an encrypted database's backup is encrypted with its key
    try:
        target = make_backup(path, target=args.output, reason="manual", key=key)
        with user.db.output_session() as session:  # on the record: who made a copy of the database, and its name
            outputs.record_backup(session, user.actor, target.name)
    finally:
        user.db.close()
    if user.db.unlogged:
        io.warn(
            "Disken är full: säkerhetskopian kunde inte föras in i händelseloggen. Frigör utrymme snart.",
            "The disk is full: the backup could not be entered in the audit log. Free some space soon.",
        )
    if args.output is None:
        rotate(path)
    io.say(f"Säkerhetskopian är gjord och kontrollerad: {target}", f"The backup is made and checked: {target}")
    return 0


REASON_EN = {
    "auto": "automatic (daily)",
    "manual": "manual",
    "close": "when the app closed",
    "migration": "before a database update",
    "restore": "before restore",
    "damaged": "damaged database (kept as it was)",
}


def _list_backups(io: Output, path: Path) -> int:
    from coopdesk.storage.backup import REASON_SV, list_backups

    backups = list_backups(path)
    if not backups:
        io.say("Det finns inga säkerhetskopior ännu.", "There are no backups yet.")
    for b in backups:
        kept_sv = " (sparas tills en administratör tar bort den)" if b.kept_until_removed else ""
        kept_en = " (kept until an administrator removes it)" if b.kept_until_removed else ""
        io.say(
            f"{b.taken_at:%Y-%m-%d %H:%M}  {b.size / 1e6:7.1f} MB  {REASON_SV[b.reason]}{kept_sv}  {b.path}",
            f"{b.taken_at:%Y-%m-%d %H:%M}  {b.size / 1e6:7.1f} MB  {REASON_EN[b.reason]}{kept_en}  {b.path}",
        )
    return 0


def _remove_pre_restore(args: argparse.Namespace, io: Output, path: Path) -> int:
    """An administrator removes a copy kept before a restore; the removal is logged."""
    from coopdesk.core import audit
    from coopdesk.storage.backup import remove_kept

    user = log_in(args, check=False, admin_for=("ta bort en kopia från före en återställning", "remove a kept copy"))
    try:
        removed = remove_kept(path, args.remove_pre_restore)
        with user.db.session() as s:
            audit.record(
                s,
                user.actor,
                "delete",
                "backup",
                removed.name,
                summary=f"Tog bort kopian från före en återställning {removed.name}",
            )
    finally:
        user.db.close()
    io.say(f"Tog bort {removed}.", f"Removed {removed}.")
    return 0


def _server_backup(args: argparse.Namespace, io: Output, url: str) -> int:
    """A database server: a consistent coopdesk/2 export (and its audit log) into the backup folder;
    the server's own backups are pg_dump's (coopdesk.storage.server_backup)."""
    from coopdesk.core.services import outputs
    from coopdesk.storage.backup import _folder
    from coopdesk.storage.database import make_url_safe
    from coopdesk.storage.server_backup import extra_path, list_exports, make_server_backup

    dump_sv = "Serverns egna säkerhetskopior görs med pg_dump på servern (se README)."
    dump_en = "The server's own backups are made with pg_dump on the server (see the README)."
    if args.list:
        exports = list_exports(url, _folder(None))
        if not exports:
            io.say(
                f"Det finns inga exporter av {make_url_safe(url)} ännu. {dump_sv}",
                f"There are no exports of {make_url_safe(url)} yet. {dump_en}",
            )
        for export in exports:
            size = f"{export.stat().st_size / 1e6:7.1f} MB"
            io.say(f"{size}  export  {export}", f"{size}  export  {export}")
        return 0
    if args.output is not None and (args.output.name in ("", ".", "..") or args.output.is_dir()):
        raise ValidationError(
            "-o",
            str(args.output),
            f"{args.output} är ingen fil. Ange exportens filnamn, till exempel kopia.json.",
            f"{args.output} is not a file. Give the export's file name, e.g. copy.json.",
        )
    if args.output is not None:
        check_output(args, extra_path(args.output))  # the audit log and the accounts go beside the export
        args.output = check_output(args, args.output)
    # A plain coopdesk/2 export of everyone's data: an administrator's, like `coopdesk export`, and logged.
    user = log_in(args, check=False, admin_for=("exportera databasen på servern", "export the server database"))
    try:
        made = make_server_backup(user.db, _folder(None), args.output)
        try:
            with user.db.session() as session:
                outputs.record_backup(session, user.actor, made.export.name, reason="server export")
        except BaseException:  # not on the record: no copy of everyone's data may remain
            made.export.unlink(missing_ok=True)
            made.extra.unlink(missing_ok=True)
            raise
    finally:
        user.db.close()
    io.say(
        f"Databasen på servern är exporterad (coopdesk/2, en enhetlig ögonblicksbild): {made.export}, "
        f"händelseloggen och kontona i {extra_path(made.export).name}. {dump_sv}",
        f"The server database is exported (coopdesk/2, one consistent snapshot): {made.export}, the audit log "
        f"and the accounts in {extra_path(made.export).name}. {dump_en}",
    )
    return 0


def cmd_restore(args: argparse.Namespace, io: Output) -> int:
    from coopdesk import access
    from coopdesk.core.actor import Actor
    from coopdesk.core.errors import StorageError
    from coopdesk.core.permissions import require_admin
    from coopdesk.restoring import backup_admin, key_for_restore, restore_database, unopenable
    from coopdesk.storage.backup import newest_good_backup
    from coopdesk.storage.instance_lock import InstanceLock

    if _server_url(args) is not None:
        user = log_in(args, check=False, admin_for=("återställa en säkerhetskopia", "restore a backup"))
        user.db.close()
        raise ValidationError(
            "--db",
            user.db.describe(),
            "En databas på en server återställs inte härifrån: den som sköter servern återställer pg_dump-kopian "
            "med pg_restore. En export från 'coopdesk backup' läses in i en ny, tom databas med "
            "'coopdesk --db ADRESS import FIL'. Inget ändrades.",
            "A database on a server is not restored from here: whoever looks after the server restores the pg_dump "
            "copy with pg_restore. An export made by 'coopdesk backup' goes into a new, empty database with "
            "'coopdesk --db ADDRESS import FILE'. Nothing was changed.",
        )
    path = _sqlite_path(args)
    login, password = credentials(args)
    actor, note = None, ""
    try:  # only an administrator replaces the database ...
        user = access.login(args.db, login, password, wait=cli_common.wait)
        key = user.db.key  # an encrypted backup is read (and restored) with the database's key
        user.db.close()
        require_admin(user.actor, "återställa en säkerhetskopia", "restore a backup")
        actor = user.actor
    except StorageError as error:
        # ... unless it cannot be opened (missing, empty, truncated, damaged, without its keys file):
        # then a sound backup can only help, and whoever can reach the file could replace it anyway
        # (docs/data-safety.md). An encrypted one still needs a password that unwraps its key, from its
        # own keys file or from one beside a backup.
        if not unopenable(path, error):
            raise
        key = key_for_restore(path, login, password, args.file)
        note = "databasen gick inte att öppna"
    source = args.file
    if source is None:
        newest = newest_good_backup(path, key=key)
        if newest is None:
            raise ValidationError(
                "file",
                None,
                "Det finns ingen hel säkerhetskopia att återställa.",
                "There is no sound backup to restore.",
            )
        source = newest.path
    if actor is None:  # who restores: an administrator of the backup, or the login as given (noted)
        actor = backup_admin(source, key, login, password)
        if actor is None:
            actor = Actor(name=login or "okänd", role="", login=login)
            note += "; inloggningen kunde inte kontrolleras"
    if not args.yes:
        if not sys.stdin.isatty():
            raise ValidationError(
                "--yes",
                None,
                f"Återställning ersätter databasen {path} med {source}. Bekräfta med --yes.",
                f"A restore replaces the database {path} with {source}. Confirm with --yes.",
            )
        answer = input(f"Ersätt {path} med {source}? Den nuvarande sparas som säkerhetskopia. [j/N] ")
        if answer.strip().lower() not in ("j", "ja", "y", "yes"):
            io.say("Avbrutet; inget ändrades.", "Cancelled; nothing changed.")
            return 1
    with InstanceLock(path) as lock:
        if not lock.acquired:
            raise ValidationError(
                "database",
                str(path),
                "coopdesk är igång med den här databasen. Stäng programmet och försök igen "
                "(eller återställ från programmet: Arkiv → Återställ).",
                "coopdesk is running on this database. Close it and try again (or restore from the app).",
            )
        done = restore_database(path, source, actor=actor, key=key, note=note)
    kept = done.kept
    io.say(
        f"Återställde {path} från {source}."
        + (f" Databasen som den var finns i {kept} (den sparas tills en administratör tar bort den)." if kept else "")
        + (f" {done.carried} händelser i loggen från före återställningen fördes över." if done.carried else ""),
        f"Restored {path} from {source}."
        + (f" The database as it was is kept in {kept} (until an administrator removes it)." if kept else "")
        + (f" {done.carried} audit entries from before the restore were carried over." if done.carried else ""),
    )
    return 0


def _date_arg(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(
            flag,
            value,
            f"Datumet {value} är inte giltigt. Skriv ÅÅÅÅ-MM-DD.",
            f"The date {value} is not valid. Use YYYY-MM-DD.",
        ) from exc


def cmd_audit(args: argparse.Namespace, io: Output) -> int:
    import json

    from coopdesk.core import audit_text
    from coopdesk.core.services import audit_log

    first, last = _date_arg(args.first, "--from"), _date_arg(args.last, "--to")
    if args.limit < 1:
        raise ValidationError("--limit", args.limit, "--limit måste vara minst 1.", "--limit must be at least 1.")
    kinds = audit_log.kinds_matching(args.kind) if args.kind else None
    db = log_in(args, check=False, admin_for=("läsa händelseloggen", "read the audit log")).db
    try:
        with db.session() as session:
            ids = audit_log.member_ids_matching(session, args.member) if args.member else None
            found = audit_log.entries(
                session, member_ids=ids, actor=args.by_user, first=first, last=last, kinds=kinds, limit=args.limit
            )
            names = audit_log.lookup(session)
            rows = [
                (e, audit_text.describe_entry(e, names, "sv"), audit_text.describe_entry(e, names, "en")) for e in found
            ]
    finally:
        db.close()
    if args.format == "json":  # the stored entries as they are, for scripts (with the sentence beside)
        document = [
            {
                "at": e.at.isoformat(),
                "user": e.actor,
                "action": e.action,
                "entity": e.entity,
                "entity_id": e.entity_id,
                "member_id": e.member_id,
                "summary": e.summary,
                "old": json.loads(e.old) if e.old else None,
                "new": json.loads(e.new) if e.new else None,
                "text": (sv if io.lang == "sv" else en).sentence,
            }
            for e, sv, en in rows
        ]
        io.out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return 0
    if not rows:
        io.say("Inga händelser matchar.", "No entries match.")
    for e, sv, en in rows:
        io.say(
            f"{e.at:%Y-%m-%d %H:%M:%S}  {sv.sentence}" + (f" — {sv.summary}" if sv.summary else ""),
            f"{e.at:%Y-%m-%d %H:%M:%S}  {en.sentence}" + (f" — {en.summary}" if en.summary else ""),
        )
    return 0


def cmd_member_export(args: argparse.Namespace, io: Output) -> int:
    """Everything about one member to a JSON or PDF file; the export itself is logged (GDPR art. 15)."""
    import json

    from coopdesk.core import audit
    from coopdesk.core.services.member_record import find_member, member_record
    from coopdesk.storage.files import write_logged

    target: Path = args.output
    fmt = args.format or ("pdf" if target.suffix.lower() == ".pdf" else "json")
    if target.name in ("", ".", "..") or target.is_dir():
        raise ValidationError(
            "-o",
            str(target),
            f"{target} är ingen fil. Ange ett filnamn, till exempel registerutdrag.{fmt}.",
            f"{target} is not a file. Give a file name, e.g. extract.{fmt}.",
        )
    target = check_output(args, target)  # type: ignore[assignment]
    user = log_in(args, check=False, admin_for=("göra registerutdrag", "export a member's record"))
    db = user.db
    name = ""

    def make(session):  # one unit of work: the file is written, then the export is logged
        nonlocal name
        member_id = find_member(session, args.member)
        record = member_record(session, member_id)
        if fmt == "pdf":
            from coopdesk.reports.member_pdf import member_pdf

            data = member_pdf(record)
        else:
            data = (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        name = record["member"]["name"]
        audit.record(
            session,
            user.actor,
            "export",
            "member",
            member_id,
            summary=f"Registerutdrag ({fmt.upper()}) för {name} till {target.name}",
            new={"format": fmt, "file": target.name},
            member_id=member_id,
        )
        return [(target, data)]

    try:  # no unlogged copy of the member's data may remain: write_logged removes it if the log fails
        write_logged(db.session(), make)
    finally:
        db.close()
    io.say(f"Skrev registerutdraget för {name} till {target}.", f"Wrote the register extract of {name} to {target}.")
    return 0


def export_passphrase() -> str:
    """The passphrase of an encrypted export: COOPDESK_EXPORT_PASSWORD for scripts, else asked twice."""
    import getpass
    import os

    from coopdesk.storage.export_crypto import MIN_PASSPHRASE, check_passphrase

    given = os.environ.get("COOPDESK_EXPORT_PASSWORD")
    if given is None:
        if not sys.stdin.isatty():
            raise ValidationError(
                "COOPDESK_EXPORT_PASSWORD",
                None,
                "Den krypterade exporten behöver ett lösenord: skriv det vid frågan, eller sätt "
                "COOPDESK_EXPORT_PASSWORD i skript.",
                "The encrypted export needs a passphrase: type it at the prompt, or set COOPDESK_EXPORT_PASSWORD "
                "in scripts.",
            )
        given = getpass.getpass(f"Lösenord för exporten (minst {MIN_PASSPHRASE} tecken) / Export passphrase: ")
        if getpass.getpass("Igen / Again: ") != given:
            raise ValidationError(
                "passphrase", "•", "Lösenorden är inte lika. Inget exporterades.", "The passphrases differ."
            )
    check_passphrase(given)
    return given


def read_export_file(path: Path) -> object:
    """A coopdesk/1 document from a file, decrypting an encrypted export (its passphrase from
    COOPDESK_EXPORT_PASSWORD, else asked) before anything else is done."""
    import getpass
    import os

    from coopdesk.core.exchange.reader import loads, read_file
    from coopdesk.storage import export_crypto

    raw = read_file(path)
    if export_crypto.is_sealed(raw):
        passphrase = os.environ.get("COOPDESK_EXPORT_PASSWORD")
        if passphrase is None:
            if not sys.stdin.isatty():
                raise ValidationError(
                    "COOPDESK_EXPORT_PASSWORD",
                    None,
                    f"{path} är en krypterad export: skriv dess lösenord vid frågan, eller sätt "
                    "COOPDESK_EXPORT_PASSWORD i skript.",
                    f"{path} is an encrypted export: type its passphrase at the prompt, or set "
                    "COOPDESK_EXPORT_PASSWORD in scripts.",
                )
            passphrase = getpass.getpass(f"Lösenord för {path.name} / Passphrase: ")
        raw = export_crypto.unseal(raw, passphrase)
    return loads(raw, str(path))


def warn_unencrypted(io: Output, target: Path) -> None:
    """The line on standard error after an unencrypted export of personal data."""
    sv = (
        f"Varning: {target} är okrypterad och innehåller känsliga personuppgifter (personnummer, beslut, "
        "närvaro) om alla medlemmar. Förvara den som en journal, radera den när den inte behövs, och använd "
        "--encrypt för en krypterad export."
    )
    en = (
        f"Warning: {target} is unencrypted and holds sensitive personal data (personal numbers, placements, "
        "attendance) about every member. Keep it as you would a case file, delete it when it is no longer "
        "needed, and use --encrypt for an encrypted export."
    )
    print(sv if io.lang == "sv" else en, file=io.err)

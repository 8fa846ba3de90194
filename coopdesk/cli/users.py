"""The command line's account commands: setting up a database with its first administrator, user
accounts, one's own password, encrypting an existing database and the recovery key.

Every command here, like the others, runs unattended with COOPDESK_USER and COOPDESK_PASSWORD (and
COOPDESK_NEW_PASSWORD where a new password is set); at a terminal it asks instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coopdesk.cli import common as cli_common
from coopdesk.cli.common import Output, add_force, check_output, credentials, log_in, new_password
from coopdesk.core.errors import ValidationError


def add_user_commands(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="user accounts (list, add, reset a password, (de)activate)")
    action = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    action.add_parser("list", help="list the accounts")
    add = action.add_parser("add", help="add an account (its password: COOPDESK_NEW_PASSWORD or a prompt)")
    add.add_argument("new_login", metavar="LOGIN")
    add.add_argument("--name", required=True, metavar="NAME", help="the person's full name")
    add.add_argument("--role", choices=("handledare", "administratör"), default="handledare")
    reset = action.add_parser("reset-password", help="give an account a new password (changed at its next login)")
    reset.add_argument("target", metavar="LOGIN")
    deactivate = action.add_parser("deactivate", help="stop an account from logging in (it stays in the log)")
    deactivate.add_argument("target", metavar="LOGIN")
    activate = action.add_parser("activate", help="let an inactive account log in again, with a new password")
    activate.add_argument("target", metavar="LOGIN")
    role = action.add_parser("role", help="change an account's role")
    role.add_argument("target", metavar="LOGIN")
    role.add_argument("new_role", choices=("handledare", "administratör"), metavar="ROLE")

    commands.add_parser("password", help="change your own password (new one: COOPDESK_NEW_PASSWORD or a prompt)")

    encrypt = commands.add_parser(
        "encrypt", help="encrypt an existing unencrypted database in place (administrator; prints a recovery key)"
    )
    encrypt.add_argument("--recovery-key-file", type=Path, metavar="FILE", help="also write the recovery key to FILE")
    add_force(encrypt)

    recover = commands.add_parser(
        "recover", help="forgotten administrator password: the recovery key sets a new one (encrypted databases)"
    )
    recover.add_argument(
        "--recovery-key", metavar="KEY", help="the printed key (default: COOPDESK_RECOVERY_KEY or a prompt)"
    )


def _show_recovery_key(io: Output, key: str | None, target: Path | None) -> None:
    if key is None:
        return
    io.say(
        "Återställningsnyckel (visas bara nu — skriv ut den eller skriv av den och förvara den inlåst; den öppnar "
        f"databasen om alla administratörer glömt sina lösenord):\n\n    {key}\n",
        "Recovery key (shown only now — print or copy it and keep it locked away; it opens the database if every "
        f"administrator has forgotten their password):\n\n    {key}\n",
    )
    if target is not None:
        from coopdesk.storage.files import write_atomic

        write_atomic(target, (key + "\n").encode("ascii"))
        os.chmod(target, 0o600)
        io.say(f"Nyckeln är också sparad i {target}.", f"The key is also saved in {target}.")


def open_or_create(
    args: argparse.Namespace,
    io: Output,
    *,
    admin: str | None = None,
    name: str | None = None,
    demo: bool = False,
    admin_for: tuple[str, str] | None = None,
    populate=None,
):
    """Log in to the database, or set it up first when it is new (or from before accounts): then its
    first administrator is ``--admin``/``--user``/COOPDESK_USER with COOPDESK_PASSWORD (or asked), or
    for the demo the demo's accounts.

    Returns (session, populated): a new database is filled by ``populate(session, actor)`` before it
    gets its name (a killed import leaves no database); ``populated`` is None when it already existed."""
    from coopdesk import access
    from coopdesk.storage.database import open_database

    check_output(args, getattr(args, "recovery_key_file", None))  # before anything is created
    new = access.is_new(args.db)
    if not new and not access.is_encrypted(args.db):
        plain = open_database(args.db, create=False)
        try:
            new = not access.has_users(plain)
        finally:
            plain.close()
    if not new:
        return log_in(args, admin_for=admin_for), None
    encrypt = not args.no_encryption and access.sqlite_path(args.db) is not None
    if demo:
        login, full_name, _role, password = access.DEMO_ACCOUNTS[0]
    else:
        login = admin or args.login or os.environ.get("COOPDESK_USER", "")
        if not login and sys.stdin.isatty():
            login = input("Den första administratörens användarnamn / First administrator's login: ").strip()
        if not login:
            raise ValidationError(
                "--admin",
                None,
                "En ny databas behöver sin första administratör: --user NAMN eller COOPDESK_USER ('coopdesk init "
                "--admin NAMN'), lösenordet från COOPDESK_PASSWORD.",
                "A new database needs its first administrator: --user NAME or COOPDESK_USER ('coopdesk init "
                "--admin NAME'), the password from COOPDESK_PASSWORD.",
            )
        full_name = name or login
        password = os.environ.get("COOPDESK_PASSWORD") or new_password(f"Lösenord för {login}", f"Password for {login}")
    created = access.create_database(
        args.db, login, full_name, password, encrypt=encrypt, demo_accounts=demo, populate=populate
    )
    where = created.session.db.describe()
    login = created.session.actor.login
    io.say(
        f"Skapade {where} ({'krypterad' if created.recovery_key else 'okrypterad'}) med administratören {login}.",
        f"Created {where} ({'encrypted' if created.recovery_key else 'not encrypted'}) with the administrator {login}.",
    )
    if demo:
        accounts = ", ".join(f"{a[0]} / {a[3]} ({a[2]})" for a in access.DEMO_ACCOUNTS)
        io.say(f"Demokonton (användarnamn / lösenord): {accounts}", f"Demo accounts (login / password): {accounts}")
    _show_recovery_key(io, created.recovery_key, getattr(args, "recovery_key_file", None))
    return created.session, created.populated


def _target(session, login: str):  # -> UserAccount
    from coopdesk.core.errors import NotFoundError
    from coopdesk.core.services import users

    with session.db.session() as s:
        user = users.find(s, login)
        if user is None:
            raise NotFoundError(f"Användaren {login} finns inte.", f"The user {login} does not exist.")
        return user


def cmd_users(args: argparse.Namespace, io: Output) -> int:
    from coopdesk import access
    from coopdesk.core.services import users

    session = log_in(args, admin_for=("hantera användare", "manage users"))
    try:
        command = args.users_command
        if command == "list":
            with session.db.session() as s:
                for u in users.users(s):
                    state_sv = "aktiv" if u.active else "inaktiv"
                    state_en = "active" if u.active else "inactive"
                    last = f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "–"
                    io.say(
                        f"{u.login:<16} {u.name:<28} {u.role:<14} {state_sv:<8} senast inloggad {last}",
                        f"{u.login:<16} {u.name:<28} {u.role:<14} {state_en:<8} last login {last}",
                    )
            return 0
        if command == "add":
            password = new_password(f"Lösenord för {args.new_login}", f"Password for {args.new_login}")
            access.add_user(session, args.new_login, args.name, args.role, password)
            io.say(
                f"La till {args.name} ({args.role}) som {args.new_login}. Lösenordet byts vid första inloggningen.",
                f"Added {args.name} ({args.role}) as {args.new_login}. The password is changed at the first login.",
            )
            return 0
        user = _target(session, args.target)
        if command == "reset-password":
            access.set_password(
                session, user.id, new_password(f"Nytt lösenord för {user.login}", f"New password for {user.login}")
            )
            io.say(f"{user.name} har fått ett nytt lösenord.", f"{user.name} has a new password.")
        elif command == "deactivate":
            access.set_active(session, user.id, False)
            io.say(f"{user.name} kan inte längre logga in.", f"{user.name} can no longer log in.")
        elif command == "activate":
            password = new_password(f"Nytt lösenord för {user.login}", f"New password for {user.login}")
            access.set_active(session, user.id, True, password)
            io.say(f"{user.name} kan logga in igen.", f"{user.name} can log in again.")
        elif command == "role":
            with session.db.session() as s:
                users.update_user(s, session.actor, user.id, role=args.new_role)
            io.say(f"{user.name} är nu {args.new_role}.", f"{user.name} is now {args.new_role}.")
        return 0
    finally:
        session.db.close()


def cmd_password(args: argparse.Namespace, io: Output) -> int:
    from coopdesk import access

    login, current = credentials(args)
    session = access.login(args.db, login, current, wait=cli_common.wait)
    try:
        access.change_own_password(session, current, new_password("Nytt lösenord", "New password"))
    finally:
        session.db.close()
    io.say("Lösenordet är bytt.", "The password is changed.")
    return 0


def cmd_encrypt(args: argparse.Namespace, io: Output) -> int:
    from coopdesk import access

    check_output(args, args.recovery_key_file)  # before the database is changed
    login, password = credentials(args)
    session = access.login(args.db, login, password, wait=cli_common.wait)
    try:
        recovery, others, failed = access.encrypt_existing(session, password)
    finally:
        session.db.close()
    io.say(
        f"Databasen {session.db.describe()} är krypterad, och dess säkerhetskopior också.",
        f"The database {session.db.describe()} is encrypted, and so are its backups.",
    )
    for path in failed:
        io.say(
            f"Säkerhetskopian {path} kunde inte krypteras (den är skadad) och ligger kvar okrypterad. "
            "Radera den när du inte behöver den.",
            f"The backup {path} could not be encrypted (it is damaged) and remains unencrypted. "
            "Delete it when you no longer need it.",
        )
    if others:
        names = ", ".join(others)
        io.say(
            f"Dessa användare behöver ett nytt lösenord innan de kan logga in: {names} "
            "('coopdesk users reset-password NAMN').",
            f"These users need a new password before they can log in: {names} ('coopdesk users reset-password NAME').",
        )
    _show_recovery_key(io, recovery, args.recovery_key_file)
    return 0


def cmd_recover(args: argparse.Namespace, io: Output) -> int:
    import getpass

    from coopdesk import access

    key = args.recovery_key or os.environ.get("COOPDESK_RECOVERY_KEY")
    if not key:
        if not sys.stdin.isatty():
            raise ValidationError(
                "--recovery-key",
                None,
                "Ange återställningsnyckeln: --recovery-key NYCKEL eller COOPDESK_RECOVERY_KEY.",
                "Give the recovery key: --recovery-key KEY or COOPDESK_RECOVERY_KEY.",
            )
        key = getpass.getpass("Återställningsnyckel / Recovery key: ")
    from coopdesk.storage.keyfile import parse_recovery_key

    parse_recovery_key(key)  # a mistyped key is said at once, before a new password is asked for
    login = args.login or os.environ.get("COOPDESK_USER", "")
    if not login:
        raise ValidationError(
            "--user",
            None,
            "Ange vilken administratör som ska få ett nytt lösenord: --user NAMN.",
            "Name the administrator who gets a new password: --user NAME.",
        )
    password = new_password(f"Nytt lösenord för {login}", f"New password for {login}")
    session = access.recover(args.db, key, login, password)
    session.db.close()
    io.say(
        f"{session.actor.name} har fått ett nytt lösenord med återställningsnyckeln. Ändringen finns i loggen.",
        f"{session.actor.name} has a new password set with the recovery key. The change is in the log.",
    )
    return 0

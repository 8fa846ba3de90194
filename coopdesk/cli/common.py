"""What the command line's modules share: the message language, output, opening the database."""

from __future__ import annotations

import argparse
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from coopdesk.core.errors import CoopdeskError, ValidationError


def language() -> str:
    """Swedish when the user's locale is Swedish (or COOPDESK_LANG=sv), English otherwise."""
    for name in ("COOPDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    return "en"


def visible(text: str) -> str:
    """Control characters (other than newline and tab) as visible escapes: a message may quote what a
    file holds (a spreadsheet's cell, a name), and an escape sequence in it would otherwise be obeyed by
    the terminal (clear the screen, set the title, move the cursor over the lines above)."""
    if text.isprintable():
        return text
    return "".join(
        c if c in "\n\t" or unicodedata.category(c) != "Cc" else c.encode("unicode_escape").decode("ascii")
        for c in text
    )


class Output:
    """Messages in the user's language: ``say('…sv…', '…en…')``; what they quote is shown, never obeyed
    by the terminal (:func:`visible`)."""

    def __init__(self, out: TextIO, err: TextIO, lang: str) -> None:
        self.out, self.err, self.lang = out, err, lang

    def say(self, sv: str, en: str) -> None:
        print(visible(sv if self.lang == "sv" else en), file=self.out)

    def warn(self, sv: str, en: str) -> None:
        """A warning on standard error (the command still did its work)."""
        print(visible(sv if self.lang == "sv" else en), file=self.err)

    def error(self, error: CoopdeskError) -> None:
        prefix = "fel" if self.lang == "sv" else "error"
        print(visible(f"coopdesk: {prefix}: {error.message(self.lang)}"), file=self.err)


def say_unlogged(io: Output, db: object) -> None:
    """After a file was handed out through ``db.output_session()``: on a database that its full disk made
    read-only the audit entry could not be kept (docs/rules.md, "En full disk"), and the user is told so."""
    if getattr(db, "unlogged", False):
        from coopdesk.storage.full_disk import unlogged_notice

        notice = unlogged_notice()
        io.warn(notice.sv, notice.en)


def credentials(args: argparse.Namespace, *, what_sv: str = "", what_en: str = "") -> tuple[str, str]:
    """Who runs the command: ``--user`` or COOPDESK_USER, and COOPDESK_PASSWORD or a prompt.

    Scripts set both variables and run unattended; at a terminal the password is asked for without
    echo. Without a terminal and without the variables the command stops with a clear message.
    """
    import getpass
    import sys

    login = args.login or os.environ.get("COOPDESK_USER", "")
    interactive = sys.stdin.isatty()
    if not login:
        if not interactive:
            raise ValidationError(
                "--user",
                None,
                "Ange vem du är: --user NAMN eller miljövariabeln COOPDESK_USER (och COOPDESK_PASSWORD).",
                "Say who you are: --user NAME or the COOPDESK_USER environment variable (and COOPDESK_PASSWORD).",
            )
        login = input("Användarnamn / Login: ").strip()
    password = os.environ.get("COOPDESK_PASSWORD")
    if password is None:
        if not interactive:
            raise ValidationError(
                "COOPDESK_PASSWORD",
                None,
                f"Lösenordet för {login} behövs: skriv det vid frågan, eller sätt COOPDESK_PASSWORD i skript.",
                f"The password of {login} is needed: type it at the prompt, or set COOPDESK_PASSWORD in scripts.",
            )
        password = getpass.getpass(f"Lösenord för {login} / Password{what_en and ' ' + what_en}: ")
    return login, password


def wait(seconds: float) -> None:
    """The command line waits after wrong passwords as the login dialog does (access.login's ``wait``)."""
    import time

    time.sleep(seconds)


def log_in(
    args: argparse.Namespace,
    *,
    check: bool = True,
    admin_for: tuple[str, str] | None = None,
    meanwhile: Callable[[], object] | None = None,
):
    """Open the database as the user running the command (coopdesk.access.login).

    ``admin_for`` ("importera", "import") refuses at once, before any work, unless the user is an
    administrator; the services check the role again themselves. ``meanwhile`` runs while the key
    is derived (access.login): a command loads what it needs next there, on the other core.
    """
    from coopdesk import access

    login, password = credentials(args)
    session = access.login(
        args.db, login, password, check=check, wait=lambda seconds: wait(seconds), meanwhile=meanwhile
    )  # looked up late: tests replace it
    if admin_for is not None:
        from coopdesk.core.permissions import require_admin

        try:
            require_admin(session.actor, *admin_for)
        except BaseException:
            session.db.close()
            raise
    return session


def new_password(prompt_sv: str, prompt_en: str) -> str:
    """A new password: COOPDESK_NEW_PASSWORD for scripts, else asked twice at the terminal."""
    import getpass
    import sys

    given = os.environ.get("COOPDESK_NEW_PASSWORD")
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise ValidationError(
            "COOPDESK_NEW_PASSWORD",
            None,
            f"{prompt_sv}: skriv det vid frågan, eller sätt COOPDESK_NEW_PASSWORD i skript.",
            f"{prompt_en}: type it at the prompt, or set COOPDESK_NEW_PASSWORD in scripts.",
        )
    first = getpass.getpass(f"{prompt_sv} / {prompt_en}: ")
    if getpass.getpass("Igen / Again: ") != first:
        raise ValidationError(
            "password", "•", "Lösenorden är inte lika. Inget ändrades.", "The passwords differ. Nothing changed."
        )
    return first


def bounded_int(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high`` (else a usage error, exit 2), so that no
    number typed reaches the database or Qt out of range (an OverflowError is a traceback, not a message)."""

    def parse(text: str) -> int:
        try:
            typed = text.strip()
            if not typed.isascii():  # int() takes '٧' and '１０': digits 0-9 only, as in hours
                raise ValueError(typed)
            value = int(typed)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number / inget heltal") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not from {low} to {high} / inte från {low} till {high}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in its messages
    return parse


def add_force(parser: argparse.ArgumentParser) -> None:
    """``--force``: the commands that write a file replace an existing one only when told to."""
    parser.add_argument("--force", action="store_true", help="replace the output file if it exists")


def require_file(fmt: str, output: Path | None, *, folder_with_all: bool = False) -> None:
    """A PDF or a workbook is bytes for a file, never for the terminal: without ``-o`` it is a usage error
    that says what to give (one message for every command that writes one)."""
    if output is not None:
        return
    kind = fmt.upper()
    sv_more, en_more = (" (eller -o MAPP med --all)", " (or -o FOLDER with --all)") if folder_with_all else ("", "")
    raise ValidationError(
        "-o",
        None,
        f"{kind} skrivs till en fil: ange -o FIL.{fmt}{sv_more}.",
        f"{kind} is written to a file: give -o FILE.{fmt}{en_more}.",
    )


def check_output(args: argparse.Namespace, target: Path | None) -> Path | None:
    """The output path, checked before any work (storage/output_paths.py): never the database, its
    keys, a backup or the data folder; an existing file only with ``--force``."""
    if target is None:
        return None
    from coopdesk.storage.output_paths import check_output_path, sqlite_file

    return check_output_path(target, force=getattr(args, "force", False), db_path=sqlite_file(args.db))


def refuse_database_as_output(args: argparse.Namespace, target: Path | None) -> None:
    """The older name of :func:`check_output` (kept for code written against it): the full check now."""
    check_output(args, target)

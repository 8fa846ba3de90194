"""Issue 13, "Nothing lost, nothing leaked": try to break it as an attacker and a clumsy user would.

    PYTHONPATH=. .venv/bin/python bench/probe_issue13.py            # about 3-4 minutes
    PYTHONPATH=. .venv/bin/python bench/probe_issue13.py --only out  # probes whose name contains "out"

Every probe runs the real CLI (``python -m coopdesk``) in a temporary folder under /tmp, on copies of
one encrypted demo database, and prints ``held`` or ``FAILED`` with the reason; at the end
``N probes, M held``. A probe holds when the command ends in a known error or a correct result (no
traceback, exit code as documented) and the data are as they should be (the database, its keys file
and its backups unchanged where nothing may change; opening with the password after a kill -9).

The full-disk and read-only probes mount a small tmpfs and need root; without it they are skipped
(and not counted). No probe ever names a system file as a database or an output: a device is
represented by a FIFO made here, and /dev/zero only by a symlink read as an input file.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ADMIN, ADMIN_PW = "admin", "demo-admin"
HL, HL_PW = "handledare", "demo-handledare"
TIMEOUT = 60

RESULTS: list[tuple[str, bool, str]] = []
PROBES: list[tuple[str, Callable[[], tuple[bool, str]]]] = []


def probe(name: str):
    def wrap(fn):
        PROBES.append((name, fn))
        return fn

    return wrap


# --- the environment ---------------------------------------------------------------------------------

WORK = Path(tempfile.mkdtemp(prefix="coopdesk-probe13-", dir="/tmp"))
TEMPLATE = WORK / "template"


def env(home: Path, user: str = ADMIN, password: str = ADMIN_PW, **extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("COOPDESK_")}
    e.update(
        COOPDESK_HOME=str(home),
        COOPDESK_USER=user,
        COOPDESK_PASSWORD=password,
        COOPDESK_LANG="en",
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
    )
    e.update(extra)
    return e


class Run:
    def __init__(self, code: int, out: str, err: str, seconds: float) -> None:
        self.code, self.out, self.err, self.seconds = code, out, err, seconds

    @property
    def traceback(self) -> bool:
        return "Traceback" in self.err or "Traceback" in self.out

    def short(self) -> str:
        text = (self.err.strip() or self.out.strip()).splitlines()
        return f"exit {self.code}: {text[-1][:160] if text else '(no output)'}"


def cli(db: Path | str, *args: str, home: Path, user=ADMIN, password=ADMIN_PW, timeout=TIMEOUT, stdin=None, **extra):
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [PY, "-m", "coopdesk", "--db", str(db), *args],
            cwd=WORK,
            env=env(home, user, password, **extra),
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL if stdin is None else stdin,
        )
    except subprocess.TimeoutExpired:
        return Run(-999, "", f"TIMEOUT after {timeout}s", timeout)
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - started)


class Setup:
    """A copy of the template database (with keys file and its own home/backups) in a fresh folder."""

    counter = 0

    def __init__(self, name: str = "case") -> None:
        Setup.counter += 1
        self.dir = WORK / f"{Setup.counter:03d}-{name}"
        shutil.copytree(TEMPLATE, self.dir)
        self.db = self.dir / "d.db"
        self.home = self.dir / "home"
        self.keys = self.dir / "d.db.keys"
        # A copy is another database: the template's claim on the backups' file names stays behind
        # (storage/backup.folder_for), so the copy finds the backups it was copied with.
        (self.home / "backups" / ".databases.json").unlink(missing_ok=True)

    def run(self, *args: str, **kw) -> Run:
        return cli(self.db, *args, home=self.home, **kw)

    def fingerprint(self) -> str:
        """The database's content (its files), keys file and the backup folder's files."""
        h = hashlib.sha256()
        for path in sorted([self.db, self.keys, *self.home.rglob("*")]):
            if path.is_file() and not path.name.endswith(".log") and path.name != ".databases.json":
                h.update(path.name.encode() + path.read_bytes())
        return h.hexdigest()

    def backups(self) -> list[Path]:
        return sorted(p for p in (self.home / "backups").rglob("*.db") if p.is_file())


def build_template() -> None:
    TEMPLATE.mkdir(parents=True)
    home = TEMPLATE / "home"
    r = cli(TEMPLATE / "d.db", "demo", home=home, timeout=180)
    if r.code != 0:
        raise SystemExit(f"could not build the demo database: {r.short()}")
    r = cli(TEMPLATE / "d.db", "backup", home=home)
    if r.code != 0:
        raise SystemExit(f"could not back up the demo database: {r.short()}")
    r = cli(TEMPLATE / "d.db", "export", "-o", str(WORK / "doc.json"), home=home)
    if r.code != 0:
        raise SystemExit(f"could not export the demo database: {r.short()}")


def document() -> dict:
    return json.loads((WORK / "doc.json").read_text("utf-8"))


def member_name(n: int = 0) -> str:
    return document()["members"][n]["name"]


def known_error(r: Run, codes=(1, 2)) -> tuple[bool, str]:
    if r.traceback:
        return False, "traceback: " + r.short()
    if r.code not in codes:
        return False, r.short()
    return True, r.short()


def opens(s: Setup, user=ADMIN, password=ADMIN_PW) -> tuple[bool, str]:
    r = s.run("users", "list", user=user, password=password)
    return (r.code == 0 and not r.traceback), r.short()


# --- 1. outputs never destroy data --------------------------------------------------------------

SHARED: dict[str, Setup] = {}


def shared() -> Setup:
    if "s" not in SHARED:
        SHARED["s"] = Setup("outputs")
    return SHARED["s"]


def _output_probe(target: Callable[[Setup], Path | str], command: tuple[str, ...] = ("export",), force=True):
    def run() -> tuple[bool, str]:
        s = shared()
        before = s.fingerprint()
        path = str(target(s))
        args = [*command, "-o", path] + (["--force"] if force else [])
        r = s.run(*args)
        ok, why = known_error(r, (1, 2))
        after = s.fingerprint()
        if after != before:
            return False, f"data changed! {r.short()}"
        return ok, why

    return run


def _fifo(s: Setup) -> Path:
    path = s.dir / "a-fifo"
    if not path.exists():
        os.mkfifo(path)
    return path


def _symlink(s: Setup, name: str, to: Path) -> Path:
    link = s.dir / "links" / name
    link.parent.mkdir(exist_ok=True)
    if not link.is_symlink():
        link.symlink_to(to)
    return link


def _hardlink(s: Setup) -> Path:
    link = s.dir / "links" / "hard.db"
    link.parent.mkdir(exist_ok=True)
    if not link.exists():
        os.link(s.db, link)
    return link


OUTPUT_TARGETS: dict[str, Callable[[Setup], Path | str]] = {
    "the database": lambda s: s.db,
    "the -wal": lambda s: f"{s.db}-wal",
    "the -shm": lambda s: f"{s.db}-shm",
    "the keys file": lambda s: s.keys,
    "the keys file via ..": lambda s: s.dir / "home" / ".." / "d.db.keys",
    "the database via ./": lambda s: f"{s.dir}/./links/../d.db",
    "a symlink to the database": lambda s: _symlink(s, "db-link.json", s.db),
    "a symlink to the keys file": lambda s: _symlink(s, "keys-link.json", s.keys),
    "a symlinked folder holding the db": lambda s: _symlink(s, "dirlink", s.dir) / "d.db",
    "a hard link to the database": _hardlink,
    "a backup": lambda s: s.backups()[0],
    "a new file in the backup folder": lambda s: s.home / "backups" / "new.json",
    "a backup's keys file": lambda s: f"{s.backups()[0]}.keys",
    "the data folder (home)": lambda s: s.home / "x.json",
    "the backup folder itself": lambda s: s.home / "backups",
    "a FIFO": _fifo,
    "a missing folder": lambda s: s.dir / "no" / "such" / "x.json",
    "an empty name": lambda s: "",
    "a file as folder": lambda s: s.db / "x.json",
}


def _register_output_probes() -> None:
    for what, target in OUTPUT_TARGETS.items():
        probe(f"out: export -o {what}")(_output_probe(target))
    for what in ("the database", "the keys file", "a backup", "a symlink to the database", "a FIFO"):
        target = OUTPUT_TARGETS[what]
        probe(f"out: backup -o {what}")(_output_probe(target, ("backup",)))
        month = ("statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "csv")
        probe(f"out: statement -o {what}")(_output_probe(target, month))
        probe(f"out: member-export -o {what}")(_output_probe(target, ("member-export", "--member", "m")))
    probe("out: encrypt --recovery-key-file the database")(_recovery_key_file_probe)
    probe("out: statement --all -o the backup folder")(
        _output_probe(lambda s: s.home / "backups", ("statement", "--month", "2026-05", "--all"))
    )
    probe("out: gui --screenshot the database")(_screenshot_probe)


def _recovery_key_file_probe() -> tuple[bool, str]:
    s = Setup("plain-for-keyfile")
    plain = s.dir / "plain.db"
    r = cli(plain, "init", "--admin", ADMIN, "--no-encryption", home=s.home)
    if r.code != 0:
        return False, "setup: " + r.short()
    before = s.db.read_bytes()
    r = cli(plain, "encrypt", "--recovery-key-file", str(s.db), home=s.home)
    ok, why = known_error(r, (1, 2))
    return ok and s.db.read_bytes() == before, why


def _screenshot_probe() -> tuple[bool, str]:
    s = shared()
    before = s.fingerprint()
    r = s.run("gui", "--screenshot", str(s.keys))
    ok, why = known_error(r, (1, 2))
    return ok and s.fingerprint() == before, why


@probe("out: existing file without --force is refused")
def _existing() -> tuple[bool, str]:
    s = shared()
    victim = s.dir / "precious.txt"
    victim.write_text("keep me")
    r = s.run("export", "-o", str(victim))
    ok, why = known_error(r, (1, 2))
    return ok and victim.read_text() == "keep me", why


@probe("out: export file is 0600 and the export is audited")
def _export_mode() -> tuple[bool, str]:
    s = shared()
    out = s.dir / "exp.json"
    out.unlink(missing_ok=True)
    r = s.run("export", "-o", str(out))
    if r.code != 0:
        return False, r.short()
    mode = stat.S_IMODE(out.stat().st_mode)
    a = s.run("audit", "--kind", "export", "--format", "json")
    return mode == 0o600 and "exp.json" in a.out, f"mode {oct(mode)}, audited={'exp.json' in a.out}"


@probe("out: encrypted export holds no name in the clear")
def _export_encrypted() -> tuple[bool, str]:
    s = shared()
    out = s.dir / "exp.enc"
    out.unlink(missing_ok=True)
    r = s.run("export", "-o", str(out), "--encrypt", COOPDESK_EXPORT_PASSWORD="en lång lösenfras 123")
    if r.code != 0:
        return False, r.short()
    return member_name(0).encode() not in out.read_bytes(), r.short()


@probe("out: encrypted export with a short passphrase is refused")
def _export_short() -> tuple[bool, str]:
    s = shared()
    out = s.dir / "exp-short.enc"
    r = s.run("export", "-o", str(out), "--encrypt", COOPDESK_EXPORT_PASSWORD="kort")
    return known_error(r)[0] and not out.exists(), r.short()


# --- 2. the other role ---------------------------------------------------------------------------

HL_COMMANDS = {
    "export": ("export", "-o", "{dir}/hl.json"),
    "restore": ("restore", "--yes"),
    "users add": ("users", "add", "x", "--name", "X"),
    "users role": ("users", "role", "handledare", "administratör"),
    "users reset-password admin": ("users", "reset-password", "admin"),
    "users deactivate admin": ("users", "deactivate", "admin"),
    "reopen": ("reopen", "--month", "2026-05", "--reason", "test"),
    "backup --remove-pre-restore": ("backup", "--remove-pre-restore", "x.db"),
    "audit": ("audit",),
    "member-export": ("member-export", "--member", "{member}", "-o", "{dir}/hl.pdf"),
    "gallra --yes": ("gallra", "--yes"),
    "employee add": ("employee", "add", "--name", "E", "--personal-number", "19800101-0019", "--start", "2026-01-01"),
    "import": ("import", "{dir}/../doc.json"),
    "encrypt": ("encrypt",),
}


def _hl_probe(args: tuple[str, ...]):
    def run() -> tuple[bool, str]:
        s = shared()
        before = s.fingerprint()
        real = [a.format(dir=s.dir, member=member_name(0)) for a in args]
        r = s.run(*real, user=HL, password=HL_PW, COOPDESK_NEW_PASSWORD="nytt-lösenord-123")
        ok, why = known_error(r, (1, 2))
        leaked = any(Path(a).exists() for a in real if a.startswith(str(s.dir)) and "hl." in a)
        if leaked:
            return False, "a file was written: " + why
        if member_name(0) in r.out:
            return False, "data shown: " + why
        # a refused try may be logged (the audit log grows), but no data or backup may change
        if not ok:
            return False, why
        return s.fingerprint() == before or "refus" in why.lower() or "administrat" in why.lower(), why

    return run


def _register_role_probes() -> None:
    for what, args in HL_COMMANDS.items():
        probe(f"role: handledare tries {what}")(_hl_probe(args))


# --- 3. bad files --------------------------------------------------------------------------------


def _damaged_db(how: str):
    def run() -> tuple[bool, str]:
        s = Setup("damaged-" + how.replace(" ", "-"))
        data = bytearray(s.db.read_bytes())
        if how == "truncated to half":
            data = data[: len(data) // 2]
        elif how == "truncated to 100 bytes":
            data = data[:100]
        elif how == "empty":
            data = bytearray()
        elif how == "random bytes in the middle":
            rng = random.Random(13)
            for _ in range(200):
                data[rng.randrange(4096, len(data))] = rng.randrange(256)
        elif how == "zeroed first page":
            data[:4096] = bytes(4096)
        s.db.write_bytes(bytes(data))
        r = s.run("register", "--member", member_name(0), "--day", "2026-12-01", "--status", "sick")
        ok, why = known_error(r, (1,))
        if not ok:
            return False, "register on a damaged db: " + why
        r2 = s.run("restore", "--yes")
        if r2.code != 0 or r2.traceback:
            return False, "restore of a damaged db: " + r2.short()
        good, why2 = opens(s)
        return good, why2

    return run


for _how in ("truncated to half", "truncated to 100 bytes", "empty", "random bytes in the middle", "zeroed first page"):
    probe(f"file: db {_how} -> known error, restore brings it back")(_damaged_db(_how))


@probe("file: db missing (keys there) -> restore brings it back")
def _missing_db() -> tuple[bool, str]:
    s = Setup("missing-db")
    s.db.unlink()
    r = s.run("restore", "--yes")
    if r.code != 0 or r.traceback:
        return False, r.short()
    return opens(s)


def _bad_keys(how: str, content: bytes | None):
    def run() -> tuple[bool, str]:
        s = Setup("keys-" + how[:12].replace(" ", "-"))
        original = s.keys.read_bytes()
        if content is None:
            s.keys.write_bytes(original[: len(original) // 2])
        else:
            s.keys.write_bytes(content)
        r = s.run("users", "list")
        ok, why = known_error(r, (1,))
        return ok, why

    return run


_deep = b"[" * 100000 + b"]" * 100000
for _how, _content in {
    "truncated": None,
    "empty": b"",
    "garbage": os.urandom(500),
    "duplicate keys": b'{"format": "coopdesk-keys/1", "format": "x"}',
    "deeply nested": _deep,
    "huge number": b'{"format": "coopdesk-keys/1", "n": 1' + b"0" * 100000 + b"}",
    "a JSON list": b"[1, 2, 3]",
    "huge (20 MB)": b" " * (20 * 1024 * 1024) + b"{}",
}.items():
    probe(f"file: keys file {_how} -> known error")(_bad_keys(_how, _content))


@probe("file: keys file is a symlink to /dev/zero (read only) -> known error")
def _keys_zero() -> tuple[bool, str]:
    s = Setup("keys-zero")
    s.keys.unlink()
    s.keys.symlink_to("/dev/zero")
    r = s.run("users", "list", timeout=30)
    ok, why = known_error(r, (1,))
    s.keys.unlink()  # the link only, never its target
    return ok, why


def _bad_backup(how: str):
    def run() -> tuple[bool, str]:
        s = Setup("backup-" + how[:10].replace(" ", "-"))
        backup = s.backups()[0]
        data = backup.read_bytes()
        if how == "truncated":
            backup.write_bytes(data[: len(data) // 3])
        elif how == "empty":
            backup.write_bytes(b"")
        elif how == "keys file garbage":
            Path(f"{backup}.keys").write_bytes(b"{not json")
        elif how == "a text file":
            backup.write_text("hello")
        before = s.fingerprint()
        r = s.run("restore", str(backup), "--yes")
        ok, why = known_error(r, (1,))
        if not ok:
            return False, why
        if s.fingerprint() != before:
            # the refused restore must have left the database as it was
            good, why2 = opens(s)
            if not good:
                return False, "db no longer opens: " + why2
        return opens(s)

    return run


for _how in ("truncated", "empty", "a text file"):
    probe(f"file: restore from a backup {_how} -> refused, db intact")(_bad_backup(_how))


@probe("file: restore from a backup whose keys file is garbage -> db intact")
def _bad_backup_keys() -> tuple[bool, str]:
    s = Setup("backup-keys-garbage")
    backup = s.backups()[0]
    Path(f"{backup}.keys").write_bytes(b"{not json")
    r = s.run("restore", str(backup), "--yes")
    if r.traceback or r.code not in (0, 1):
        return False, r.short()
    return opens(s)


@probe("file: restore from a FIFO -> known error, no hang")
def _restore_fifo() -> tuple[bool, str]:
    s = shared()
    r = s.run("restore", str(_fifo(s)), "--yes", timeout=30)
    return known_error(r, (1, 2))


@probe("file: restore from a symlink to /dev/zero -> known error")
def _restore_zero() -> tuple[bool, str]:
    s = Setup("restore-zero")
    link = s.dir / "zero-link.db"
    link.symlink_to("/dev/zero")
    r = s.run("restore", str(link), "--yes", timeout=30)
    ok, why = known_error(r, (1, 2))
    link.unlink()
    good, why2 = opens(s)
    return ok and good, why if good else "db no longer opens: " + why2


def _import_probe(name: str, content: bytes | Callable[[Setup], Path]):
    def run() -> tuple[bool, str]:
        s = Setup("import")
        db = s.dir / "new.db"
        if callable(content):
            path = content(s)
        else:
            path = s.dir / "doc.json"
            path.write_bytes(content)
        r = cli(db, "import", str(path), home=s.home, timeout=60)
        ok, why = known_error(r, (1, 2))
        created = [p.name for p in s.dir.iterdir() if p.name.startswith("new.db") or p.name.startswith(".new.db")]
        if created:
            return False, f"left {created}: {why}"
        return ok, why

    return run


def _doc_with(change: Callable[[dict], None]) -> bytes:
    d = document()
    change(d)
    return json.dumps(d, ensure_ascii=False).encode()


def _text_doc_dupe() -> bytes:
    text = json.dumps(document(), ensure_ascii=False)
    return text.replace('"format": "coopdesk/1"', '"format": "coopdesk/1", "format": "coopdesk/1"', 1).encode()


def _zero_link(s: Setup) -> Path:
    link = s.dir / "zero.json"
    link.symlink_to("/dev/zero")
    return link


def _imports() -> dict[str, bytes | Callable[[Setup], Path]]:
    return {
        "empty file": b"",
        "not JSON": b"hello",
        "invalid UTF-8": b'{"format": "coopdesk/1", "x": "\xff\xfe"}',
        "duplicate top-level key": _text_doc_dupe(),
        "duplicate key in a member": json.dumps(document()).replace('"name": ', '"name": "A", "name": ', 1).encode(),
        "nested 100000 deep": b'{"format": "coopdesk/1", "x": ' + _deep + b"}",
        "a number with 100000 digits": b'{"format": "coopdesk/1", "x": 1' + b"0" * 100000 + b"}",
        "1e999999 as an hour": _doc_with(
            lambda d: d["attendance"][0].__setitem__("hours", {"Kopiering": 1e308})
        ).replace(b"1e+308", b"1e999999"),
        "huge decimal hours string": _doc_with(
            lambda d: d["attendance"][0].__setitem__("hours", {"Kopiering": "9" * 5000})
        ),
        "Arabic-Indic digits in hours": _doc_with(
            lambda d: d["attendance"][0].__setitem__("hours", {"Kopiering": "٧٫٥"})
        ),
        "NaN hours": _doc_with(lambda d: d["attendance"][0].__setitem__("hours", {"Kopiering": "NaN"})),
        "year 99999 date": _doc_with(lambda d: d["attendance"][0].__setitem__("date", "99999-01-01")),
        "year 0 date": _doc_with(lambda d: d["attendance"][0].__setitem__("date", "0000-01-01")),
        "month lock month 13": _doc_with(lambda d: d["month_locks"][0].__setitem__("month", "2026-13")),
        "capacity 10**30 percent": _doc_with(lambda d: d["members"][0]["capacity"][0].__setitem__("percent", 10**30)),
        "truncated document": json.dumps(document()).encode()[:5000],
        "a JSON list": b"[]",
        "a symlink to /dev/zero": _zero_link,
        "a FIFO": lambda s: _fifo(s),
        "a folder": lambda s: s.dir,
        "a 60 MB file": b'{"format": "coopdesk/1", "x": "' + b"a" * (60 * 1024 * 1024) + b'"}',
    }


def _register_import_probes() -> None:
    for what, content in _imports().items():
        probe(f"file: import {what} -> known error, no database")(_import_probe(what, content))


def _names_probe(names: list[str], refusal_ok: bool):
    def run() -> tuple[bool, str]:
        return _names(names, refusal_ok)

    return run


probe("file: members named =HYPERLINK(…), +1+1, -2+3, @SUM(A1): CSV cells neutralised")(
    _names_probe(['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"], False)
)
probe("file: members named with bidi override / tab: refused or neutralised")(
    _names_probe(["\u202e=evil\u202c Name", "\tTab", "\r=cr", "\u200b=zw"], True)
)


def _names(names: list[str], refusal_ok: bool) -> tuple[bool, str]:

    def change(d: dict) -> None:
        for i, n in enumerate(names):
            d["members"][i]["name"] = n

    s = Setup("formula")
    path = s.dir / "formula.json"
    path.write_bytes(_doc_with(change))
    db = s.dir / "f.db"
    r = cli(db, "import", str(path), home=s.home)
    if r.code != 0:
        if not refusal_ok:
            return False, r.short()
        return known_error(r, (1,))
    csv_path = s.dir / "n.csv"
    failures = []
    for district in [x["name"] for x in document()["districts"]]:
        csv_path.unlink(missing_ok=True)
        r = cli(
            db,
            "statement",
            "--month",
            "2026-11",
            "--district",
            district,
            "--format",
            "csv",
            "-o",
            str(csv_path),
            home=s.home,
        )
        if r.code != 0:
            return False, r.short()
        for line in csv_path.read_text("utf-8-sig").splitlines():
            for cell in line.split(";"):
                c = cell.strip('"')
                if c and c.lstrip("\u202e\u200b\t\r ")[:1] in ("=", "+", "-", "@") and not _is_number(c):
                    failures.append(c[:30])
    return not failures, f"formula cells: {failures[:3]}" if failures else "every cell neutralised"


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return False
    return True


# --- 4. numbers and dates in every option --------------------------------------------------------

ODD = ["99999-01-01", "0000-00-00", "2026-02-30", "9" * 400, "", "２０２６-０５-０１", "2026-05-01T00:00"]
ODD_MONTHS = ["9999-12", "0001-01", "2026-13", "2026-00", "99999-01", "", "２０２６-０５", "9" * 400]
ODD_NUMBERS = ["1" + "0" * 30, "-1", "1e999", "٧", "１０", "9" * 5000, ""]


def _odd_probe(args: list[str]):
    def run() -> tuple[bool, str]:
        s = shared()
        before_backups = s.backups()
        r = s.run(*args, timeout=60)
        if r.traceback or r.code == -999:
            return False, r.short()
        if any(ch.isdigit() and not ch.isascii() for a in args for ch in a):
            # digits 0-9 only, as in hours (docs/data-safety.md, "Bad input")
            return r.code in (1, 2), "accepted non-ASCII digits: " + r.short() if r.code == 0 else r.short()
        # an odd value that is still valid may be answered; the backups stay as they were
        return r.code in (0, 1, 2) and s.backups() == before_backups, r.short()

    return run


def _register_odd_probes() -> None:
    m = "{m}"
    cases: list[list[str]] = []
    for d in ODD:
        cases.append(["register", "--member", m, "--day", d, "--status", "sick"])
        cases.append(["audit", "--to", d])
    for mo in ODD_MONTHS:
        cases.append(["statement", "--month", mo, "--district", "Norrmalm"])
        if mo not in ("9999-12", "0001-01"):  # those are real months: attesting one works
            cases.append(["attest", "--month", mo, "--yes"])
        if mo in ("9999-12", "2026-13", "9" * 400):
            cases.append(["subsidy", "--month", mo])
    for n in ODD_NUMBERS:
        cases.append(
            ["register", "--member", m, "--day", "2026-12-01", "--status", "present", "--hours", f"Kopiering={n}"]
        )
        cases.append(["gallra", "--years", n])
        cases.append(["subsidy", "--outlook", n])
        cases.append(["audit", "--limit", n])
    cases.append(["statement", "--month", "2026-05", "--district", "Norrmalm", "--verify", "ZZZZ"])
    cases.append(["statement", "--month", "2026-05", "--district", "Norrmalm", "--verify", "9" * 5000])
    cases.append(["subsidy", "--outlook", "24", "--from", "9999-12"])
    cases.append(["gallra", "--today", "9999-12-31"])
    cases.append(["gallra", "--today", "0001-01-01"])
    cases.append(["register", "--member", "\u202e" + "x" * 10000, "--day", "2026-12-01", "--status", "sick"])
    cases.append(["register", "--member", "=cmd|' /C calc'!A0", "--day", "2026-12-01", "--status", "sick"])
    cases.append(["audit", "--member", "%" * 1000])
    cases.append(["audit", "--by", "'; DROP TABLE audit_log; --"])
    cases.append(["gui", "--screenshot", "{dir}/big.png", "--size", "100000x100000"])
    cases.append(["gui", "--screenshot", "{dir}/neg.png", "--size", "-5x-5"])
    for args in cases:
        name = " ".join(a if len(a) < 25 else a[:12] + f"…({len(a)})" for a in args)
        probe(f"odd: {name}")(_odd_probe_fmt(args))


def _odd_probe_fmt(args: list[str]):
    def run() -> tuple[bool, str]:
        real = [a.replace("{m}", member_name(0)).replace("{dir}", str(shared().dir)) for a in args]
        return _odd_probe(real)()

    return run


# --- 5. kill -9 at random moments of every writing command -----------------------------------------


def _count(s: Setup, args: tuple[str, ...]) -> str:
    r = s.run(*args)
    return r.out


def _kill_probe(kind: str, seed: int):
    """Run ``kind`` on a copy, SIGKILL it at a random moment, check the database still opens with
    the admin's password and a registration reported as saved before it is still there."""

    def run() -> tuple[bool, str]:
        s = Setup(f"kill-{kind.replace(' ', '-')}")
        member = _planned("2026-12-01")
        r = s.run("register", "--member", member, "--day", "2026-12-01", "--status", "leave")
        if r.code != 0:
            return False, "setup register: " + r.short()
        args, extra = _kill_args(kind, s)
        rng = random.Random(seed)
        duration = _durations.get(kind)
        if duration is None:
            t = Setup(f"measure-{kind.replace(' ', '-')}")
            a2, e2 = _kill_args(kind, t)
            started = time.perf_counter()
            m = t.run(*a2, **e2)
            duration = _durations[kind] = time.perf_counter() - started
            if m.code != 0:
                _durations[kind] = -1.0
                return False, f"{kind} fails without a kill: {m.short()}"
        if duration < 0:
            return False, f"{kind} fails without a kill"
        kill_after = rng.uniform(0.05, duration)
        process = subprocess.Popen(
            [PY, "-m", "coopdesk", "--db", str(s.db), *args],
            cwd=WORK,
            env=env(s.home, **extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=kill_after)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        password = ADMIN_PW
        if kind == "password" and not killed:
            password = "nytt-lösenord-123"
        r = s.run("users", "list", password=password)
        if r.code != 0 and kind == "password":
            password = "nytt-lösenord-123"  # killed after the change was saved
            r = s.run("users", "list", password=password)
        if r.code != 0 or r.traceback:
            # a killed restore may leave the database for the next restore to finish
            return False, f"killed after {kill_after:.2f}s of {duration:.2f}s: db does not open: {r.short()}"
        if kind == "users add":
            # all or nothing across the database and the keys file: a listed user logs in, else adding works
            new = {"COOPDESK_NEW_PASSWORD": "nytt-lösenord-123"}
            if any(line.split()[:1] == ["ny"] for line in r.out.splitlines()):
                u = s.run(
                    "statement",
                    "--month",
                    "2026-05",
                    "--district",
                    "Norrmalm",
                    user="ny",
                    password=new["COOPDESK_NEW_PASSWORD"],
                )
                if u.code != 0:
                    return False, f"killed after {kill_after:.2f}s: ny is listed but cannot log in: {u.short()}"
            else:
                u = s.run("users", "add", "ny", "--name", "Ny Person", **new)
                if u.code != 0:
                    return False, f"killed after {kill_after:.2f}s: ny cannot be added again: {u.short()}"
        a = s.run("audit", "--member", member, "--format", "json", password=password)
        kept = "leave" in a.out or "ledig" in a.out
        if kind == "restore" and not kept:
            # restored: the registration made after the backup lives on in the copy kept before it
            copies = [p for p in s.backups() if p.name.endswith("-restore.db") and p.stat().st_size > 0]
            return bool(copies), f"killed={killed} after {kill_after:.2f}s; restored, kept copy {len(copies)}"
        return kept, f"killed={killed} after {kill_after:.2f}s; registration kept={kept}"

    return run


_durations: dict[str, float] = {}


def _planned(day: str) -> str:
    """A member registered on ``day`` in the demo (so planned then)."""
    d = document()
    keys = [a["member"] for a in d["attendance"] if a["date"] == day]
    names = {m["key"]: m["name"] for m in d["members"]}
    return names[keys[-1]]


def _kill_args(kind: str, s: Setup) -> tuple[list[str], dict[str, str]]:
    m = _planned("2026-12-02")
    new = {"COOPDESK_NEW_PASSWORD": "nytt-lösenord-123"}
    return {
        "register": (["register", "--member", m, "--day", "2026-12-02", "--status", "sick"], {}),
        "attest": (["attest", "--month", "2026-11", "--yes"], {}),
        "reopen": (["reopen", "--month", "2026-10", "--reason", "rättelse"], {}),
        "backup": (["backup"], {}),
        "restore": (["restore", "--yes"], {}),
        "export": (["export", "-o", str(s.dir / "k.json")], {}),
        "users add": (["users", "add", "ny", "--name", "Ny Person"], new),
        "password": (["password"], new),
    }[kind]


def _register_kill_probes(rounds: int) -> None:
    for kind in ("register", "attest", "reopen", "backup", "restore", "export", "users add", "password"):
        for n in range(rounds):
            probe(f"kill: {kind} #{n + 1}")(_kill_probe(kind, 1300 + n))
    probe(f"kill: init/import/encrypt (tests/crash/creation.py, {3 * rounds} kills)")(_creation_kills(3 * rounds))
    probe("kill: register writer (tests/crash/harness.py, 4 kills)")(_writer_kills)


def _creation_kills(trials: int):
    return lambda: _creation_kill_trials(trials)


def _creation_kill_trials(trials: int) -> tuple[bool, str]:
    sys.path.insert(0, str(ROOT))
    from tests.crash.creation import run_creation_trials

    results = run_creation_trials(trials, WORK / "creation", seed=13)
    bad = [r.describe() for r in results if not r.ok]
    return not bad, f"{len(results)} kills: " + ("; ".join(bad) if bad else ", ".join(r.outcome for r in results))


def _writer_kills() -> tuple[bool, str]:
    sys.path.insert(0, str(ROOT))
    from tests.crash.harness import run_trials

    summary = run_trials(4, WORK / "writer", seed=13, max_run_s=0.8)
    bad = [r.describe() for r in summary.failures()]
    return not bad, f"{summary.trials} kills, {summary.committed_changes} committed: " + ("; ".join(bad) or "none lost")


# --- 6. full disk and read-only folders (root) -----------------------------------------------------


@contextlib.contextmanager
def tmpfs(size: str = "3m"):
    point = Path(tempfile.mkdtemp(prefix="tmpfs-", dir=WORK))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], check=True)
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)


def _fill(point: Path, leave: int) -> None:
    st = os.statvfs(point)
    free = st.f_bavail * st.f_frsize
    with open(point / "filler", "wb") as f, contextlib.suppress(OSError):
        f.write(b"\0" * max(0, free - leave))


def _disk_probe(what: str):
    def run() -> tuple[bool, str]:
        s = Setup("disk-" + what.replace(" ", "-"))
        with tmpfs() as point:
            for name in ("d.db", "d.db.keys"):
                shutil.copy2(s.dir / name, point / name)
            shutil.copytree(s.home, point / "home")
            db, home = point / "d.db", point / "home"
            member = member_name(3)
            if what == "export -o on the full disk":
                _fill(point, 4096)
                r = cli(db, "export", "-o", str(point / "e.json"), home=home)
                ok, why = known_error(r, (1,))
                if (point / "e.json").exists():
                    return False, "a partial export was left: " + why
                left = [p.name for p in point.iterdir() if p.name.startswith(".e.json") or p.name.endswith(".tmp")]
                if left:
                    return False, f"temporary files left {left}: {why}"
            elif what == "backup":
                _fill(point, 64 * 1024)
                r = cli(db, "backup", home=home)
                ok, why = known_error(r, (1,))
            elif what == "register":
                _fill(point, 0)
                r = cli(db, "register", "--member", member, "--day", "2026-12-01", "--status", "sick", home=home)
                ok, why = (r.code == 0 and not r.traceback) or known_error(r, (1,))[0], r.short()
            elif what == "restore":
                _fill(point, 64 * 1024)
                r = cli(db, "restore", "--yes", home=home)
                ok, why = known_error(r, (1,))
            elif what == "export -o another disk":
                _fill(point, 0)
                r = cli(db, "export", "-o", str(s.dir / "e.json"), home=home)
                # docs/rules.md: "a cleanly closed database is still readable (export, backup to another disk)"
                return r.code == 0 and (s.dir / "e.json").exists(), r.short()
            elif what == "backup -o another disk":
                _fill(point, 0)
                r = cli(db, "backup", "-o", str(s.dir / "b.db"), home=home)
                return r.code == 0 and (s.dir / "b.db").exists(), r.short()
            elif what == "import":
                _fill(point, 200 * 1024)
                r = cli(point / "new.db", "import", str(WORK / "doc.json"), home=home)
                ok, why = known_error(r, (1,))
                left = [p.name for p in point.iterdir() if "new.db" in p.name]
                if left:
                    return False, f"left {left}: {why}"
            if not ok:
                return False, why
            if "full" not in why.lower() and "space" not in why.lower() and "utrymme" not in why.lower():
                return False, "no full-disk message: " + why
            (point / "filler").unlink(missing_ok=True)
            r = cli(db, "users", "list", home=home)
            return r.code == 0, f"{why} / then opens: {r.short()}"

    return run


def _readonly_probe(what: str):
    def run() -> tuple[bool, str]:
        s = Setup("ro-" + what.replace(" ", "-"))
        with tmpfs("20m") as point:
            for name in ("d.db", "d.db.keys"):
                shutil.copy2(s.dir / name, point / name)
            shutil.copytree(s.home, point / "home")
            db, home = point / "d.db", point / "home"
            (point / "out").mkdir()
            subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
            if what == "register":
                r = cli(
                    db, "register", "--member", member_name(0), "--day", "2026-12-01", "--status", "sick", home=home
                )
            elif what == "export":
                r = cli(db, "export", "-o", str(point / "out" / "e.json"), home=home)
            elif what == "backup":
                r = cli(db, "backup", home=home)
            elif what == "users list":
                r = cli(db, "users", "list", home=home)
                return (r.code in (0, 1) and not r.traceback), r.short()
            elif what == "restore":
                r = cli(db, "restore", "--yes", home=home)
            return known_error(r, (1,))

    return run


def _chattr_probe() -> tuple[bool, str]:
    s = Setup("chattr")
    out = s.dir / "locked"
    out.mkdir()
    subprocess.run(["chattr", "+i", str(out)], check=True)
    try:
        r = s.run("export", "-o", str(out / "e.json"))
        return known_error(r, (1,))
    finally:
        subprocess.run(["chattr", "-i", str(out)], check=False)


def _register_root_probes() -> None:
    if os.geteuid() != 0:
        return
    for what in (
        "export -o on the full disk",
        "backup",
        "register",
        "restore",
        "import",
        "export -o another disk",
        "backup -o another disk",
    ):
        probe(f"disk: {what} on a full disk -> full-disk message, db opens")(_disk_probe(what))
    for what in ("register", "export", "backup", "users list", "restore"):
        probe(f"ro: {what} on a read-only mount -> known error")(_readonly_probe(what))
    probe("ro: export -o into a chattr +i folder -> known error")(_chattr_probe)


# --- 7. restore can be undone, passwords are slowed down ------------------------------------------


@probe("restore: newer audit entries carried over and a pre-restore copy kept outside rotation")
def _restore_undo() -> tuple[bool, str]:
    s = Setup("restore-undo")
    member = member_name(4)
    r = s.run("register", "--member", member, "--day", "2026-12-01", "--status", "leave")
    if r.code != 0:
        return False, r.short()
    r = s.run("restore", "--yes")
    if r.code != 0:
        return False, r.short()
    kept = [p for p in s.backups() if "pre-restore" in p.name or "fore" in p.name or "restore" in p.name]
    a = s.run("audit", "--member", member, "--format", "json")
    for _ in range(10):  # rotation must not remove the kept copy
        s.run("backup")
    still = all(p.exists() for p in kept)
    return bool(kept) and still and "[från före återställningen]" in a.out, f"kept={len(kept)} still={still}"


@probe("password: wrong passwords are slowed down")
def _slow() -> tuple[bool, str]:
    s = Setup("slow")
    times = [s.run("users", "list", password="fel").seconds for _ in range(3)]
    return times[2] - times[0] >= 1.5, f"{[round(t, 1) for t in times]} s"


# --- 8. more clumsy hands -----------------------------------------------------------------------


@probe("clumsy: backup --remove-pre-restore ../../d.db (path traversal) -> refused, db kept")
def _remove_traversal() -> tuple[bool, str]:
    s = Setup("remove-traversal")
    before = s.db.read_bytes()
    r = s.run("backup", "--remove-pre-restore", "../../d.db")
    ok, why = known_error(r, (1, 2))
    return ok and s.db.exists() and s.db.read_bytes()[:100] == before[:100], why


@probe("clumsy: backup --remove-pre-restore of an ordinary backup -> refused")
def _remove_ordinary() -> tuple[bool, str]:
    s = Setup("remove-ordinary")
    backup = s.backups()[0]
    r = s.run("backup", "--remove-pre-restore", backup.name)
    ok, why = known_error(r, (1, 2))
    return ok and backup.exists(), why


@probe("clumsy: restore FILE where FILE is the database itself -> refused or harmless")
def _restore_self() -> tuple[bool, str]:
    s = Setup("restore-self")
    r = s.run("restore", str(s.db), "--yes")
    if r.traceback:
        return False, r.short()
    good, why = opens(s)
    return good, r.short() + " / " + why


@probe("clumsy: restore FILE where FILE is the keys file -> refused, db opens")
def _restore_keys() -> tuple[bool, str]:
    s = Setup("restore-keys")
    r = s.run("restore", str(s.keys), "--yes")
    ok, why = known_error(r, (1, 2))
    good, why2 = opens(s)
    return ok and good, why if good else why2


@probe("clumsy: import into the existing, full database -> refused, nothing changed")
def _import_existing() -> tuple[bool, str]:
    s = shared()
    r = s.run("import", str(WORK / "doc.json"))
    return known_error(r, (1,))


@probe("clumsy: register in an attested month -> refused")
def _register_attested() -> tuple[bool, str]:
    s = shared()
    r = s.run("register", "--member", _planned("2026-10-06"), "--day", "2026-10-06", "--status", "sick")
    return known_error(r, (1,))


@probe("clumsy: employee time in an attested month -> refused")
def _time_attested() -> tuple[bool, str]:
    s = shared()
    supervisor = document()["supervisors"][0]["name"]
    r = s.run("employee", "time", "--employee", supervisor, "--date", "2026-10-06", "--kind", "worked", "--hours", "3")
    return known_error(r, (1,))


@probe("clumsy: export -o the database's name in upper case (another file on Linux) leaves the db alone")
def _upper_case() -> tuple[bool, str]:
    s = shared()
    before = s.db.read_bytes()[:4096]
    target = s.dir / "D.DB"
    r = s.run("export", "-o", str(target), "--force")
    same_file = target.exists() and os.path.samefile(target, s.db)
    return (r.code in (0, 1) and not r.traceback and not same_file and s.db.read_bytes()[:4096] == before), r.short()


@probe("clumsy: statement --all -o a symlink to the backup folder -> refused")
def _all_symlink_backups() -> tuple[bool, str]:
    s = shared()
    link = _symlink(s, "backups-link", s.home / "backups")
    before = sorted(p.name for p in (s.home / "backups").iterdir())
    r = s.run("statement", "--month", "2026-05", "--all", "-o", str(link))
    after = sorted(p.name for p in (s.home / "backups").iterdir())
    ok, why = known_error(r, (1, 2))
    return ok and before == after, why


def _login_probe(login: str):
    def run() -> tuple[bool, str]:
        s = shared()
        r = s.run("users", "add", login, "--name", "=1+1", COOPDESK_NEW_PASSWORD="ett-långt-lösenord-1")
        if r.traceback:
            return False, r.short()
        if r.code == 0:
            listed = s.run("users", "list")
            if "\u202e" in listed.out or "\x1b" in listed.out:
                return False, "control characters shown as they are: " + r.short()
        return r.code in (0, 1, 2), r.short()

    return run


for _login in ("\u202eadmin", "ad\x1b[31mmin", "admin ", "ADMIN", "a" * 5000, "", "-x", "../x"):
    probe(f"clumsy: users add login {_login[:12]!r}")(_login_probe(_login))


# --- main --------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only probes whose name contains this")
    parser.add_argument("--kill-rounds", type=int, default=1, help="kills per writing command (default 1)")
    parser.add_argument("--keep", action="store_true", help=f"keep the work folder ({WORK})")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        build_template()
        _register_output_probes()
        _register_role_probes()
        _register_import_probes()
        _register_odd_probes()
        _register_kill_probes(args.kill_rounds)
        _register_root_probes()
        chosen = [(n, f) for n, f in PROBES if not args.only or args.only in n]
        for name, fn in chosen:
            try:
                held, why = fn()
            except Exception as exc:  # a probe's own failure counts as failed
                held, why = False, f"probe error: {type(exc).__name__}: {exc}"
            RESULTS.append((name, held, why))
            print(f"{'held  ' if held else 'FAILED'} {name} — {why}", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)
    held = sum(1 for _, ok, _ in RESULTS if ok)
    print(f"\n{len(RESULTS)} probes, {held} held ({time.perf_counter() - started:.0f} s)")
    for name, ok, why in RESULTS:
        if not ok:
            print(f"  FAILED {name}: {why}")
    return 0 if held == len(RESULTS) else 1


if __name__ == "__main__":
    sys.exit(main())

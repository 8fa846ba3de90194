"""Crash safety of the office's writing commands: ``attest``, ``invoice``, ``journal add`` and a statement
export (``statement --all --format pdf -o``) killed with SIGKILL at a random moment.

Each trial copies a demo database (``coopdesk demo --no-encryption``, made once per run; for ``invoice``
with the last complete month attested), runs the command on it and kills it after a random time from
60 % to 105 % of one uninterrupted run of that command (the first half or so is the interpreter's start
and imports, which write nothing; creation.py's kills cover the start). Then, as the next person to use
the database would find it:

* the file passes ``PRAGMA integrity_check`` and ``foreign_key_check`` (opened with plain sqlite3, so
  the WAL is recovered as after a power cut);
* ``attest``: the month is locked **and** every district's statement is issued (version 1), or neither;
  running it again locks and issues once;
* ``invoice``: at most one invoice of that statement, its number the series' first; an invoice file on
  disk is complete and equals the invoice the database keeps; running it again leaves exactly one
  invoice, written identically;
* ``journal add``: the entry is there once, with its audit entry, or not at all;
* the statement export: every PDF in the folder is complete, and is on the record (an export entry in
  the audit log) — no copy of personal data whose making was not logged;
* no temporary file of ours (``.NAME.xxxxxxxx``) is left beside an output once the command has run again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path
from random import Random

from tests.crash.creation import CreationResult, environment, run_killed

KINDS = ("attest", "invoice", "journal", "statement")
#: The last complete month: the demo (made for the calendar's today) leaves it open, attests the ones before.
MONTH = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
DISTRICT = "Norrmalm"
LOGIN, PASSWORD = "admin", "demo-admin"  # the demo's public administrator account


#: One kill and what was found after it (the same record as creation.py's trials).
OfficeResult = CreationResult


def _command(kind: str, db: Path, out: Path, text: str) -> list[str]:
    base = [sys.executable, "-m", "coopdesk", "--db", str(db)]
    if kind == "attest":
        return [*base, "attest", "--month", MONTH, "--yes"]
    if kind == "invoice":
        return [*base, "invoice", "--month", MONTH, "--district", DISTRICT, "-o", str(out / "invoice.xml"), "--force"]
    if kind == "journal":
        member = _first_member(db)
        return [*base, "journal", "add", "--member", member, "--type", "samtal", "--date", "2026-12-04", "--text", text]
    return [*base, "statement", "--month", MONTH, "--all", "--format", "pdf", "-o", str(out), "--force"]


def _first_member(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        (number,) = connection.execute("SELECT personal_number FROM member ORDER BY id LIMIT 1").fetchone()
    return number


def _run(command: list[str], home: Path, *, kill_after: float | None = None) -> tuple[int, str]:
    return run_killed(command, environment(home, LOGIN, PASSWORD), kill_after=kill_after)


def build_templates(workdir: Path) -> dict[str, Path]:
    """``plain``: the demo; ``attested``: the demo with MONTH attested (what ``invoice`` needs)."""
    templates = {}
    for name in ("plain", "attested"):
        folder = workdir / f"template-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "home").mkdir(parents=True)
        os.chmod(folder / "home", 0o700)
        db = folder / "office.db"
        demo = [sys.executable, "-m", "coopdesk", "--db", str(db), "demo", "--no-encryption"]
        for command in (demo, *([[*demo[:5], "attest", "--month", MONTH, "--yes"]] if name == "attested" else [])):
            code, err = _run(command, folder / "home")
            if code != 0:
                raise RuntimeError(f"building the {name} template failed: {err}")
        templates[name] = folder
    return templates


def _prepare(kind: str, folder: Path, templates: dict[str, Path]) -> tuple[Path, Path, Path]:
    shutil.copytree(templates["attested" if kind == "invoice" else "plain"], folder)
    out = folder / "out"
    out.mkdir(mode=0o700)
    return folder / "office.db", folder / "home", out


def _query(db: Path, sql: str, *params: object) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute(sql, params).fetchall()


def _sound(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        foreign = connection.execute("PRAGMA foreign_key_check").fetchall()
    if integrity != [("ok",)]:
        return f"integrity_check: {integrity[:3]}"
    if foreign:
        return f"foreign_key_check: {foreign[:3]}"
    return ""


def _temporaries(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def _complete_pdf(path: Path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def check_attest(db: Path, home: Path, result: OfficeResult) -> None:
    districts = _query(db, "SELECT count(*) FROM district")[0][0]
    locked = bool(_query(db, "SELECT 1 FROM month_lock WHERE month = ?", MONTH))
    issued = _query(db, "SELECT count(*), max(version) FROM issued_statement WHERE month = ?", MONTH)[0]
    if locked and issued != (districts, 1):
        result.error = f"the month is locked with {issued[0]} issued statements of {districts}"
        return
    if not locked and issued[0]:
        result.error = f"{issued[0]} statements issued of a month that is not locked"
        return
    result.outcome = "attested" if locked else "not attested"
    if not locked:
        code, err = _run(_command("attest", db, db.parent, ""), home)
        if code != 0:
            result.error = f"attest again failed: {err.strip()[-300:]}"
            return
        result.outcome += ", attested by a second run"
    again = _query(db, "SELECT count(*), max(version) FROM issued_statement WHERE month = ?", MONTH)[0]
    if again != (districts, 1):
        result.error = f"after attesting: {again[0]} issued statements (last version {again[1]}) of {districts}"


def _invoices(db: Path) -> list[tuple[str, bytes | str]]:
    return _query(db, "SELECT number, xml FROM invoice WHERE district = ? AND month LIKE ?", DISTRICT, f"{MONTH}%")


def check_invoice(db: Path, home: Path, out: Path, result: OfficeResult) -> None:
    invoices = _invoices(db)
    target = out / "invoice.xml"
    if len(invoices) > 1:
        result.error = f"{len(invoices)} invoices of one statement: {[n for n, _ in invoices]}"
        return
    if target.exists():
        data = target.read_bytes()
        if not data.rstrip().endswith(b"</Invoice>"):
            result.error = "an incomplete invoice file"
            return
        if invoices and _bytes(invoices[0][1]) != data:
            result.error = "the invoice file differs from the invoice the database keeps"
            return
    result.outcome = f"{len(invoices)} invoice(s), file {'written' if target.exists() else 'absent'}"
    code, err = _run(_command("invoice", db, out, ""), home)
    if code != 0:
        result.error = f"invoice again failed: {err.strip()[-300:]}"
        return
    invoices = _invoices(db)
    if [n for n, _ in invoices] != ["KOS-1001"]:
        result.error = f"after invoicing again: {[n for n, _ in invoices]} (expected the series' first, once)"
    elif _bytes(invoices[0][1]) != target.read_bytes():
        result.error = "the invoice written again differs from the one the database keeps"
    elif _temporaries(out):
        result.error = f"temporary files left: {_temporaries(out)}"


def _bytes(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


def check_journal(db: Path, result: OfficeResult, text: str) -> None:
    entries = _query(db, "SELECT id FROM journal_entry WHERE text = ?", text)
    if len(entries) > 1:
        result.error = f"the entry is there {len(entries)} times"
        return
    if entries:
        logged = _query(
            db,
            "SELECT count(*) FROM audit_log WHERE entity = 'journal_entry' AND entity_id = ? AND action = 'create'",
            entries[0][0],
        )[0][0]
        if logged != 1:
            result.error = f"a journal entry with {logged} audit entries of its writing"
            return
    result.outcome = "written" if entries else "not written"


def _statement_exports(db: Path) -> int:
    return _query(db, "SELECT count(*) FROM audit_log WHERE entity = 'statement' AND action = 'export'")[0][0]


def check_statement(db: Path, home: Path, out: Path, result: OfficeResult, exports_before: int) -> None:
    files = [p for p in out.iterdir() if not p.name.startswith(".")]
    broken = [p.name for p in files if not _complete_pdf(p)]
    if broken:
        result.error = f"incomplete PDFs: {broken}"
        return
    logged = _statement_exports(db) - exports_before
    if files and not logged:
        result.error = f"{len(files)} statement PDFs on disk whose export is not on the record"
        return
    result.outcome = f"{len(files)} PDFs, {logged} export entries"
    code, err = _run(_command("statement", db, out, ""), home)
    if code != 0:
        result.error = f"the export again failed: {err.strip()[-300:]}"
    elif _temporaries(out):
        result.error = f"temporary files left: {_temporaries(out)}"


def measure(kind: str, workdir: Path, templates: dict[str, Path]) -> float:
    """How long one uninterrupted run takes (the range the kills are drawn from)."""
    folder = workdir / f"measure-{kind}"
    shutil.rmtree(folder, ignore_errors=True)
    db, home, out = _prepare(kind, folder, templates)
    started = time.perf_counter()
    code, err = _run(_command(kind, db, out, "Mätning"), home)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"{kind} failed without a kill: {err}")
    shutil.rmtree(folder, ignore_errors=True)
    return elapsed


def run_office_trial(kind: str, folder: Path, templates: dict[str, Path], duration: float, rng: Random) -> OfficeResult:
    seed = rng.randrange(2**31)
    kill_after = Random(seed).uniform(0.6 * duration, 1.05 * duration)
    result = OfficeResult(kind, seed, kill_after)
    db, home, out = _prepare(kind, folder, templates)
    text = f"Krocktest {seed}: samtal om veckan"
    exports_before = _statement_exports(db)
    _run(_command(kind, db, out, text), home, kill_after=kill_after)
    result.error = _sound(db)
    if result.error:
        return result
    if kind == "attest":
        check_attest(db, home, result)
    elif kind == "invoice":
        check_invoice(db, home, out, result)
    elif kind == "journal":
        check_journal(db, result, text)
    else:
        check_statement(db, home, out, result, exports_before)
    if not result.error:
        result.error = _sound(db)
    return result


def run_office_trials(
    trials: int, workdir: Path, *, seed: int = 2026, kinds: tuple[str, ...] = KINDS, progress=None, keep=False
) -> list[OfficeResult]:
    """``trials`` kills, the kinds taking turns; failed trials' files stay in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    templates = build_templates(workdir)
    durations = {kind: measure(kind, workdir, templates) for kind in kinds}
    rng = Random(seed)
    results = []
    for n in range(trials):
        kind = kinds[n % len(kinds)]
        folder = workdir / f"trial-{n:03d}-{kind}"
        shutil.rmtree(folder, ignore_errors=True)
        result = run_office_trial(kind, folder, templates, durations[kind], rng)
        results.append(result)
        if progress is not None:
            progress(n, result)
        if result.ok and not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return results


if __name__ == "__main__":  # python -m tests.crash.office [TRIALS] [WORKDIR]
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    where = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/coopdesk-office-crash")
    done = run_office_trials(count, where, progress=lambda n, r: print(r.describe(), flush=True))
    print(f"{sum(not r.ok for r in done)} of {len(done)} trials failed")

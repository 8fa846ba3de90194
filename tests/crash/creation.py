"""Crash safety of creating and encrypting a database: ``coopdesk init``, ``import`` and ``encrypt``
killed with SIGKILL at a random moment.

Each kind is first run once to the end, to learn how long it takes; the trials then kill it after a
random time between 0 and that duration (so every phase is hit: start-up, building the file, the keys
file, the renames, encrypting the backups). After the kill the next command's view is checked:

* ``init`` and ``import``: ``access.is_new`` (which finishes or removes what a killed creation left)
  says there is no database, and then there is no database file, no keys file and no temporary file at
  all; or there is a database, with its keys file, that opens with the administrator's password (and,
  for ``import``, holds every member of the document: an import is whole or absent);
* ``encrypt`` (of a plain database with one plain backup): the database opens with the password
  (still plain, or encrypted); ``encrypt`` run again ends well (or says "already encrypted" when the
  killed one had finished); then the database is encrypted, opens with the password, holds every
  member, and no backup is left plain.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from random import Random

from tests.crash.writer import TODAY

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("init", "import", "encrypt")
LOGIN = "krock"
PASSWORD = "krock-lösenord-1"
MEMBERS = 20
YEARS = 0.5


@dataclass
class CreationResult:
    kind: str
    seed: int
    killed_after_s: float
    outcome: str = ""  # "none" (no database) | "whole" | "finished by a second encrypt"
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def describe(self) -> str:
        text = f"{self.kind} killed after {self.killed_after_s:.3f}s (seed {self.seed}): {self.outcome or '-'}"
        return text + (f" | ERROR {self.error}" if self.error else "")


def environment(home: Path, login: str = LOGIN, password: str = PASSWORD) -> dict[str, str]:
    """A command's environment: its own data folder and the account as a script sets it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COOPDESK_")}
    env.update(
        COOPDESK_HOME=str(home),
        COOPDESK_USER=login,
        COOPDESK_PASSWORD=password,
        COOPDESK_LANG="en",
        PYTHONPATH=str(ROOT),
    )
    return env


def _env(home: Path) -> dict[str, str]:
    return environment(home)


def _command(kind: str, db: Path, document: Path) -> list[str]:
    base = [sys.executable, "-m", "coopdesk", "--db", str(db)]
    if kind == "init":
        return [*base, "init", "--admin", LOGIN]
    if kind == "import":
        return [*base, "import", str(document)]
    return [*base, "encrypt"]


def _run(kind: str, db: Path, document: Path, home: Path, *, kill_after: float | None = None) -> tuple[int, str]:
    return run_killed(_command(kind, db, document), _env(home), kill_after=kill_after)


def run_killed(command: list[str], env: dict[str, str], *, kill_after: float | None = None) -> tuple[int, str]:
    """Run ``command``; with ``kill_after`` SIGKILL it then (if it still runs). (exit code, stderr)."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        if kill_after is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=kill_after)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
        _, err = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
    return process.returncode, err


def write_document(path: Path) -> Path:
    from coopdesk.core.demo import demo_document

    path.write_text(json.dumps(demo_document(TODAY, members=MEMBERS, years=YEARS), ensure_ascii=False), "utf-8")
    return path


def _import_plain(document: Path, db: Path, home: Path) -> None:
    command = [sys.executable, "-m", "coopdesk", "--db", str(db), "import", str(document), "--no-encryption"]
    done = subprocess.run(command, cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"setting up a plain database failed: {done.stderr}")
    backup = [sys.executable, "-m", "coopdesk", "--db", str(db), "backup"]
    done = subprocess.run(backup, cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"backing up the plain database failed: {done.stderr}")


def build_plain_template(folder: Path, document: Path) -> Path:
    """A folder holding ``plain.db`` and ``home/backups/`` with one plain backup, copied per trial."""
    folder.mkdir(parents=True, exist_ok=True)
    _import_plain(document, folder / "plain.db", folder / "home")
    return folder


def _members(session) -> int:
    from coopdesk.core.models import Member

    with session.db.session() as s:
        return s.query(Member).count()


def _whole(db: Path, result: CreationResult, *, members: int | None, encrypted: bool | None = None) -> None:
    from coopdesk import access
    from coopdesk.storage.database import check_integrity

    if encrypted is not False and access.is_encrypted(str(db)) and not Path(f"{db}.keys").exists():
        result.error = "an encrypted database without its keys file"
        return
    try:
        session = access.login(str(db), LOGIN, PASSWORD)
    except Exception as exc:  # any refusal is the failure looked for
        result.error = f"does not open with the password: {exc}"
        return
    try:
        check_integrity(session.db)
        if encrypted is not None and session.db.is_encrypted != encrypted:
            result.error = f"encrypted={session.db.is_encrypted}, expected {encrypted}"
        elif members is not None and _members(session) != members:
            result.error = f"{_members(session)} members, expected {members} (a half import)"
    except Exception as exc:
        result.error = f"not sound: {exc}"
    finally:
        session.db.close()


def check_created(kind: str, db: Path, result: CreationResult) -> None:
    from coopdesk import access

    new = access.is_new(str(db))  # the next command's first look: finishes or cleans up
    left = sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}"))
    if left:
        result.error = f"temporary files left: {left}"
        return
    if new:
        result.outcome = "none"
        if db.exists() or Path(f"{db}.keys").exists():
            result.error = f"no database, but {'an empty file' if db.exists() else 'a keys file alone'}"
        return
    result.outcome = "whole"
    _whole(db, result, members=MEMBERS if kind == "import" else None, encrypted=True)


def _plain_backups(home: Path, stem: str) -> list[str]:
    folder = home / "backups"
    return sorted(
        p.name for p in folder.glob(f"{stem}-*.db") if p.is_file() and p.read_bytes()[:16] == b"SQLite format 3\x00"
    )


def check_encrypted(db: Path, document: Path, home: Path, result: CreationResult) -> None:
    _whole(db, result, members=MEMBERS)  # plain or encrypted, it opens
    if result.error:
        return
    code, err = _run("encrypt", db, document, home)
    if code != 0 and "already encrypted" not in err:
        result.error = f"a second encrypt failed: {err.strip()[-300:]}"
        return
    result.outcome = "finished by a second encrypt" if code == 0 else "already whole"
    _whole(db, result, members=MEMBERS, encrypted=True)
    if not result.error and _plain_backups(home, db.stem):
        result.error = f"plain backups left: {_plain_backups(home, db.stem)}"


def measure(kind: str, workdir: Path, document: Path, plain_template: Path | None) -> float:
    """How long one uninterrupted run takes (the range the kills are drawn from)."""
    folder = workdir / f"measure-{kind}"
    shutil.rmtree(folder, ignore_errors=True)
    db, home = _prepare(kind, folder, plain_template)
    started = time.perf_counter()
    code, err = _run(kind, db, document, home)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"{kind} failed without a kill: {err}")
    shutil.rmtree(folder, ignore_errors=True)
    return elapsed


def _prepare(kind: str, folder: Path, plain_template: Path | None) -> tuple[Path, Path]:
    if kind == "encrypt":
        assert plain_template is not None
        shutil.copytree(plain_template, folder)
        # A copy is another database: the template's claim on the backups' name does not come with it.
        (folder / "home" / "backups" / ".databases.json").unlink(missing_ok=True)
        return folder / "plain.db", folder / "home"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "new.db", folder / "home"


def run_creation_trial(
    kind: str, folder: Path, document: Path, duration: float, rng: Random, plain_template: Path | None
) -> CreationResult:
    seed = rng.randrange(2**31)
    kill_after = Random(seed).uniform(0.0, duration)
    result = CreationResult(kind, seed, kill_after)
    db, home = _prepare(kind, folder, plain_template)
    _run(kind, db, document, home, kill_after=kill_after)
    old_home = os.environ.get("COOPDESK_HOME")
    os.environ["COOPDESK_HOME"] = str(home)  # the checks look in this trial's backup folder
    try:
        if kind == "encrypt":
            check_encrypted(db, document, home, result)
        else:
            check_created(kind, db, result)
    finally:
        if old_home is None:
            os.environ.pop("COOPDESK_HOME", None)
        else:
            os.environ["COOPDESK_HOME"] = old_home
    return result


def run_creation_trials(
    trials: int, workdir: Path, *, seed: int = 2026, kinds: tuple[str, ...] = KINDS, progress=None, keep=False
) -> list[CreationResult]:
    """``trials`` kills, the kinds taking turns; failed trials' files stay in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    document = write_document(workdir / "document.json")
    plain = build_plain_template(workdir / "plain-template", document) if "encrypt" in kinds else None
    durations = {kind: measure(kind, workdir, document, plain) for kind in kinds}
    rng = Random(seed)
    results = []
    for n in range(trials):
        kind = kinds[n % len(kinds)]
        folder = workdir / f"trial-{n:03d}-{kind}"
        shutil.rmtree(folder, ignore_errors=True)
        result = run_creation_trial(kind, folder, document, durations[kind], rng, plain)
        results.append(result)
        if progress is not None:
            progress(n, result)
        if result.ok and not keep:
            shutil.rmtree(folder, ignore_errors=True)
    return results

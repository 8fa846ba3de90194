"""The command line as a whole process (issue 20.4): what it leaves behind when it has exited.

A short command collects less and freezes its heap before the interpreter exits (cli._leave_heap_to_exit),
and derives the key in a thread while it loads its modules (access.login's ``meanwhile``). Neither may
cost a byte of output: every file complete, every line printed, the export on the record, the database
closed.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from coopdesk import cli
from tests.conftest import EXAMPLE


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def process(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]), COOPDESK_LANG="en")
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.fixture
def encrypted(new_db) -> str:
    path = new_db("enc.db")
    code, _out, err = run("--db", path, "import", str(EXAMPLE))
    assert code == 0, err
    return path


def complete_pdf(path: Path) -> str:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.mark.sqlite_only("an encrypted database file, opened by a new process")
def test_statement_all_as_a_process_leaves_every_file_complete_and_on_the_record(
    encrypted: str, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    done = process("--db", encrypted, "statement", "--month", "2026-05", "--all", "--format", "pdf", "-o", str(folder))
    assert done.returncode == 0, done.stderr
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 3  # the example's three districts
    for path in files:
        district = path.name.split(" ", 1)[1].removesuffix(" månadsredovisning.pdf")
        assert district in complete_pdf(path)
    assert sorted(line.removeprefix("Wrote ") for line in done.stdout.splitlines()) == [str(p) for p in files]
    # the export was committed and the database closed cleanly: another process reads the record
    audit = process("--db", encrypted, "audit", "--kind", "export", "--format", "json")
    assert audit.returncode == 0, audit.stderr
    assert len(json.loads(audit.stdout)) >= 1
    assert not Path(f"{encrypted}-wal").exists() or Path(f"{encrypted}-wal").stat().st_size == 0


@pytest.mark.sqlite_only("an encrypted database file, opened by a new process")
def test_a_long_standard_output_is_not_lost_at_exit(encrypted: str) -> None:
    done = process("--db", encrypted, "statement", "--month", "2026-05", "--all", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert {s["district"] for s in json.loads(done.stdout)} == {"Norrmalm", "Södermalm", "Tyresö kommun"}

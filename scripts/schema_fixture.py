"""Build the fixture database of a released schema revision with the code of that release.

    python scripts/schema_fixture.py 0007 --commit 12bc59c   # writes tests/fixtures/schemas/coopdesk-0007.db

The migration tests (tests/unit/test_storage.py) open a real database of every released schema and
migrate it. Such a database must be written by the old code itself, not by today's code imitating an
old schema: so this script unpacks ``git archive COMMIT`` into a temporary folder, checks that the
commit's newest migration is REV, and runs that tree's own code (with this venv's libraries) to fill a
new database the way the fixtures always have been filled:

- the example of interchange.md (``tests/fixtures/interchange_example.json`` of that commit) imported,
- a sick day registered for Anna Andersson on 2026-05-21 (the example's statement then counts two),
- where the release has user accounts: the demo administrator (admin / demo-admin),
- where it has employees: the demo's employees with wage subsidy (``add_demo_employees``).

The result is compacted (VACUUM INTO) so that the fixture stays a few hundred KB at most.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "tests" / "fixtures" / "schemas"
VERSIONS = Path("coopdesk/storage/migrations/versions")

# Run inside the old tree (its own coopdesk package first on sys.path). Only interfaces that every
# release since 0001 has are used; the later ones are looked up and skipped where they do not exist.
BUILD = """
import datetime as dt
import sys
from pathlib import Path

from sqlalchemy import select

from coopdesk.core.audit import Actor
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.exchange.reader import load_json_file
from coopdesk.core.models import Member
from coopdesk.core.services import attendance
from coopdesk.storage.database import open_database

today = dt.date(2026, 5, 29)  # the example's month, still open for registration
database = open_database(sys.argv[1])
with database.session() as session:
    example = load_json_file(Path("tests/fixtures/interchange_example.json"))
    import_document(session, example, actor=Actor("fixture"), today=today)
with database.session() as session:
    anna = session.scalars(select(Member).where(Member.name == "Anna Andersson")).one()
    attendance.register(session, Actor("Sara Svensson"), anna.id, dt.date(2026, 5, 21), "sick", today=today)
try:
    from coopdesk.core.services import users
except ImportError:
    users = None
if users is not None:
    with database.session() as session:
        admin = users.create_first_admin(session, "admin", "Demo Administratör", "demo-admin")
    try:
        from coopdesk.core.demo import add_demo_employees
    except ImportError:
        add_demo_employees = None
    if add_demo_employees is not None:
        with database.session() as session:
            add_demo_employees(session, admin, today)
database.close()
"""


def head_revision(tree: Path) -> str:
    """The revision no other migration of ``tree`` builds on."""
    revisions: dict[str, str | None] = {}
    for path in (tree / VERSIONS).glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(r'^revision(?::\s*str)?\s*=\s*"([^"]+)"', source, re.MULTILINE)
        down = re.search(r'^down_revision(?::[^=]*)?=\s*"([^"]+)"', source, re.MULTILINE)
        if revision:
            revisions[revision.group(1)] = down.group(1) if down else None
    heads = set(revisions) - set(revisions.values())
    if len(heads) != 1:
        raise SystemExit(f"{tree}: expected one head revision, found {sorted(heads)}")
    return heads.pop()


def build(revision: str, commit: str, output: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="coopdesk-schema-") as temp:
        tree = Path(temp) / "tree"
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
        archive_path = Path(temp) / "tree.tar"
        archive_path.write_bytes(archive)
        with tarfile.open(archive_path) as tar:
            tar.extractall(tree, filter="data")
        head = head_revision(tree)
        if head != revision:
            raise SystemExit(f"the newest migration of {commit} is {head}, not {revision}: choose another commit")
        made = Path(temp) / f"coopdesk-{revision}.db"
        env = {
            **os.environ,
            "PYTHONPATH": str(tree),
            "COOPDESK_HOME": str(Path(temp) / "home"),  # its backups and settings stay in the temporary folder
            "QT_QPA_PLATFORM": "offscreen",
        }
        env.pop("COOPDESK_DB", None)
        subprocess.run([sys.executable, "-c", BUILD, str(made)], cwd=tree, env=env, check=True)
        with sqlite3.connect(made) as connection:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            if found != [(revision,)]:
                raise SystemExit(f"the database made by {commit} is at {found}, not {revision}")
        output.unlink(missing_ok=True)
        connection = sqlite3.connect(made)
        try:
            connection.execute("VACUUM INTO ?", (str(output),))  # compact, and one file without -wal
        finally:
            connection.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the schema revision, e.g. 0007")
    parser.add_argument("--commit", required=True, help="a commit whose newest migration is REVISION")
    parser.add_argument("-o", "--output", type=Path, help="default: tests/fixtures/schemas/coopdesk-REVISION.db")
    args = parser.parse_args(argv)
    output = args.output or SCHEMAS / f"coopdesk-{args.revision}.db"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", f"{args.commit}^{{commit}}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()  # the name to give in the commit message that adds the fixture
    build(args.revision, commit, output)
    print(f"{output}: schema {args.revision}, made by the code of {commit}, {output.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

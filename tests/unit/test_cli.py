"""The coopdesk command line, driven as a user would (in-process, plus one real process)."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk import cli
from coopdesk.core.audit import Actor
from coopdesk.core.calendar import Month
from coopdesk.storage.database import open_database
from tests.conftest import EXAMPLE, TEST_LOGIN, expected_statement
from tests.helpers import dump_rows


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def data_content(address: str) -> list[str]:
    """Every row but the audit log's and the accounts' (each command's login is logged there)."""
    database = open_database(address, create=False, check=False)
    try:
        return dump_rows(database, skip=("audit_log", "user_account"))
    finally:
        database.close()


@pytest.fixture
def example_file_db(new_db) -> str:
    """The example imported by the CLI (a file, or a database on the test server); unencrypted, so
    that tests can read it directly (encrypted databases through the CLI: test_cli_users.py)."""
    path = new_db("cli.db")
    code, out, err = run("--db", path, "import", str(EXAMPLE), "--no-encryption")
    assert code == 0, err
    assert "1 members, 3 districts" in out
    return path


def test_init_creates_a_database(new_db) -> None:
    address = new_db("new.db")
    code, out, _ = run("--db", address, "init")
    assert code == 0
    assert "ready" in out
    code, out, _ = run("--db", address, "users", "list")  # its first administrator: COOPDESK_USER
    assert code == 0 and out.startswith(TEST_LOGIN)


def test_statement_json_of_the_example(example_file_db: str) -> None:
    code, out, _ = run("--db", example_file_db, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert code == 0
    assert json.loads(out) == expected_statement()


def test_statement_all_prints_an_array_in_swedish_order(example_file_db: str) -> None:
    code, out, _ = run("--db", example_file_db, "statement", "--month", "2026-05", "--all")
    assert code == 0
    assert [d["district"] for d in json.loads(out)] == ["Norrmalm", "Södermalm", "Tyresö kommun"]


def test_statement_all_to_a_folder_writes_one_file_per_district(example_file_db: str, tmp_path: Path) -> None:
    folder = tmp_path / "ut"
    code, _, _ = run(
        "--db", example_file_db, "statement", "--month", "2026-05", "--all", "--format", "csv", "-o", str(folder)
    )
    assert code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "2026-05 Norrmalm månadsredovisning.csv",
        "2026-05 Södermalm månadsredovisning.csv",
        "2026-05 Tyresö kommun månadsredovisning.csv",
    ]
    data = (folder / names[0]).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Swedish Excel needs
    lines = data.decode("utf-8-sig").split("\r\n")
    head, row, total = (line.split(";") for line in lines[:3])
    assert row[head.index("Planerad tid")] == "92,00"
    assert row[head.index("Närvarotid")] == "16,75"
    assert row[head.index("Närvarograd (%)")] == "18,2"
    assert row[head.index("Belopp (kr)")] == "1400,00"
    assert total[head.index("Medlem")] == "Summa"


def test_statement_to_one_file(example_file_db: str, tmp_path: Path) -> None:
    target = tmp_path / "maj.json"
    code, _, _ = run(
        "--db", example_file_db, "statement", "--month", "2026-05", "--district", "Norrmalm", "-o", str(target)
    )
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == expected_statement()


def test_export_import_export_is_the_identity(example_file_db: str, tmp_path: Path, new_db) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    copy = new_db("copy.db")
    assert run("--db", example_file_db, "export", "-o", str(first))[0] == 0
    assert run("--db", copy, "import", str(first))[0] == 0
    assert run("--db", copy, "export", "-o", str(second))[0] == 0
    assert json.loads(first.read_text(encoding="utf-8")) == json.loads(second.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("statement", "--month", "2026-5", "--district", "Norrmalm"), "2026-5 is not valid"),
        (("statement", "--month", "2026-13", "--all"), "2026-13 is not valid"),
        (("statement", "--month", "2026-05", "--district", "Kungsholmen"), "'Kungsholmen' does not exist"),
        (("import", "/no/such/file.json"), "does not exist"),
        (("import", str(EXAMPLE)), "already holds data"),
    ],
)
def test_clear_errors_exit_1_and_change_nothing(example_file_db: str, args: tuple[str, ...], message: str) -> None:
    before = data_content(example_file_db)
    code, out, err = run("--db", example_file_db, *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err and out == ""
    assert data_content(example_file_db) == before


def test_errors_in_swedish(example_file_db: str) -> None:
    code, _, err = run(
        "--lang", "sv", "--db", example_file_db, "statement", "--month", "2026-05", "--district", "Kungsholmen"
    )
    assert code == 1
    assert "fel: Beställaren 'Kungsholmen' finns inte. Finns: Norrmalm, Södermalm, Tyresö kommun." in err


@pytest.mark.sqlite_only("a missing database file (a missing server database: test_postgres.py)")
def test_statement_on_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    code, _, err = run("--db", str(tmp_path / "none.db"), "statement", "--month", "2026-05", "--all")
    assert code == 1 and "does not exist" in err
    assert not (tmp_path / "none.db").exists()


def test_bad_import_file_names_the_json_path(tmp_path: Path, new_db) -> None:
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["members"][0]["placements"][0]["start"] = "2026-13-01"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run("--db", new_db("x.db"), "import", str(bad))
    assert code == 1
    assert "members[0].placements[0].start" in err and "2026-13-01" in err


def test_usage_errors_exit_2() -> None:
    with pytest.raises(SystemExit) as info:
        run("statement", "--district", "Norrmalm")
    assert info.value.code == 2


def test_demo_then_last_months_statements(new_db, monkeypatch: pytest.MonkeyPatch) -> None:
    db = new_db("demo.db")
    assert run("--db", db, "demo")[0] == 0
    monkeypatch.setenv("COOPDESK_USER", "handledare")  # the demo's supervisor account
    monkeypatch.setenv("COOPDESK_PASSWORD", "demo-handledare")
    last_month = Month.of(dt.date.today()).previous()
    code, out, _ = run("--db", db, "statement", "--month", str(last_month), "--all")
    assert code == 0
    documents = json.loads(out)
    assert len(documents) >= 3
    host = [d for d in documents if d["supervisors"] is not None]
    assert len(host) == 1 and host[0]["district"] == "Norrmalm"
    assert sum(d["totals"]["rows"] for d in documents) >= 15
    monkeypatch.setenv("COOPDESK_USER", "admin")
    monkeypatch.setenv("COOPDESK_PASSWORD", "demo-admin")
    code, _, err = run("--db", db, "demo")
    assert code == 1 and "already holds data" in err  # not into a database that holds data


def test_the_installed_command_runs_as_a_process(example_file_db: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coopdesk",
            "--db",
            example_file_db,
            "statement",
            "--month",
            "2026-05",
            "--district",
            "Norrmalm",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["totals"]["amount"] == "1400.00"


def test_statement_pdf_for_all_districts(example_file_db: str, tmp_path: Path) -> None:
    import pypdf

    code, _, _ = run(
        "--db", example_file_db, "statement", "--month", "2026-05", "--all", "--format", "pdf", "-o", str(tmp_path)
    )
    assert code == 0
    files = sorted(tmp_path.glob("*.pdf"))
    assert [f.name for f in files] == [
        "2026-05 Norrmalm månadsredovisning.pdf",
        "2026-05 Södermalm månadsredovisning.pdf",
        "2026-05 Tyresö kommun månadsredovisning.pdf",
    ]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(files[0]).pages)
    assert "Anna Andersson" in text and "1 400,00 kr" in text.replace("\u00a0", " ")


def test_statement_pdf_needs_an_output_file(example_file_db: str) -> None:
    code, out, err = run(
        "--db", example_file_db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "pdf"
    )
    assert code == 1 and "-o" in err and out == ""


def test_verify_tells_whether_the_figures_changed(example_file_db: str) -> None:
    from coopdesk.core.services import attendance
    from coopdesk.core.statement import statement_for
    from coopdesk.reports.fingerprint import statement_fingerprint

    database = open_database(example_file_db)
    with database.session() as session:
        printed = statement_fingerprint(statement_for(session, "Norrmalm", Month(2026, 5)))
    args = ("--db", example_file_db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--verify")
    code, out, _ = run(*args, printed)
    assert code == 0 and "Unchanged" in out
    with database.session() as session:  # a correction after printing
        attendance.register(session, Actor("Sara"), 1, dt.date(2026, 5, 21), "sick")
    database.close()
    code, out, _ = run(*args, printed)
    assert code == cli.EXIT_CHANGED and "Changed" in out and printed in out


def test_the_cli_prints_all_districts_with_the_supervisors_last(example_file_db: str) -> None:
    code, out, _ = run("--db", example_file_db, "statement", "--month", "2026-05", "--all", "--format", "csv")
    assert code == 0
    tables: list[list[list[str]]] = [[]]  # runs of lines between empty lines
    for line in out.split("\r\n"):
        if line:
            tables[-1].append(line.split(";"))
        elif tables[-1]:
            tables.append([])
    members, supervisors, *_ = tables
    assert [line[0] for line in members[1:]] == ["Norrmalm", "Norrmalm", "Södermalm", "Tyresö kommun"]
    assert supervisors[0][2] == "Handledare"
    # and the JSON form is what it was: no key added
    code, out, _ = run("--db", example_file_db, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert set(json.loads(out)) == {
        "format",
        "cooperative",
        "district",
        "month",
        "attested",
        "open_days",
        "rows",
        "totals",
        "supervisors",
    }


@pytest.mark.parametrize(
    "args",
    [
        ("statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "pdf"),
        ("statement", "--month", "2026-05", "--district", "Norrmalm", "--format", "xlsx", "--issued"),
        ("report", "yearly", "--year", "2026", "--format", "xlsx"),
        ("subsidy", "--month", "2026-05", "--format", "pdf"),
    ],
)
def test_a_file_format_without_o_says_the_same_everywhere(example_file_db: str, args: tuple[str, ...]) -> None:
    """One check (cli.common.require_file) for every command that writes a PDF or a workbook: without -o
    nothing is written and the message names what to give (it said "A XLSX file is written to a file")."""
    fmt = args[args.index("--format") + 1]
    before = data_content(example_file_db)
    code, out, err = run("--lang", "en", "--db", example_file_db, *args)
    assert code != 0 and out == ""
    assert f"{fmt.upper()} is written to a file: give -o FILE.{fmt}" in err
    assert data_content(example_file_db) == before

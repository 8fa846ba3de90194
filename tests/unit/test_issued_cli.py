"""``coopdesk attest`` issues; ``coopdesk statement --issued [--version N]`` and ``--correction`` print them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pypdf
import pytest

from tests.conftest import EXAMPLE
from tests.unit.test_cli import run


@pytest.fixture
def example_file_db(new_db) -> str:
    path = new_db("cli.db")
    code, _, err = run("--db", path, "import", str(EXAMPLE), "--no-encryption")
    assert code == 0, err
    return path


def _attest(db: str) -> None:
    code, out, err = run("--db", db, "attest", "--month", "2026-05", "--yes")
    assert code == 0, err
    assert "issued" in out


def _change_and_attest_again(db: str) -> None:
    code, _, err = run("--db", db, "reopen", "--month", "2026-05", "--reason", "Fel timmar")
    assert code == 0, err
    code, _, err = run(
        "--db", db, "register", "--member", "Anna Andersson", "--day", "2026-05-06", "--status", "present",
        "--hours", "Kopiering=4",
    )  # fmt: skip
    assert code == 0, err
    _attest(db)


def test_attest_issues_and_the_issued_version_prints_as_issued(example_file_db: str, tmp_path: Path) -> None:
    db = example_file_db
    _attest(db)
    code, first, err = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--issued")
    assert code == 0, err
    assert json.loads(first)["attested"] is True
    _change_and_attest_again(db)
    code, again, _ = run(
        "--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--issued", "--version", "1"
    )
    assert code == 0 and again == first  # byte for byte, whatever changed since
    code, last, _ = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--issued")
    code, current, _ = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert json.loads(last) == json.loads(current) != json.loads(first)
    pdf = tmp_path / "v1.pdf"
    code, _, err = run(
        "--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--issued", "--version", "1",
        "--format", "pdf", "-o", str(pdf),
    )  # fmt: skip
    assert code == 0, err
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "version 1" in text and "Utfärdad" in text and "1 400,00" in " ".join(text.split())
    code, csv_text, _ = run(
        "--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--issued", "--version", "1",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0 and "1400,00" in csv_text.replace("\u00a0", "").replace(" ", "")


def test_the_correction_as_json_and_pdf(example_file_db: str, tmp_path: Path) -> None:
    db = example_file_db
    _attest(db)
    code, _, err = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--correction")
    assert code == 1 and "nothing to correct" in err
    _change_and_attest_again(db)
    code, out, err = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--correction")
    assert code == 0, err
    document = json.loads(out)
    assert document["format"] == "coopdesk-correction/1"
    assert (document["issued"]["version"], document["current"]["version"]) == (1, 2)
    [row] = document["rows"]
    assert row["figures"] == {
        "attended_hours": {"issued": "16.75", "current": "18.75"},
        "full_days": {"issued": 2, "current": 3},
        "half_days": {"issued": 2, "current": 1},
    }
    assert row["amount"] == {"issued": "1400.00", "current": "1600.00", "difference": "200.00"}
    assert document["totals"]["amount"]["difference"] == "200.00"
    pdf = tmp_path / "rättelse.pdf"
    code, _, err = run(
        "--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--correction", "--format", "pdf",
        "-o", str(pdf),
    )  # fmt: skip
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")
    code, log, _ = run("--db", db, "audit", "--kind", "export", "--format", "json")
    assert "(JSON, RÄTTELSE)" in log and "(PDF, RÄTTELSE)" in log  # every copy is on the record


def test_refusals(example_file_db: str) -> None:
    db = example_file_db
    base = ("--db", db, "statement", "--month", "2026-05")
    code, _, err = run(*base, "--district", "Norrmalm", "--issued")
    assert code == 1 and "not been issued" in err
    code, _, err = run(*base, "--district", "Norrmalm", "--version", "1")
    assert code == 1 and "--version goes with --issued" in err
    code, _, err = run(*base, "--district", "Norrmalm", "--correction", "--format", "csv")
    assert code == 1 and "json or pdf" in err
    code, _, err = run(*base, "--all", "--issued")
    assert code == 1 and "one district" in err


def test_the_current_statement_warns_when_the_month_was_reopened(example_file_db: str) -> None:
    db = example_file_db
    _attest(db)
    code, _, err = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert code == 0 and err == ""
    code, _, err = run("--db", db, "reopen", "--month", "2026-05", "--reason", "Fel")
    code, out, err = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert code == 0 and "reopened after the statement was issued (version 1" in err
    assert json.loads(out)["attested"] is False  # the document itself is unchanged in form


def test_every_format_of_an_issued_version_is_the_version_as_issued(example_file_db: str, tmp_path: Path) -> None:
    """json, csv, pdf and xlsx of version 1 after the month changed: the figures of the issued JSON, the
    PDF's and the workbook's mark "Utfärdad <datum> av <namn>, version 1"."""
    from decimal import Decimal

    from tests.unit.test_statement_xlsx import number, read

    db = example_file_db
    _attest(db)
    _change_and_attest_again(db)
    version_one = ("statement", "--month", "2026-05", "--district", "Norrmalm", "--issued", "--version", "1")
    code, out, err = run("--db", db, *version_one)
    assert code == 0, err
    issued = json.loads(out)
    code, _, err = run("--db", db, *version_one, "--format", "xlsx")
    assert code == 1 and "-o" in err  # a workbook goes to a file
    target = tmp_path / "v1.xlsx"
    code, _, err = run("--db", db, *version_one, "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes()[:2] == b"PK"  # a workbook, not the PDF
    members = read(target.read_bytes())["Medlemmar"]
    assert members[0][0] == "Månadsredovisning Norrmalm maj 2026"
    mark = members[1][0]
    assert "attesterad" in mark and "Utfärdad" in mark and mark.endswith("version 1")
    head = members[4]
    for line, row in zip(members[5:-1], issued["rows"], strict=True):
        cells = dict(zip(head, line, strict=True))
        assert cells["Medlem"] == row["member"] and cells["Beslutsnummer"] == row["decision_ref"]
        assert cells["Närvarodagar"] == row["attended_days"] and cells["Heldagar"] == row["billing"]["full_days"]
        assert number(cells["Närvarotid"]) == Decimal(row["attended_hours"])
        assert number(cells["Belopp (kr)"]) == Decimal(row["billing"]["amount"])
    totals = dict(zip(head, members[-1], strict=True))
    assert number(totals["Belopp (kr)"]) == Decimal(issued["totals"]["amount"]) == Decimal("1400.00")
    code, current, _ = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm")
    assert json.loads(current)["totals"]["amount"] != issued["totals"]["amount"]  # it did change since
    pdf = tmp_path / "v1.pdf"
    assert run("--db", db, *version_one, "--format", "pdf", "-o", str(pdf))[0] == 0
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert re.search(r"Utfärdad \d{4}-\d{2}-\d{2} av [^,]+, version 1", text), text
    code, csv_text, _ = run("--db", db, *version_one, "--format", "csv")
    assert code == 0 and "1400,00" in csv_text.replace("\u00a0", "").replace(" ", "")
    code, _, err = run("--db", db, "statement", "--month", "2026-05", "--district", "Norrmalm", "--correction",
                       "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))  # fmt: skip
    assert code == 1 and "json or pdf" in err

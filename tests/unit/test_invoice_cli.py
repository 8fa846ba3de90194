"""``coopdesk invoicing`` and ``coopdesk invoice``: settings, an invoice written, listed and written again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.ubl_validation import findings
from tests.unit.test_issued_cli import _attest, _change_and_attest_again, run


@pytest.fixture
def example_file_db(new_db) -> str:
    path = new_db("cli.db")
    code, _, err = run("--db", path, "import", str(EXAMPLE), "--no-encryption")
    assert code == 0, err
    return path


def _settings(db: str) -> None:
    code, out, err = run(
        "--db", db, "invoicing", "--set", "peppol_id=0007:8024001235", "--set", "f_tax=ja",
        "--set", "postcode=111 22", "--set", "city=Stockholm", "--set", "bankgiro=5050-1055",
        "--set", "number_prefix=F", "--set", "next_number=7",
    )  # fmt: skip
    assert code == 0, err
    assert "bankgiro = 50501055" in out
    code, _, err = run(
        "--db", db, "invoicing", "--district", "Norrmalm", "--set", "peppol_id=0007:2120000142",
        "--set", "buyer_reference=NOR1", "--set", "org_number=212000-0142",
    )  # fmt: skip
    assert code == 0, err


def test_invoice_written_listed_and_written_again_identically(example_file_db: str, tmp_path: Path) -> None:
    db = example_file_db
    _attest(db)
    target = tmp_path / "faktura.xml"
    code, _, err = run("--db", db, "invoice", "--month", "2026-05", "--district", "Norrmalm", "-o", str(target))
    assert code == 1 and "PEPPOL-EN16931-R020" in err and not target.exists()  # no settings yet
    _settings(db)
    code, out, err = run("--db", db, "invoice", "--month", "2026-05", "--district", "Norrmalm", "-o", str(target))
    assert code == 0, err
    assert "F7" in out and "1400.00" in out
    assert findings(target.read_bytes()) == []
    _change_and_attest_again(db)
    correction = tmp_path / "rättelse.xml"
    code, out, err = run(
        "--db", db, "invoice", "--month", "2026-05", "--district", "Norrmalm", "--correction", "-o", str(correction)
    )
    assert code == 0, err
    assert "F8" in out and "200.00" in out and findings(correction.read_bytes()) == []
    code, out, _ = run("--db", db, "invoice", "--list")
    assert [line.split()[0] for line in out.splitlines()] == ["F7", "F8"]
    again = tmp_path / "igen.xml"
    code, _, err = run("--db", db, "invoice", "--number", "F7", "-o", str(again))
    assert code == 0, err
    assert again.read_bytes() == target.read_bytes()
    code, _, err = run("--db", db, "invoicing", "--set", "next_number=8")
    assert code == 1 and "never used twice" in err


def test_the_logs_summary_of_a_written_invoice_says_the_amount_the_swedish_way(example_file_db: str, tmp_path) -> None:
    """The log reads in Swedish: the total the program summed is "1 400,00 kr" (ui-sv.md), not "1400.00 kr"."""
    from sqlalchemy import select

    from coopdesk.core.models import AuditEntry
    from coopdesk.storage.database import open_database

    _attest(example_file_db)
    _settings(example_file_db)
    target = str(tmp_path / "f.xml")
    code, _, err = run("--db", example_file_db, "invoice", "--month", "2026-05", "--district", "Norrmalm", "-o", target)
    assert code == 0, err
    database = open_database(example_file_db)
    try:
        with database.session() as s:
            summary = s.scalars(select(AuditEntry.summary).where(AuditEntry.entity == "invoice")).one()
    finally:
        database.close()
    assert summary is not None and summary.endswith(", 1\u00a0400,00\u00a0kr"), summary

"""coopdesk/2's part for issue 17 (core/exchange/issued_part.py) in the real ``export`` and ``import``:
invoicing details, issued versions and invoices go out and come back exactly, and a bad part is refused
whole, with its JSON path, before anything is written."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from coopdesk.app import invoices, issued
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.services import lookups
from coopdesk.storage.database import Database, open_database
from tests.conftest import TODAY
from tests.unit.test_cli import run
from tests.unit.test_einvoice import _correct, _write, billing_db  # noqa: F401  (a fixture)
from tests.unit.test_invoice_cli import _settings
from tests.unit.test_issued import ADMIN, MAY
from tests.unit.test_issued_cli import _attest, _change_and_attest_again, example_file_db  # noqa: F401


def _export(db: Database) -> dict[str, Any]:
    with db.session() as session:
        document = export_document(session, TODAY)
    return json.loads(json.dumps(document))


def _import(db: Database, document: dict[str, Any]) -> None:
    with db.session() as session:
        import_document(session, copy.deepcopy(document), actor=ADMIN, today=TODAY)


def test_the_part_goes_out_and_comes_back_the_same(billing_db: Database, new_db) -> None:  # noqa: F811
    _write(billing_db)
    _correct(billing_db)
    _write(billing_db, correction=True)
    first = _export(billing_db)
    assert [(s["district"], s["version"]) for s in first["issued_statements"] if s["district"] == "Norrmalm"] == [
        ("Norrmalm", 1),
        ("Norrmalm", 2),
    ]
    assert [i["number"] for i in first["invoices"]] == ["KOS-1001", "KOS-1002"]
    assert first["cooperative"]["invoicing"]["next_number"] == 1003
    assert [d["invoicing"] is None for d in first["districts"]] == [d["name"] != "Norrmalm" for d in first["districts"]]
    copy_db = open_database(new_db("copy.db", migrated=True))
    try:
        _import(copy_db, first)
        assert _export(copy_db) == first
        with copy_db.session() as session:  # printed again as issued, and written again identically
            version_one = issued.issued(session, "Norrmalm", MAY, 1)
            assert version_one.document == next(
                s["document"] for s in first["issued_statements"] if (s["district"], s["version"]) == ("Norrmalm", 1)
            )
            again = invoices.invoice_by_number(session, "KOS-1001")
        assert again.xml.decode("utf-8") == first["invoices"][0]["xml"]
    finally:
        copy_db.close()


def test_a_renamed_district_keeps_its_versions_through_the_file(billing_db: Database, new_db) -> None:  # noqa: F811
    _write(billing_db)
    with billing_db.session() as session:
        lookups.district_by_name(session, "Norrmalm").name = "Norrmalm City"
    first = _export(billing_db)
    [version] = [s for s in first["issued_statements"] if s["district"] == "Norrmalm City"]
    assert version["document"]["district"] == "Norrmalm"  # the name it was issued under
    copy_db = open_database(new_db("copy.db", migrated=True))
    try:
        _import(copy_db, first)
        assert _export(copy_db) == first
        with copy_db.session() as session:
            assert issued.issued(session, "Norrmalm City", MAY).version.district == "Norrmalm"
    finally:
        copy_db.close()


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["invoices"][0].update(kind="receipt"), r"invoices\[0\]\.kind"),
        (lambda d: d["cooperative"]["invoicing"].update(bankgiro="12"), r"cooperative\.invoicing\.bankgiro"),
        (lambda d: d["cooperative"]["invoicing"].update(next_number=1001), r"cooperative\.invoicing\.next_number"),
        (lambda d: d["cooperative"]["invoicing"].update(f_tax="ja"), r"cooperative\.invoicing\.f_tax"),
        # found by the import fuzz on PostgreSQL: a number the database's integer cannot hold
        (lambda d: d["cooperative"]["invoicing"].update(next_number=10**30), r"cooperative\.invoicing\.next_number"),
        (lambda d: d["invoices"][0].update(statement_version=2**31), r"invoices\[0\]\.statement_version"),
        (lambda d: d["cooperative"].update(invoicing=None), r"cooperative\.invoicing"),
        (lambda d: d["districts"][0]["invoicing"].update(peppol_id="0007:1"), r"districts\[0\]\.invoicing\.peppol_id"),
        (lambda d: d["invoices"][0].update(statement_version=7), r"invoices\[0\]\.statement_version"),
        (lambda d: d["invoices"].append(dict(d["invoices"][0])), r"invoices\[1\]\.number"),
        (lambda d: d["issued_statements"].append(dict(d["issued_statements"][0])), r"statements\[\d+\]\.version"),
        (lambda d: d["issued_statements"][0].update(month="2026-5"), r"issued_statements\[0\]\.month"),
        (lambda d: d["issued_statements"][0]["snapshot"].update(district="X"), r"issued_statements\[0\]\.snapshot"),
        (lambda d: d["issued_statements"][0].update(district="Kungsholmen"), r"issued_statements\[0\]\.district"),
        (lambda d: d["issued_statements"][0].update(colour="red"), r"issued_statements\[0\]\.colour"),
    ],
)
def test_a_bad_part_is_refused_with_its_path_and_nothing_written(
    billing_db: Database,  # noqa: F811
    new_db,
    change: Any,
    path: str,
) -> None:
    _write(billing_db)
    document = _export(billing_db)
    assert document["districts"][0]["name"] == "Norrmalm"
    change(document)
    copy_db = open_database(new_db("copy.db", migrated=True))
    try:
        with pytest.raises(ValidationError, match=path):
            _import(copy_db, document)
        with copy_db.session() as session:
            assert lookups.districts(session) == []
    finally:
        copy_db.close()


def test_a_version_1_document_knows_none_of_these_keys(billing_db: Database, new_db) -> None:  # noqa: F811
    document = _export(billing_db)
    document["format"] = "coopdesk/1"
    for key in ("employees", "issued_statements", "invoices", "care_plans", "journal", "deviations"):
        document.pop(key, None)  # the social documentation's keys: another part of coopdesk/2
    for district in document["districts"]:
        district.pop("invoicing")
        for placement in (p for m in document["members"] for p in m["placements"]):
            placement.pop("end_reason", None)
    copy_db = open_database(new_db("copy.db", migrated=True))
    try:
        with pytest.raises(ValidationError, match=r"cooperative\.invoicing"):
            _import(copy_db, document)
    finally:
        copy_db.close()


def test_the_cli_round_trip_carries_issued_versions_and_invoices(
    example_file_db: str,  # noqa: F811
    tmp_path: Path,
    new_db,
) -> None:
    """export → import into a new database → export gives the same document, issued versions and invoices
    included; the copy prints the issued version and writes the invoice again byte for byte."""
    db = example_file_db
    _attest(db)
    _settings(db)
    invoice = tmp_path / "faktura.xml"
    assert run("--db", db, "invoice", "--month", "2026-05", "--district", "Norrmalm", "-o", str(invoice))[0] == 0
    _change_and_attest_again(db)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run("--db", db, "export", "-o", str(first))[0] == 0
    document = json.loads(first.read_text(encoding="utf-8"))
    assert len(document["issued_statements"]) == 2 * len(document["districts"])
    assert [i["number"] for i in document["invoices"]] == ["F7"]
    assert document["cooperative"]["invoicing"]["next_number"] == 8
    copy = new_db("copy.db")
    code, _, err = run("--db", copy, "import", str(first), "--no-encryption")
    assert code == 0, err
    assert run("--db", copy, "export", "-o", str(second))[0] == 0
    assert json.loads(second.read_text(encoding="utf-8")) == document
    statement = ("statement", "--month", "2026-05", "--district", "Norrmalm", "--issued", "--version", "1")
    assert run("--db", copy, *statement)[1] == run("--db", db, *statement)[1] != ""
    again = tmp_path / "igen.xml"
    assert run("--db", copy, "invoice", "--number", "F7", "-o", str(again))[0] == 0
    assert again.read_bytes() == invoice.read_bytes()


def test_a_cli_import_with_a_bad_part_is_refused(example_file_db: str, tmp_path: Path, new_db) -> None:  # noqa: F811
    db = example_file_db
    _attest(db)
    exported = tmp_path / "a.json"
    assert run("--db", db, "export", "-o", str(exported))[0] == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["issued_statements"][-1]["version"] = 0
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    code, _, err = run("--db", new_db("copy.db"), "import", str(exported), "--no-encryption")
    assert code == 1 and f"issued_statements[{len(document['issued_statements']) - 1}].version" in err

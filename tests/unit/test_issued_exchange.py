"""coopdesk/2's part for issue 17 (core/exchange/issued_part.py): invoicing details, issued versions and
invoices go out and come back exactly, and a bad part is refused with its JSON path."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from coopdesk.app import invoices, issued
from coopdesk.core.errors import ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import import_document
from coopdesk.core.exchange.issued_part import export_part, import_part
from coopdesk.storage.database import Database, open_database
from tests.conftest import TODAY
from tests.unit.test_einvoice import _correct, _write, billing_db  # noqa: F401  (a fixture)
from tests.unit.test_issued import ADMIN, MAY


def _export(db: Database) -> dict[str, Any]:
    with db.session() as session:
        document = export_document(session, TODAY)
        export_part(session, document)
    return json.loads(json.dumps(document))


def _import(db: Database, document: dict[str, Any]) -> None:
    base = copy.deepcopy(document)
    base.pop("issued_statements")
    base.pop("invoices")
    base["cooperative"].pop("invoicing", None)
    for district in base["districts"]:
        district.pop("invoicing", None)
    with db.session() as session:
        import_document(session, base, actor=ADMIN, today=TODAY)
        import_part(session, document)


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


def test_a_bad_part_is_refused_with_its_path(billing_db: Database, new_db) -> None:  # noqa: F811
    _write(billing_db)
    document = _export(billing_db)
    document["invoices"][0]["kind"] = "receipt"
    document["cooperative"]["invoicing"]["bankgiro"] = "12"
    copy_db = open_database(new_db("copy.db", migrated=True))
    try:
        with pytest.raises(ValidationError, match=r"invoices\[0\]\.kind"):
            _import(copy_db, document)
        document["invoices"][0]["kind"] = "invoice"
        with pytest.raises(ValidationError, match=r"cooperative\.invoicing\.bankgiro"):
            _import(copy_db, document)
    finally:
        copy_db.close()

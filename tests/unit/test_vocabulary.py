"""The words for statuses and activities: every one has both languages, and they live in one module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coopdesk.core import audit_text
from coopdesk.core.models import ACTIVITIES, STATUSES
from coopdesk.core.vocabulary import (
    ACTIVITY_LABELS,
    STATUS_LABELS,
    UNREGISTERED,
    activity_label,
    status_label,
)

PACKAGE = Path(__file__).resolve().parents[2] / "coopdesk"


def test_every_status_and_activity_has_words_in_both_languages() -> None:
    assert set(STATUS_LABELS) == set(STATUSES)
    assert set(ACTIVITY_LABELS) == set(ACTIVITIES)
    for label in [*STATUS_LABELS.values(), *ACTIVITY_LABELS.values(), UNREGISTERED]:
        assert label.sv.strip() and label.en.strip(), label
        assert label.sv[0].isupper() and label.en[0].isupper(), label  # labels; sentences lower-case them


def test_words_as_the_interface_shows_them() -> None:
    assert status_label("absent_notified") == "Anmäld frånvaro"
    assert status_label("absent_notified", "en") == "Notified absence"
    assert status_label(None, "en") == "Unregistered"
    assert activity_label("vacation", "en") == "Annual leave"
    assert audit_text.STATUS["absent_unnotified"] == ("oanmäld frånvaro", "unnotified absence")
    assert audit_text.ACTIVITY["vacation"] == ("semester", "vacation")


def _label_tables(path: Path) -> list[int]:
    """Lines of dict literals keyed by every status or every activity: a second copy of the words."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            words = all(isinstance(v, ast.Constant) and isinstance(v.value, str) for v in node.values)
            if words and (keys >= set(STATUSES) or keys >= set(ACTIVITIES)):
                found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_other_module_defines_the_words(path: Path) -> None:
    if path.name == "vocabulary.py":
        return
    tables = _label_tables(path)
    if path.relative_to(PACKAGE).as_posix() == "ui/formats.py":
        # The one-letter keyboard codes (N, S, A, O, L) are keys, not words.
        tables = [line for line in tables if "STATUS_CODES" in path.read_text().splitlines()[line - 1]]
        assert len(tables) == 1
        return
    assert tables == [], f"{path}: a table of status or activity words; use coopdesk.core.vocabulary"

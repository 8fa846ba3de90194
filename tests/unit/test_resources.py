"""Every file the program reads from its resources exists where ``paths.resource`` finds it (issue 14.6).

The files ship inside the package (coopdesk/resources) and are read only through
``coopdesk.storage.paths.resource``; the names are found in the source itself, so a new font, icon or
translation that is named but not shipped fails here. That the same files reach an installed wheel and
sdist is checked by ``make dist-check`` (scripts/dist-check.sh), which runs the self-test from each.
"""

from __future__ import annotations

import ast
import tomllib
from fnmatch import fnmatch
from pathlib import Path

from coopdesk.storage import paths

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "coopdesk"


def resource_calls() -> tuple[set[tuple[str, ...]], list[str]]:
    """The arguments of every ``resource(...)`` / ``paths.resource(...)`` call under coopdesk/: the
    all-literal ones, and where the others are (a name computed at run time cannot be checked here)."""
    literal: set[tuple[str, ...]] = set()
    computed: list[str] = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name != "resource":
                continue
            if all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                literal.add(tuple(a.value for a in node.args))  # type: ignore[attr-defined]
            else:
                computed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return literal, computed


def test_the_resources_are_inside_the_package() -> None:
    assert paths.resource() == PACKAGE / "resources"
    assert not (ROOT / "resources").exists()  # one place only: the old top-level folder is gone


def test_every_resource_the_code_names_exists() -> None:
    named, _computed = resource_calls()
    # the scan sees the program's own readers (fonts for every PDF, the English translation, the icon)
    assert {
        ("fonts", "DejaVuSans.ttf"),
        ("fonts", "DejaVuSans-Bold.ttf"),
        ("translations", "coopdesk_en.qm"),
        ("icons", "coopdesk-256.png"),
        ("help", "sv"),
    } <= named
    missing = sorted("/".join(parts) for parts in named if not paths.resource(*parts).exists())
    assert not missing, f"named in the code but not in coopdesk/resources: {missing} (the .qm: make builds it)"


def test_the_only_computed_resource_name_is_the_guides_language() -> None:
    _named, computed = resource_calls()
    assert [where.split(":")[0] for where in computed] == ["coopdesk/ui/help.py"]
    assert paths.resource("help", "sv", "index.html").is_file()


def test_the_package_data_takes_every_shipped_file_into_the_wheel() -> None:
    # setuptools copies only what matches package-data: a file in resources/ that no pattern matches
    # would be missing from the wheel (and the self-test from the wheel would not name it).
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["coopdesk"]
    shipped = [p.relative_to(PACKAGE).as_posix() for p in paths.resource().rglob("*") if p.is_file()]
    assert len(shipped) > 25
    left_out = [name for name in shipped if not any(fnmatch(name, pattern) for pattern in patterns)]
    assert left_out == []

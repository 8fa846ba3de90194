"""The project's name, version and description, read from pyproject.toml (and the file it names).

The PyInstaller spec, the build script and the Windows installer take them from here, so a release
changes the version in one place: ``coopdesk/__init__.py``, which pyproject.toml names as the source of
its dynamic version (``[tool.setuptools.dynamic] version = { attr = ... }``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def name() -> str:
    return _pyproject()["project"]["name"]


def description() -> str:
    return _pyproject()["project"]["description"]


def version() -> str:
    data = _pyproject()
    if "version" in data["project"]:
        return data["project"]["version"]
    attr = data["tool"]["setuptools"]["dynamic"]["version"]["attr"]  # e.g. "coopdesk.__version__"
    module, _, variable = attr.rpartition(".")
    source = ROOT.joinpath(*module.split("."))
    source = source / "__init__.py" if source.is_dir() else source.with_suffix(".py")
    found = re.search(rf"^{re.escape(variable)}\s*=\s*[\"']([^\"']+)[\"']", source.read_text("utf-8"), re.MULTILINE)
    if not found:
        raise SystemExit(f"no {variable} = '…' in {source}")
    return found.group(1)


def numeric_version() -> tuple[int, int, int, int]:
    """The version as four numbers, as Windows version resources want it ("0.1.0rc1" gives 0.1.0.0)."""
    numbers = [int(part) for part in re.findall(r"\d+", version().split("+")[0])[:3]]
    return (*numbers, *[0] * (4 - len(numbers)))  # type: ignore[return-value]


if __name__ == "__main__":
    print(name(), version())

"""The wheel build compiles the interface's translations (the .qm files are built, not committed).

Everything else is in pyproject.toml. ``build_py`` copies the package and its data into the build
folder; here it also compiles each ``coopdesk/resources/translations/*.ts`` to a ``.qm`` beside it with
Qt's lrelease, which PySide6-Essentials (a build requirement) ships. Without it a wheel installs a
program with no English (``coopdesk --selftest`` says so).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

TRANSLATIONS = Path("coopdesk", "resources", "translations")


def lrelease() -> str:
    """PySide6's own lrelease binary: the pyside6-lrelease script may not be on PATH in an isolated build."""
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    tool = Path(PySide6.__file__).resolve().parent / name
    if not tool.is_file():
        raise SystemExit(f"{tool} not found: PySide6-Essentials is needed to build coopdesk")
    return str(tool)


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        # An editable install reads the source tree, where `make` (scripts/translations.py) builds the .qm.
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / TRANSLATIONS
        target.mkdir(parents=True, exist_ok=True)
        sources = sorted(TRANSLATIONS.glob("*.ts"))
        if not sources:
            raise SystemExit(f"no .ts files in {TRANSLATIONS}: the translations are missing from the source")
        for ts in sources:
            qm = target / ts.with_suffix(".qm").name
            subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)


setup(cmdclass={"build_py": BuildWithTranslations})

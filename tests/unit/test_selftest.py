"""``coopdesk --selftest`` (coopdesk/selftest.py), which the installer build runs on the frozen bundle,
and the project metadata the PyInstaller spec and the installers read (installer/project.py)."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk import __version__
from coopdesk.selftest import CheckFailed, SelfTest, require

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_selftest_passes_from_source_and_says_what_it_checked(tmp_path) -> None:
    # A process of its own: the self-test makes its own QApplication, log handlers and settings path.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", "COOPDESK_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "coopdesk", "--selftest"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line for line in result.stdout.splitlines() if line.startswith(("✓", "✗"))]
    names = [re.match(r"[✓✗] ([^:]+):", line).group(1) for line in checks]  # type: ignore[union-attr]
    assert names == [
        "resources",
        "encrypted database",
        "import",
        "statement",
        "statement PDF",
        "Qt and translations",
        "PDF preview",
        "main window",
    ]
    assert all(line.startswith("✓") for line in checks)
    assert "self-test passed: 8 of 8 checks held" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written to the data folder it was given


def test_a_failed_check_fails_the_run_and_skips_the_rest(tmp_path) -> None:
    out = io.StringIO()
    test = SelfTest(out, tmp_path)
    test.check("first", lambda: "fine")
    test.check("second", lambda: require(False, "the file is not encrypted"))  # type: ignore[arg-type, func-returns-value]
    test.check("third", lambda: "never run")
    assert test.results == [True, False, False]
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("✓ first: fine")
    assert lines[1].startswith("✗ second: the file is not encrypted")
    assert lines[2] == "✗ third: not run (an earlier check failed)"


def test_an_unexpected_error_is_a_failed_check_not_a_crash(tmp_path) -> None:
    out = io.StringIO()
    test = SelfTest(out, tmp_path)
    test.check("boom", lambda: str(1 / 0))
    assert test.results == [False]
    assert "✗ boom: ZeroDivisionError" in out.getvalue()
    with pytest.raises(CheckFailed):
        require(0, "zero")


def test_marks_fall_back_to_words_where_the_console_cannot_print_them(tmp_path) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    test = SelfTest(out, tmp_path)
    test.check("ok", lambda: "Självtest × 2")
    out.flush()
    assert out.buffer.getvalue().decode("cp1252").startswith("OK   ok: Självtest × 2")  # type: ignore[attr-defined]


def _installer_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "installer" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_the_installers_read_name_and_version_from_the_project() -> None:
    project = _installer_module("project")
    assert project.name() == "coopdesk"
    assert project.version() == __version__
    assert project.numeric_version()[:3] == tuple(int(n) for n in re.findall(r"\d+", __version__)[:3])
    metainfo = (ROOT / "installer" / "linux" / "io.github.coopdesk.Coopdesk.metainfo.xml").read_text("utf-8")
    assert f'<release version="{__version__}"' in metainfo  # a release bumps it too (build.py checks)


def test_the_generated_icons_are_committed() -> None:
    assert _installer_module("make_icons").main(["--check"]) == 0

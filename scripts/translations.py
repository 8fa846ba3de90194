"""Keep the interface's translations up to date and build them.

    python scripts/translations.py update   # the Swedish source strings into coopdesk/resources/translations/*.ts
    python scripts/translations.py build    # compile the .ts files to .qm (run by make; .qm are not committed)
    python scripts/translations.py check    # fail if a string lacks its English translation

The program's source language is Swedish; coopdesk_en.ts holds the English translations.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "coopdesk" / "resources" / "translations"
LANGUAGES = {"en": "en_GB"}


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(local) if local.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found: install PySide6-Essentials")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "coopdesk" / "ui").rglob("*.py"))


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for code, locale in LANGUAGES.items():
        ts = TS_DIR / f"coopdesk_{code}.ts"
        subprocess.run(
            [
                _tool("lupdate"),
                *sources(),
                "-source-language",
                "sv_SE",
                "-target-language",
                locale,
                "-no-obsolete",
                "-locations",
                "none",
                "-ts",
                str(ts.relative_to(ROOT)),
            ],
            cwd=ROOT,
            check=True,
        )


def build() -> None:
    for ts in sorted(TS_DIR.glob("*.ts")):
        subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


def unfinished() -> dict[str, list[str]]:
    missing: dict[str, list[str]] = {}
    for ts in sorted(TS_DIR.glob("*.ts")):
        for message in ET.parse(ts).getroot().iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not (translation.text or "").strip()
            ):
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.setdefault(ts.name, []).append(message.findtext("source") or "")
    return missing


def check() -> int:
    missing = unfinished()
    for name, texts in missing.items():
        print(f"{name}: {len(texts)} untranslated", *texts[:20], sep="\n  ")
    return 1 if missing else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "build"
    if command == "update":
        update()
    elif command == "build":
        build()
    elif command == "check":
        raise SystemExit(check())
    else:
        raise SystemExit(__doc__)

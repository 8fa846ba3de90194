"""Render the application icon from its SVG source: PNGs in the usual sizes and a Windows ICO.

    python installer/make_icons.py          # writes coopdesk/resources/icons/coopdesk-<N>.png and coopdesk.ico
    python installer/make_icons.py --check  # exit 1 if a generated file is missing

The SVG (coopdesk/resources/icons/coopdesk.svg) is the only source; the generated files are committed so that
the app shows its icon from a source checkout too. Qt's SVG renderer draws each size on its own (a
16 px icon is not a blurred 512 px one); Pillow writes the ICO, because Qt's ICO writer keeps one
image per file and Windows wants several sizes in one.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "coopdesk" / "resources" / "icons"
SOURCE = ICONS / "coopdesk.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"coopdesk-{size}.png"


def outputs() -> list[Path]:
    return [*(png_path(size) for size in PNG_SIZES), ICONS / "coopdesk.ico"]


def render(size: int) -> bytes:
    """The icon at ``size`` × ``size`` pixels as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_all() -> None:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES)):
        data = render(size)
        images[size] = Image.open(io.BytesIO(data))
        if size in PNG_SIZES:
            png_path(size).write_bytes(data)
            print(f"wrote {png_path(size).relative_to(ROOT)}")
    largest = images[max(ICO_SIZES)]
    ico = ICONS / "coopdesk.ico"
    # append_images: each size drawn by the SVG renderer, not downscaled by Pillow.
    largest.save(
        ico,
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    print(f"wrote {ico.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the generated files exist")
    args = parser.parse_args(argv)
    if args.check:
        missing = [path for path in outputs() if not path.exists()]
        for path in missing:
            print(f"missing: {path.relative_to(ROOT)} (run python installer/make_icons.py)", file=sys.stderr)
        return 1 if missing else 0
    write_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

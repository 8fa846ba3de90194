"""The desktop app (PySide6 widgets). The only package that imports Qt."""

from coopdesk.ui import pyside_fix

pyside_fix.apply()

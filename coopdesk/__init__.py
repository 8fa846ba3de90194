"""coopdesk: attendance and monthly statements for a Swedish social work cooperative."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("coopdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+src"

"""One desktop app per user and database: a second launch brings the first window forward.

The instance lock (storage/instance_lock.py) decides who runs; a per-user QLocalServer named after
the database lets the second launch ask the first to show itself (after Vorta's
qt_single_application.py). If the first cannot be reached, the second says clearly that coopdesk
is already running.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from coopdesk.app.places import InstanceLock

MESSAGE = b"show\n"


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(f"{getpass.getuser()}:{db_path.resolve()}".encode()).hexdigest()[:16]
    return f"coopdesk-{digest}"


class SingleInstance(QObject):
    """Holds the lock and answers later launches; ``show_requested`` asks the window to come forward."""

    show_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self.lock = InstanceLock(db_path)
        self.server: QLocalServer | None = None

    def start(self) -> bool:
        """True if this is the first instance (it then listens); False if another one runs."""
        if not self.lock.acquire():
            return False
        QLocalServer.removeServer(self.name)  # a socket left behind by a crashed instance
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)
        self.server.listen(self.name)
        return True

    def _connection(self) -> None:
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.waitForReadyRead(500)
        if socket.readAll().data().startswith(MESSAGE.strip()):
            self.show_requested.emit()
        socket.disconnectFromServer()

    def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.release()


def ask_first_instance_to_show(db_path: Path, timeout_ms: int = 1000) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(MESSAGE)
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True

"""Password hashes: scrypt (memory-hard, in the standard library), never the password itself.

A hash is stored as ``scrypt$N$r$p$salt$hash`` (base64), so its cost travels with it: raising the
cost later does not lock anyone out, and a hash made cheaply in the test suite verifies the same way.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from coopdesk.core.errors import ValidationError

# About 32 MiB and 0.1 s per hash on an office PC: slow for a guesser, unnoticed at a login.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_LENGTH = 8


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=128 * 1024 * 1024, dklen=32)


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P
    digest = _scrypt(password, salt, n, r, p)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        computed = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def check_new_password(password: str, login: str) -> None:
    """The few rules a new password must follow; the message says which one it broke."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            "password",
            "•" * len(password),
            f"Lösenordet måste ha minst {MIN_LENGTH} tecken.",
            f"The password must have at least {MIN_LENGTH} characters.",
        )
    if password.strip().casefold() == login.strip().casefold():
        raise ValidationError(
            "password",
            "•" * len(password),
            "Lösenordet får inte vara samma som användarnamnet.",
            "The password must not be the same as the login name.",
        )
    if password != password.strip():
        raise ValidationError(
            "password",
            "•" * len(password),
            "Lösenordet får inte börja eller sluta med mellanslag.",
            "The password must not begin or end with a space.",
        )


# --- slowing down repeated wrong passwords (the login dialog, the idle lock and the command line) --------

BACKOFF_CAP_SECONDS = 30
BACKOFF_WINDOW = 15 * 60  # failures older than this (seconds) no longer slow anyone down


def backoff_seconds(failures: int) -> int:
    """The wait before the next attempt after ``failures`` wrong passwords in a row: 0, 1, 2, 4 … 30 s."""
    return 0 if failures <= 0 else min(2 ** min(failures - 1, 10), BACKOFF_CAP_SECONDS)


class Backoff:
    """A growing wait after each wrong password: 1 s, 2 s, 4 s … at most 30 s."""

    CAP_SECONDS = BACKOFF_CAP_SECONDS

    def __init__(self) -> None:
        self.failures = 0

    def failed(self) -> int:
        self.failures += 1
        return backoff_seconds(self.failures)

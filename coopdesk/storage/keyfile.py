"""The keys file beside an encrypted database: its random key, wrapped once per user and once for recovery.

The database is encrypted (SQLCipher) with a random 256-bit key that nobody types. That key is kept in
``<database file>.keys`` (JSON, owner-only, written atomically), wrapped with AES-256-GCM under a
key-encryption key derived with scrypt: once per user from that user's password, and once from the
recovery key that is printed once at setup for the administrator to keep. Changing a password rewraps
only that user's entry; the database itself is never re-encrypted. The associated data of every entry
binds it to its login and to the database's id, so an entry copied to another login, or from another
database's keys file, does not open.

The file holds no personal data and no usable key: without a password or the recovery key it is just
random bytes. It must travel with the database and its backups (``backup.py`` copies it).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import secrets
import unicodedata
from pathlib import Path
from typing import Any

from coopdesk.core.errors import CoopdeskError, StorageError
from coopdesk.core.input_files import read_limited

FORMAT = "coopdesk-keys/1"
KEYS_SUFFIX = ".keys"
KEY_BYTES = 32  # the database key: AES-256 (SQLCipher)
RECOVERY_BYTES = 16  # 128 random bits
# scrypt parameters for new entries (read when a key is wrapped; tests make N cheaper). Unwrapping uses
# the parameters stored with the entry, so they can be raised later without breaking older entries.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
# Stored parameters are refused beyond these (a keys file must not make coopdesk use gigabytes).
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
MAX_KEYS_BYTES = 1024 * 1024  # a few kilobytes per user: a keys file larger than this is no keys file
_MAX_FAILED = 200  # failed logins kept until the next successful one (a cap: anyone may type anything)
_RECOVERY_LOGIN = "\x00recovery"  # cannot be a login: logins are text without control characters

# Crockford's base32: digits and capitals without I, L, O and U, so a key copied from paper is unambiguous.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPED_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_CHECK_BITS = 12  # 128 key bits + 12 check bits = 140 bits = 28 characters = 7 groups of 4


class WrongPasswordError(CoopdeskError):
    """The login and password do not open the database key (which of the two is not said)."""

    def __init__(self) -> None:
        super().__init__("Fel användarnamn eller lösenord.", "Wrong user name or password.")


class WrongRecoveryKeyError(CoopdeskError):
    """The recovery key is mistyped, or belongs to another database."""


class MissingKeyFileError(StorageError):
    """An encrypted database (or backup) has no keys file beside it."""

    def __init__(self, db_path: Path) -> None:
        where = key_file_path(db_path)
        super().__init__(
            f"Databasen {db_path} är krypterad, men nyckelfilen {where} saknas. Utan den kan ingen logga in. "
            f"Lägg tillbaka nyckelfilen: kopiera .keys-filen som ligger bredvid en säkerhetskopia av samma "
            f"databas till {where}, eller använd återställningsnyckeln.",
            f"The database {db_path} is encrypted, but its keys file {where} is missing. Without it nobody can "
            f"log in. Put it back: copy the .keys file beside a backup of the same database to {where}, or use "
            "the recovery key.",
        )
        self.db_path = db_path
        self.key_file = where


class DamagedKeyFileError(StorageError):
    """The keys file cannot be read: not JSON, an unknown format, or missing fields."""


def key_file_path(db_path: Path) -> Path:
    """``coopdesk.db`` → ``coopdesk.db.keys`` (the same rule for a database and for a backup)."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + KEYS_SUFFIX)


def new_database_key() -> bytes:
    """A new random database key (32 bytes)."""
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_key() -> str:
    """A new recovery key to print once: 7 groups of 4 characters, e.g. ``K7Q2-M9XD-…``."""
    return _format_recovery(secrets.token_bytes(RECOVERY_BYTES))


def _check(raw: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"coopdesk-recovery" + raw).digest()[:2], "big") >> (16 - _CHECK_BITS)


def _format_recovery(raw: bytes) -> str:
    number = (int.from_bytes(raw, "big") << _CHECK_BITS) | _check(raw)
    chars = [_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(28))]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, 28, 4))


def parse_recovery_key(typed: str) -> bytes:
    """The 16 bytes of a recovery key as typed back: lower case, spaces and missing dashes are fine.

    A typing mistake is found by the check characters (at once, before any slow key derivation).
    """
    cleaned = "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in "-–—_.").translate(_TYPED_ALIASES)
    if len(cleaned) != 28 or any(ch not in _ALPHABET for ch in cleaned):
        raise WrongRecoveryKeyError(
            "Återställningsnyckeln ska vara 28 tecken (7 grupper om 4, till exempel K7Q2-M9XD-…). "
            "Kontrollera att du skrivit av den rätt.",
            "The recovery key has 28 characters (7 groups of 4, e.g. K7Q2-M9XD-…). Check that it is copied correctly.",
        )
    number = 0
    for ch in cleaned:
        number = (number << 5) | _ALPHABET.index(ch)
    raw = (number >> _CHECK_BITS).to_bytes(RECOVERY_BYTES, "big")
    if number & ((1 << _CHECK_BITS) - 1) != _check(raw):
        raise WrongRecoveryKeyError(
            "Återställningsnyckeln är felskriven (kontrolltecknen stämmer inte). Kontrollera varje tecken.",
            "The recovery key is mistyped (its check characters do not match). Check every character.",
        )
    return raw


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


def _password_bytes(password: str) -> bytes:
    # NFC: "å" typed as one character or as a + ring (some keyboards, macOS) is the same password.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _kek(secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    maxmem = max(SCRYPT_MAXMEM, 2 * 128 * n * r * p)
    return hashlib.scrypt(secret, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=32)


class KeyFile:
    """The wrapped copies of one database's key. Changes are kept in memory until :meth:`save`."""

    def __init__(
        self,
        path: Path,
        database_id: str,
        users: dict[str, dict[str, Any]],
        recovery: dict[str, Any],
        *,
        demo: bool = False,
        failed_logins: list[tuple[str, str]] | None = None,
    ) -> None:
        self.path = Path(path)
        self.database_id = database_id
        self.demo = demo  # a demo database (invented people; the login dialog may show its accounts)
        self.unfinished = False  # written by 'coopdesk encrypt' until it has finished (a killed one is resumed)
        self._users = users
        self._recovery = recovery
        self._failed: list[tuple[str, str]] = list(failed_logins or [])

    # --- files -------------------------------------------------------------------------------------

    @classmethod
    def load(cls, db_path: Path) -> KeyFile | None:
        """The keys file beside ``db_path``, or None when there is none."""
        return cls._read(key_file_path(db_path))

    @classmethod
    def _read(cls, path: Path) -> KeyFile | None:
        try:
            data = read_limited(path, MAX_KEYS_BYTES, "Nyckelfilen", "The keys file")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError(
                f"Nyckelfilen {path} kan inte läsas: {exc.strerror}.",
                f"The keys file {path} cannot be read: {exc.strerror}.",
            ) from exc
        return cls.from_bytes(path, data)

    @classmethod
    def require(cls, db_path: Path) -> KeyFile:
        """The keys file beside ``db_path``; :class:`MissingKeyFileError` when there is none."""
        found = cls.load(db_path)
        if found is None:
            raise MissingKeyFileError(Path(db_path))
        return found

    @classmethod
    def from_bytes(cls, path: Path, data: bytes) -> KeyFile:
        try:
            document = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
            if not isinstance(document, dict) or document.get("format") != FORMAT:
                raise ValueError("unknown format")
            database_id = document["database_id"]
            users = document["users"]
            recovery = document["recovery"]
            demo = document.get("demo", False)
            unfinished = document.get("unfinished_encrypt", False)
            failed = [(str(login), str(at)) for login, at in document.get("failed_logins", [])]
            if not isinstance(database_id, str) or not isinstance(users, dict) or not isinstance(demo, bool):
                raise ValueError("bad fields")
            if not isinstance(unfinished, bool):
                raise ValueError("bad fields")
            for entry in [*users.values(), recovery]:
                _check_entry(entry)
        except RecursionError:  # nested thousands deep: no keys file coopdesk wrote
            raise DamagedKeyFileError(
                f"Nyckelfilen {path} är skadad eller ingen coopdesk-nyckelfil (för djupt nästlad). Lägg tillbaka "
                "en hel kopia: .keys-filen bredvid en säkerhetskopia av samma databas.",
                f"The keys file {path} is damaged or not a coopdesk keys file (nested too deeply). Put back a "
                "sound copy: the .keys file beside a backup of the same database.",
            ) from None
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as exc:
            raise DamagedKeyFileError(
                f"Nyckelfilen {path} är skadad eller ingen coopdesk-nyckelfil ({exc}). Lägg tillbaka en hel "
                "kopia: .keys-filen bredvid en säkerhetskopia av samma databas.",
                f"The keys file {path} is damaged or not a coopdesk keys file ({exc}). Put back a sound copy: "
                "the .keys file beside a backup of the same database.",
            ) from exc
        loaded = cls(path, database_id, dict(users), recovery, demo=demo, failed_logins=failed)
        loaded.unfinished = unfinished
        return loaded

    @classmethod
    def create(cls, db_path: Path, key: bytes, recovery_key: str) -> KeyFile:
        """A new keys file for ``db_path`` holding ``key`` wrapped with ``recovery_key`` (not saved yet).

        Add the users with :meth:`wrap_for`, then :meth:`save`. Saving refuses to replace the keys file
        of another database.
        """
        _check_key(key)
        created = cls(key_file_path(db_path), secrets.token_hex(16), {}, {})
        created._recovery = created._wrap(_RECOVERY_LOGIN, parse_recovery_key(recovery_key), key)
        return created

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "database_id": self.database_id,
            "users": {login: self._users[login] for login in sorted(self._users)},
            "recovery": self._recovery,
        }
        if self.demo:
            document["demo"] = True
        if self.unfinished:
            document["unfinished_encrypt"] = True
        if self._failed:
            document["failed_logins"] = [list(item) for item in self._failed]
        return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def save(self) -> None:
        """Write the keys file atomically, owner-only (never over another database's keys file)."""
        from coopdesk.storage.files import write_atomic

        existing = KeyFile._read(self.path)
        if existing is not None and existing.database_id != self.database_id:
            raise StorageError(
                f"Nyckelfilen {self.path} hör till en annan databas och skrivs inte över.",
                f"The keys file {self.path} belongs to another database and is not overwritten.",
            )
        write_atomic(self.path, self.to_bytes())

    def copy_to(self, db_path: Path) -> Path:
        """Write this keys file beside another file (a backup, a restored database); returns its path."""
        from coopdesk.storage.files import write_atomic

        target = key_file_path(db_path)
        write_atomic(target, self.to_bytes())
        return target

    # --- users -------------------------------------------------------------------------------------

    def logins(self) -> list[str]:
        return sorted(self._users)

    def wrap_for(self, login: str, password: str, key: bytes) -> None:
        """Give ``login`` a copy of ``key`` opened by ``password`` (new user, or a changed password).

        Only that login's entry changes; the others stay byte for byte as they were.
        """
        _check_key(key)
        if not login or any(unicodedata.category(ch).startswith("C") for ch in login):
            raise ValueError(f"not a login: {login!r}")
        self._users[login] = self._wrap(login, _password_bytes(password), key)

    def unwrap_for(self, login: str, password: str) -> bytes:
        """The database key, opened with ``login``'s password; :class:`WrongPasswordError` otherwise."""
        entry = self._users.get(login)
        if entry is None:
            # The same slow derivation as for a real entry: the time taken does not tell whether the login exists.
            _kek(_password_bytes(password), b"\0" * 16, SCRYPT_N, SCRYPT_R, SCRYPT_P)
            raise WrongPasswordError()
        key = self._unwrap(login, _password_bytes(password), entry)
        if key is None:
            raise WrongPasswordError()
        return key

    def unwrap_with_recovery(self, recovery_key: str) -> bytes:
        """The database key, opened with the recovery key; :class:`WrongRecoveryKeyError` otherwise."""
        key = self._unwrap(_RECOVERY_LOGIN, parse_recovery_key(recovery_key), self._recovery)
        if key is None:
            raise WrongRecoveryKeyError(
                "Återställningsnyckeln hör inte till den här databasen.",
                "The recovery key does not belong to this database.",
            )
        return key

    def remove(self, login: str) -> None:
        """Take away ``login``'s copy (a removed user). See docs/data-safety.md for what this cannot undo."""
        self._users.pop(login, None)

    def set_recovery(self, recovery_key: str, key: bytes) -> None:
        """Replace the recovery copy (a new recovery key printed; the old one stops working here)."""
        _check_key(key)
        self._recovery = self._wrap(_RECOVERY_LOGIN, parse_recovery_key(recovery_key), key)

    # --- failed logins ------------------------------------------------------------------------------

    def note_failed_login(self, login: str, at: dt.datetime) -> None:
        """Keep a failed login (the database cannot be opened to log it) until :meth:`take_failed_logins`."""
        self._failed = [*self._failed, (login[:100], at.isoformat(timespec="seconds"))][-_MAX_FAILED:]
        self.save()

    def take_failed_logins(self) -> list[tuple[str, dt.datetime]]:
        """The failed logins kept since the last call (cleared from the file), oldest first."""
        if not self._failed:
            return []
        taken = []
        for login, at in self._failed:
            try:
                taken.append((login, dt.datetime.fromisoformat(at)))
            except ValueError:
                continue
        self._failed = []
        self.save()
        return taken

    # --- wrapping ----------------------------------------------------------------------------------

    def _associated_data(self, login: str) -> bytes:
        return json.dumps([FORMAT, self.database_id, login], ensure_ascii=False).encode("utf-8")

    def _wrap(self, login: str, secret: bytes, key: bytes) -> dict[str, Any]:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        n, r, p = SCRYPT_N, SCRYPT_R, SCRYPT_P
        wrapped = AESGCM(_kek(secret, salt, n, r, p)).encrypt(nonce, key, self._associated_data(login))
        return {
            "kdf": "scrypt",
            "n": n,
            "r": r,
            "p": p,
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
        }

    def _unwrap(self, login: str, secret: bytes, entry: dict[str, Any]) -> bytes | None:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        kek = _kek(secret, _unb64(entry["salt"]), entry["n"], entry["r"], entry["p"])
        try:
            key = AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._associated_data(login))
        except InvalidTag:
            return None
        return key if len(key) == KEY_BYTES else None

    def __repr__(self) -> str:
        return f"KeyFile({self.path}, logins={self.logins()})"


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A keys file is written by coopdesk: two entries with one name mean it was tampered with or damaged."""
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            raise ValueError(f"the key {name!r} occurs twice")
        result[name] = value
    return result


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")


def _check_entry(entry: Any) -> None:
    if not isinstance(entry, dict) or entry.get("kdf") != "scrypt":
        raise ValueError("an entry without scrypt")
    n, r, p = entry.get("n"), entry.get("r"), entry.get("p")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
        raise ValueError("scrypt parameters are not numbers")
    if not (2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise ValueError("scrypt parameters out of range")
    if len(_unb64(entry.get("salt"))) < 16 or len(_unb64(entry.get("nonce"))) != 12:
        raise ValueError("salt or nonce of the wrong size")
    if len(_unb64(entry.get("wrapped"))) != KEY_BYTES + 16:
        raise ValueError("wrapped key of the wrong size")


def same_database(a: KeyFile | None, b: KeyFile | None) -> bool:
    """True when both keys files belong to the same database (hence hold the same key)."""
    return a is not None and b is not None and hmac.compare_digest(a.database_id, b.database_id)


__all__ = [
    "DamagedKeyFileError",
    "KeyFile",
    "MissingKeyFileError",
    "WrongPasswordError",
    "WrongRecoveryKeyError",
    "key_file_path",
    "new_database_key",
    "new_recovery_key",
    "parse_recovery_key",
    "same_database",
]

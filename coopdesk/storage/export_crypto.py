"""An encrypted export: a ``coopdesk/2`` document (the export) sealed with a passphrase (``coopdesk export --encrypt``).

The file is a small JSON envelope (docs/data-safety.md, "Krypterad export"):

    {"format": "coopdesk-encrypted/1", "cipher": "AES-256-GCM",
     "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64, 16 bytes>"},
     "nonce": "<base64, 12 bytes>", "ciphertext": "<base64: the export JSON, UTF-8, plus the tag>"}

The key is derived from the passphrase with scrypt (the parameters and the key derivation of the keys
file, ``storage/keyfile.py``, stored in the envelope so they can be raised later), and the header
(format, cipher, kdf) is the associated data: a changed parameter or byte anywhere fails as a wrong
passphrase would. Without the passphrase the file is random bytes; the passphrase is never stored.
"""

from __future__ import annotations

import binascii
import json
import secrets
from typing import Any

from coopdesk.core.errors import CoopdeskError, ValidationError
from coopdesk.storage import keyfile

FORMAT = "coopdesk-encrypted/1"
CIPHER = "AES-256-GCM"
SUFFIX = ".coopdesk-enc"  # suggested file name suffix: coopdesk-export.coopdesk-enc
MIN_PASSPHRASE = 12  # an export file can be attacked offline, so longer than a login password


class WrongExportPassphraseError(CoopdeskError):
    """The passphrase does not open the encrypted export (or the file was changed)."""

    def __init__(self) -> None:
        super().__init__(
            "Lösenordet öppnar inte den krypterade exporten (eller så har filen ändrats). "
            "Kontrollera lösenordet och försök igen. Inget importerades.",
            "The passphrase does not open the encrypted export (or the file has been changed). "
            "Check the passphrase and try again. Nothing was imported.",
        )


class DamagedExportError(CoopdeskError):
    """The file says it is an encrypted export but its envelope is broken."""


def check_passphrase(passphrase: str) -> None:
    """A new export passphrase: at least :data:`MIN_PASSPHRASE` characters, not only spaces."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase",
            "•",
            f"Lösenordet för exporten måste vara minst {MIN_PASSPHRASE} tecken. Inget exporterades.",
            f"The export passphrase must have at least {MIN_PASSPHRASE} characters. Nothing was exported.",
        )


def _header(n: int, r: int, p: int, salt: bytes) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "cipher": CIPHER,
        "kdf": {"name": "scrypt", "n": n, "r": r, "p": p, "salt": keyfile._b64(salt)},
    }


def _associated_data(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(data: bytes, passphrase: str) -> bytes:
    """``data`` (the export's bytes) encrypted under ``passphrase``: the envelope's bytes."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    n, r, p = keyfile.SCRYPT_N, keyfile.SCRYPT_R, keyfile.SCRYPT_P
    header = _header(n, r, p, salt)
    key = keyfile._kek(keyfile._password_bytes(passphrase), salt, n, r, p)
    sealed = AESGCM(key).encrypt(nonce, data, _associated_data(header))
    document = {**header, "nonce": keyfile._b64(nonce), "ciphertext": keyfile._b64(sealed)}
    return (json.dumps(document, indent=1) + "\n").encode("ascii")


def is_sealed(raw: bytes) -> bool:
    """Whether ``raw`` is an encrypted export (its start names the format; nothing is decrypted)."""
    head = raw[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and FORMAT.encode("ascii") in head


def _damaged(reason: str) -> DamagedExportError:
    return DamagedExportError(
        f"Filen är en krypterad coopdesk-export men är skadad ({reason}). Använd en hel kopia av filen.",
        f"The file is an encrypted coopdesk export but is damaged ({reason}). Use a sound copy of the file.",
    )


def unseal(raw: bytes, passphrase: str) -> bytes:
    """The export's bytes from an envelope; :class:`WrongExportPassphraseError` for a wrong passphrase."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        document = json.loads(raw.decode("utf-8-sig"))
        kdf = document["kdf"]
        n, r, p, salt = kdf["n"], kdf["r"], kdf["p"], keyfile._unb64(kdf["salt"])
        nonce, sealed = keyfile._unb64(document["nonce"]), keyfile._unb64(document["ciphertext"])
        if document.get("format") != FORMAT or document.get("cipher") != CIPHER or kdf.get("name") != "scrypt":
            raise ValueError("an unknown format, cipher or key derivation")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (n, r, p)):
            raise ValueError("scrypt parameters are not numbers")
        if not (
            2 <= n <= keyfile._MAX_N and n & (n - 1) == 0 and 1 <= r <= keyfile._MAX_R and 1 <= p <= keyfile._MAX_P
        ):
            raise ValueError("scrypt parameters out of range")
        if len(salt) < 16 or len(nonce) != 12 or len(sealed) < 16:
            raise ValueError("salt, nonce or data of the wrong size")
    except RecursionError:
        raise _damaged("nested too deeply") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error) as exc:
        raise _damaged(str(exc)) from exc
    key = keyfile._kek(keyfile._password_bytes(passphrase), salt, n, r, p)
    try:
        return AESGCM(key).decrypt(nonce, sealed, _associated_data(_header(n, r, p, salt)))
    except InvalidTag as exc:
        raise WrongExportPassphraseError() from exc

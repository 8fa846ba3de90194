"""Strict reading of a JSON document: every error names its JSON path, the value and the rule.

``members[3].placements[0].start`` is the kind of path the messages carry, so a person fixing a
file by hand (or a script's author) finds the spot at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from coopdesk.core.errors import ValidationError
from coopdesk.core.numbers import parse_decimal
from coopdesk.core.text import invalid_character_at

T = TypeVar("T")

# A coopdesk/1 document of a large cooperative over many years is a few megabytes; reading one is held
# in memory several times over (text, JSON, rows), so anything far larger is refused before it is read.
MAX_FILE_BYTES = 100 * 1024 * 1024

TYPE_SV = {dict: "ett objekt", list: "en lista", str: "en text", int: "ett heltal", bool: "sant/falskt"}
TYPE_EN = {dict: "an object", list: "a list", str: "a string", int: "an integer", bool: "true/false"}


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def fail(path: str, value: Any, sv: str, en: str) -> ValidationError:
    if not path:  # the document as a whole
        return ValidationError("", value, f"Dokumentet: {sv}", f"The document: {en}")
    return ValidationError(path, value, f"{path}: {sv}", f"{path}: {en}")


def wrap(path: str, error: ValidationError) -> ValidationError:
    """A rule's error, placed at a JSON path."""
    return fail(path, error.value, error.sv, error.en)


def load_json_file(path: Path) -> Any:
    """Read a JSON file with Decimals for numbers; clear errors for every way it can be broken."""
    return loads(read_file(path), str(path))


def read_file(path: Path) -> bytes:
    """A file's bytes (at most MAX_FILE_BYTES; never a device or a FIFO), or a clear error naming it."""
    from coopdesk.core.input_files import read_limited

    try:
        return read_limited(path, MAX_FILE_BYTES, "Filen", "The file")
    except FileNotFoundError as exc:
        raise fail(str(path), None, "Filen finns inte.", "The file does not exist.") from exc
    except IsADirectoryError as exc:
        raise fail(str(path), None, "Det är en mapp, inte en fil.", "That is a folder, not a file.") from exc
    except OSError as exc:
        raise fail(
            str(path), None, f"Filen kan inte läsas: {exc.strerror}.", f"Cannot read the file: {exc.strerror}."
        ) from exc


def loads(raw: bytes | str, name: str = "<json>") -> Any:
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise fail(
                name,
                None,
                f"Filen är inte UTF-8-kodad text (fel byte vid position {exc.start}).",
                f"The file is not UTF-8 text (bad byte at position {exc.start}).",
            ) from exc
    else:
        text = raw
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as duplicate:
        raise fail(
            name,
            None,
            f"Filen är ingen giltig coopdesk-fil: nyckeln {duplicate.key!r} förekommer två gånger i samma objekt "
            "(vilket av värdena som gäller går inte att veta).",
            f"The file is not a valid coopdesk file: the key {duplicate.key!r} occurs twice in the same object "
            "(which of the values counts cannot be known).",
        ) from None
    except _ConstantFound as found:
        # json gives no position for NaN/Infinity; find the first one outside a string ourselves.
        line, column = _position_of_constant(text, found.name)
        raise fail(
            name,
            None,
            f"Filen är ingen giltig JSON: {found.name} är inget tillåtet tal (rad {line}, kolumn {column}).",
            f"The file is not valid JSON: {found.name} is not an allowed number (line {line}, column {column}).",
        ) from None
    except json.JSONDecodeError as exc:
        raise fail(
            name,
            None,
            f"Filen är ingen giltig JSON: {exc.msg} (rad {exc.lineno}, kolumn {exc.colno}).",
            f"The file is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}).",
        ) from exc
    except RecursionError as exc:
        raise fail(name, None, "Filen är för djupt nästlad.", "The file is nested too deeply.") from exc
    except (ValueError, ArithmeticError) as exc:  # an integer of 5000 digits, a number like 1E+99999999999
        raise fail(
            name,
            None,
            "Filen innehåller ett tal som är för stort eller för långt för att läsas.",
            "The file holds a number that is too large or too long to be read.",
        ) from exc


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are all different (json keeps the last of two silently)."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


class _ConstantFound(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _position_of_constant(text: str, constant: str) -> tuple[int, int]:
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif text.startswith(constant, index):
            line = text.count("\n", 0, index) + 1
            return line, index - (text.rfind("\n", 0, index) + 1) + 1
    return 1, 1


def _no_constant(name: str) -> Any:
    raise _ConstantFound(name)


def expect(value: object, kind: type[T], path: str) -> T:
    """``value`` as a ``kind`` (a ``bool`` is no ``int``), or a ValidationError naming ``path``."""
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise fail(
        path,
        value,
        f"Värdet {_show(value)} ska vara {TYPE_SV[kind]}.",
        f"The value {_show(value)} must be {TYPE_EN[kind]}.",
    )


def obj(value: Any, path: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    """An object with exactly these keys (unknown keys are errors; a null optional is absent)."""
    checked: dict[str, Any] = expect(value, dict, path)
    for key in checked:
        if key not in required and key not in optional:
            allowed = ", ".join((*required, *optional))
            raise fail(
                f"{path}.{key}" if path else key,
                checked[key],
                f"Okänd nyckel {key!r}. Tillåtna nycklar: {allowed}.",
                f"Unknown key {key!r}. Allowed keys: {allowed}.",
            )
    for key in required:
        if key not in checked:
            raise fail(
                f"{path}.{key}" if path else key,
                None,
                f"Nyckeln {key!r} saknas.",
                f"The key {key!r} is missing.",
            )
    return checked


def items(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    expect(value, list, path)
    for index, item in enumerate(value):
        yield f"{path}[{index}]", item


def text(value: Any, path: str, max_length: int = 200, *, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    stripped = expect(value, str, path).strip()
    bad = invalid_character_at(stripped)
    if bad is not None:  # a control character, or a lone surrogate such as "\ud800" (valid JSON, no text)
        raise fail(
            path,
            None,
            f"Texten innehåller ett ogiltigt tecken (position {bad}).",
            f"The text holds an invalid character (position {bad}).",
        )
    if not stripped:
        if not required:
            return None
        raise fail(path, value, "Texten får inte vara tom.", "The text must not be empty.")
    if len(stripped) > max_length:
        raise fail(
            path,
            value,
            f"Texten är för lång ({len(stripped)} tecken, högst {max_length}).",
            f"The text is too long ({len(stripped)} characters, at most {max_length}).",
        )
    return stripped


def date(value: Any, path: str, *, required: bool = True) -> dt.date | None:
    if value is None and not required:
        return None
    written = expect(value, str, path)
    try:
        if len(written) != 10:
            raise ValueError
        return dt.date.fromisoformat(written)
    except ValueError as exc:
        raise fail(
            path,
            value,
            f"{_show(value)} är inget giltigt datum. Skriv ÅÅÅÅ-MM-DD, till exempel 2026-05-04.",
            f"{_show(value)} is not a valid date. Use YYYY-MM-DD, e.g. 2026-05-04.",
        ) from exc


def datetime(value: Any, path: str) -> dt.datetime:
    expect(value, str, path)
    try:
        parsed = dt.datetime.fromisoformat(value)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone().replace(tzinfo=None)
        return parsed.replace(microsecond=0)
    except (ValueError, OverflowError) as exc:
        raise fail(
            path,
            value,
            f"{_show(value)} är ingen giltig tidpunkt. Skriv ÅÅÅÅ-MM-DDTHH:MM:SS.",
            f"{_show(value)} is not a valid date and time. Use YYYY-MM-DDTHH:MM:SS.",
        ) from exc


def decimal(
    value: Any,
    path: str,
    *,
    minimum: Decimal | None = Decimal(0),
    positive: bool = False,
    maximum: Decimal | None = None,
) -> Decimal:
    try:
        return parse_decimal(value, path, minimum=minimum, exclusive_minimum=positive, maximum=maximum)
    except ValidationError as error:
        raise wrap(path, error) from None


def boolean(value: Any, path: str) -> bool:
    return bool(expect(value, bool, path))


# The largest whole number a column of either backend holds (PostgreSQL's INTEGER is 32-bit; SQLite's
# 64-bit): a bigger one in a document is refused here with its path, never left to the database driver.
INTEGER_LIMIT = 2**31 - 1


def integer(value: Any, path: str) -> int:
    number = int(expect(value, int, path))
    if not -INTEGER_LIMIT <= number <= INTEGER_LIMIT:
        raise fail(path, value, "Talet är för stort.", "The number is too large.")
    return number

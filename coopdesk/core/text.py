"""Swedish text conventions that the domain needs: alphabetical order (… X, Y, Z, Å, Ä, Ö)."""

from __future__ import annotations

import functools
import unicodedata

# Swedish collation: å, ä, ö are letters of their own after z; ü sorts as y; æ as ä, ø as ö;
# other accented letters sort as their base letter (é as e).
# The letters after z map to "{", "|", "}", which follow "z" in code-point order.
_SPECIAL = {
    "å": "{",
    "ä": "|",
    "æ": "|",
    "ö": "}",
    "ø": "}",
    "ü": "y",
    "ł": "l",
    "đ": "d",
    "ß": "ss",
    "þ": "th",
}


def _fold(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    base = unicodedata.normalize("NFKD", char)
    return "".join(c for c in base if not unicodedata.combining(c)) or char


@functools.lru_cache(maxsize=4096)
def swedish_key(text: str) -> tuple[str, str]:
    """A sort key that puts names in Swedish alphabetical order, case-insensitively.

    The second element breaks ties so that the order is total and stable ("Åsa" before "åsa").
    """
    folded = "".join(_fold(c) for c in text.casefold())
    return folded, text


#: Unicode's bidirectional formatting characters: the embeddings and overrides (LRE, RLE, PDF, LRO,
#: RLO), the isolates (LRI, RLI, FSI, PDI) and the marks (LRM, RLM, ALM).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
#: Those that reorder the text around them: "Anna \u202eAndersson" shows as "Anna nossrednA". The marks
#: only steer neutral characters (a name written partly in Arabic script may need one) and are allowed.
REORDERING_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NO_BIDI = str.maketrans(dict.fromkeys(map(ord, BIDI_CONTROLS)))


def invalid_character_at(text: str) -> int | None:
    """The position of the first character no name, address or note may hold, or None.

    Control characters (NUL, tab, newline, …) and lone surrogates: invisible or not text at all,
    and a database server refuses NUL outright (PostgreSQL), so they are refused on the way in,
    by the services and the import alike, with one message. So are the bidi embeddings, overrides and
    isolates (:data:`REORDERING_CONTROLS`): invisible too, and they make a name read differently on
    screen than it is stored (docs/rules.md, "Riktningstecken i namn").
    """
    for position, char in enumerate(text):
        if unicodedata.category(char) in ("Cc", "Cs") or char in REORDERING_CONTROLS:
            return position
    return None


def printable(text: str) -> str:
    """The text as it is printed: without bidi controls, so it prints in the order it is stored.

    Names stored before such characters were refused (or typed with a mark) print as written; the
    fingerprint and the JSON form keep the stored text.
    """
    return text.translate(_NO_BIDI)

"""Fuzzing ``coopdesk import``: bad input never half-applies (issue "Data safety", item 7).

Valid documents (the example of interchange.md and small demo documents) are mutated the ways a
hand-edited or damaged file goes wrong: a node of another type, a missing or unknown key, numbers
out of range, broken references, duplicated records, impossible dates, and at the byte level a cut,
flipped or inserted bytes (also invalid UTF-8) or a byte order mark. Each case runs the path the CLI
runs (``reader.loads`` on the bytes, then ``import_document`` inside ``db.session()``) and must end

* either in a :class:`CoopdeskError` that names a JSON path (or the file) with clear Swedish and
  English messages, the database left with no rows in any table (the audit log included),
* or in a correct import: export → JSON → import into another empty database → export gives the
  same document.

Any other exception is a failure, except the known bugs listed in :data:`KNOWN_BUGS` (each one has
a strict xfail test below with an exact reproduction): those pass, and the database must still be
empty after them. How the cases ended is recorded as hypothesis events:
``pytest --hypothesis-show-statistics tests/unit/test_import_fuzz.py``.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coopdesk.core.audit import Actor
from coopdesk.core.demo import demo_document
from coopdesk.core.errors import CoopdeskError, ValidationError
from coopdesk.core.exchange.exporter import export_document
from coopdesk.core.exchange.importer import database_is_empty, import_document
from coopdesk.core.exchange.reader import load_json_file, loads
from coopdesk.storage.database import Database
from tests.backends import PostgresServer
from tests.conftest import EXAMPLE, TODAY
from tests.helpers import EmptyDatabase, empty_database_pair, row_counts

ACTOR = Actor("Sara Svensson")
FILE_NAME = "fuzz.json"
BOM = b"\xef\xbb\xbf"
TOP_LEVEL = re.compile(
    r"^(format|cooperative|work_areas|districts|members|supervisors|attendance|supervisor_hours|month_locks"
    r"|care_plans|journal|deviations)"
    r"(\.|\[|$)"
)
#: Text that must never reach a user: Python internals instead of a message.
NOISE = ("Traceback", "<class", "object at 0x", "Error(")
#: Python's repr of a JSON number in a message: a known bug (see test_bug_a_json_number_is_shown_as_written).
DECIMAL_REPR = "Decimal("

SETTINGS = settings(
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

#: Known bugs the fuzzing runs into, by a signature of the exception: (type, text in the message).
#: Each has a strict xfail test below; remove the entry when that test starts to pass.
KNOWN_BUGS: dict[str, tuple[type[BaseException], str]] = {}  # every bug the fuzzing found has been fixed

#: Totals over every case tried in this module (hypothesis' shrinking and replays included).


# --- fresh empty databases, cheaply --------------------------------------------------------------


@pytest.fixture(scope="module")
def databases(
    tmp_path_factory: pytest.TempPathFactory, pg_server: PostgresServer | None
) -> Iterator[tuple[EmptyDatabase, EmptyDatabase]]:
    with empty_database_pair(tmp_path_factory.mktemp("import_fuzz"), pg_server) as pair:
        yield pair


def untouched(db: Database) -> bool:
    with db.session() as session:
        empty = database_is_empty(session)
    return empty and not any(row_counts(db).values())


# --- the valid documents the mutations start from ------------------------------------------------


@cache
def _base_bytes(name: str) -> bytes:
    if name == "example":
        return EXAMPLE.read_bytes()
    seed = int(name.removeprefix("demo-"))
    return dumps(demo_document(TODAY, members=3, years=0.3, seed=seed))


BASES = ["example", "demo-1", "demo-2", "demo-7"]


def base_document(name: str) -> Any:
    return loads(_base_bytes(name), FILE_NAME)


def _string(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: written as the \\ud800 escape JSON allows
        return json.dumps(text)
    return json.dumps(text, ensure_ascii=False)


def to_json(node: Any) -> str:
    """JSON text of a document that may hold Decimals (written as JSON numbers, e.g. 2.345 or 1E+2)."""
    if isinstance(node, dict):
        return "{" + ", ".join(f"{_string(str(k))}: {to_json(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(to_json(v) for v in node) + "]"
    if isinstance(node, str):
        return _string(node)
    if isinstance(node, Decimal):
        return str(node)
    return json.dumps(node)


def dumps(document: Any) -> bytes:
    return to_json(document).encode("utf-8")


# --- walking the JSON tree -----------------------------------------------------------------------

JsonPath = tuple[Any, ...]


def walk(node: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Every node with its path (keys and indexes), the root first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def json_path(path: JsonPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def get(document: Any, path: JsonPath) -> Any:
    node = document
    for step in path:
        node = node[step]
    return node


def put(document: Any, path: JsonPath, value: Any) -> Any:
    if not path:
        return value
    get(document, path[:-1])[path[-1]] = value
    return document


def last_key(path: JsonPath) -> str | None:
    """The name of the key a node sits under (for an item of a list, the list's key)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


# --- the mutations --------------------------------------------------------------------------------

WEIRD_STRINGS = [
    "",
    " ",
    "\u00a0",
    "\t\n",
    "x",
    "Ö" * 301,
    "A\x00B",
    "\ud800",
    "Anna \udfff",
    "1e3",
    "NaN",
    "Infinity",
    "-0",
    "٣",
    "2,5",
    "2026-05-04",
    "present",
    "Norrmalm",
    "m1",
    "s1",
    "<script>",
    "'; DROP TABLE member; --",
    "{}",
]
OTHER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.sampled_from([0, -1, 1, 7, 8, 100, 101, 10**12, 2**63, -(2**63) - 1, 10**100]),
    st.sampled_from(
        [Decimal("2.5"), Decimal("-0.25"), Decimal("1E+2"), Decimal("0.001"), Decimal("1E-7"), Decimal("50.0")]
    ),
    st.text(max_size=12),
    st.sampled_from(WEIRD_STRINGS),
    st.builds(list),  # a new empty list each time: st.just([]) would hand out one shared, mutable object
    st.lists(st.integers(0, 9) | st.text(max_size=3), min_size=1, max_size=3),
    st.builds(dict),  # likewise: a shared {} could be put into itself and make the document a cycle
    st.dictionaries(st.text(max_size=5), st.integers(0, 9) | st.none(), min_size=1, max_size=2),
)

OUT_OF_RANGE = [
    -1,
    0,
    "-0.25",
    "0",
    "0.00",
    "-0",
    "2.345",
    Decimal("2.345"),
    Decimal("7.50"),
    "25",
    25,
    "24.01",
    Decimal("24.25"),
    101,
    8,
    -7,
    Decimal("168.01"),
    "169",
    "999999999999.99",
    "1000000000000",
    10**12,
    10**30,
    "1e3",
    " 7.5 ",
    "7,5",
    "+5",
    ".5",
    "5.",
    "٧٫٥",
]
NUMERIC_TEXT = re.compile(r"-?\d+(\.\d+)?")

BAD_DATES = [
    "2026-02-30",
    "2026-13-01",
    "2026-04-31",
    "2026-00-10",
    "",
    " ",
    "2026-1-5",
    "26-05-04",
    "2026/05/04",
    "20260504",
    "2026-W19-1",
    " 2026-05-04",
    "2026-05-04T00:00",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "٢٠٢٦-٠٥-٠٤",
]
BAD_MONTHS = ["2026-00", "2026-13", "26-05", "2026-5", "2026-05-01", "", "abc", "0000-01", "9999-12", " 2026-04 "]
BAD_TIMES = [
    "2026-05-03T25:00:00",
    "2026-05-03 10:00",
    "2026-05-03",
    "2026-05-03T10:00:00Z",
    "2026-05-03T10:00:00+02:00",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-01:00",
    "igår",
    "",
]
DATE_KEYS = {"date", "start", "end", "valid_from", "closure_days"}

#: Where names refer to something else in the file: (shape of the path, what it names).
REFERENCE_SITES = {
    ("members", "placements", "district"),
    ("members", "primary_work_area"),
    ("attendance", "member"),
    ("supervisor_hours", "supervisor"),
    ("supervisor_hours", "work_area"),
    ("cooperative", "host_district"),
}
DUPLICABLE = {
    ("attendance",),
    ("supervisor_hours",),
    ("members",),
    ("supervisors",),
    ("work_areas",),
    ("districts",),
    ("month_locks",),
    ("cooperative", "closure_days"),
    ("cooperative", "opening_weekdays"),
    ("members", "placements"),
    ("members", "capacity"),
    ("members", "capacity", "weekdays"),
    ("districts", "tariffs"),
    ("districts", "tariffs", "bands"),
}


def shape(path: JsonPath) -> tuple[str, ...]:
    return tuple(p for p in path if isinstance(p, str))


def broken_names(original: Any) -> st.SearchStrategy[Any]:
    variants: list[Any] = ["Atlantis", "", " ", "m99", "s99", 1, None, [], {}, True]
    if isinstance(original, str) and original:
        variants += [
            original.lower(),
            original.upper(),
            original + " ",
            " " + original,
            unicodedata.normalize("NFD", original),
            original[:-1],
            [original],
        ]
    return st.sampled_from(variants)


MUTATIONS = [
    "retype",
    "delete key",
    "unknown key",
    "out of range",
    "reference",
    "duplicate",
    "date",
    "free text",
    "number form",
]
#: Texts that name nothing else in the file; most other texts still import.
FREE_TEXT_KEYS = {"name", "contact", "address", "case_worker", "decision_ref", "attested_by"}


@st.composite
def mutate_once(draw: st.DrawFn, document: Any) -> tuple[Any, str]:
    """One mistake somewhere in ``document`` (changed in place, or replaced when the root changes)."""
    kind = draw(st.sampled_from(MUTATIONS))
    nodes = list(walk(document))

    def pick(candidates: list[tuple[JsonPath, Any]]) -> tuple[JsonPath, Any] | None:
        if not candidates:
            return None
        return candidates[draw(st.integers(0, len(candidates) - 1))]

    if kind == "retype":  # any node, the root included
        path = nodes[draw(st.integers(0, len(nodes) - 1))][0]
        return put(document, path, draw(OTHER_VALUES)), kind
    if kind == "delete key":
        found = pick([(p, n) for p, n in nodes if isinstance(n, dict) and n])
        if found:
            path, node = found
            del node[draw(st.sampled_from(sorted(node)))]
        return document, kind
    if kind == "unknown key":
        found = pick([(p, n) for p, n in nodes if isinstance(n, dict)])
        if found:
            key = draw(st.sampled_from(["x_comment", "Name", "name ", "", "hours", "ö"]) | st.text(max_size=8))
            found[1].setdefault(key, draw(OTHER_VALUES))
        return document, kind
    if kind == "out of range":
        found = pick(
            [
                (p, n)
                for p, n in nodes
                if p and not isinstance(n, bool) and isinstance(n, int | Decimal | str)
                if not isinstance(n, str) or NUMERIC_TEXT.fullmatch(n)
            ]
        )
        if found:
            put(document, found[0], draw(st.sampled_from(OUT_OF_RANGE)))
        return document, kind
    if kind == "reference":
        sites = [(p, False) for p, _n in nodes if shape(p) in REFERENCE_SITES]
        for p, n in nodes:
            if shape(p) == ("attendance", "hours") and isinstance(n, dict):
                sites += [((*p, key), True) for key in n]
        if sites:
            path, is_hours_key = sites[draw(st.integers(0, len(sites) - 1))]
            if is_hours_key:  # rename the work area a record's hours are given for
                hours = get(document, path[:-1])
                hours[draw(broken_names(path[-1]).filter(lambda v: isinstance(v, str)))] = hours.pop(path[-1])
            else:
                put(document, path, draw(broken_names(get(document, path))))
        return document, kind
    if kind == "duplicate":
        found = pick([(p, n) for p, n in nodes if isinstance(n, list) and n and shape(p) in DUPLICABLE])
        if found:
            items = found[1]
            item = copy.deepcopy(items[draw(st.integers(0, len(items) - 1))])
            items.insert(draw(st.integers(0, len(items))), item)
        return document, kind
    if kind == "free text":
        found = pick([(p, n) for p, n in nodes if isinstance(n, str) and last_key(p) in FREE_TEXT_KEYS])
        if found:
            put(document, found[0], draw(st.text(max_size=40) | st.sampled_from(WEIRD_STRINGS)))
        return document, kind
    if kind == "number form":  # the same number written another way: 7.5 → 7.50 (a JSON number), "7,5", " 7.5"
        found = pick([(p, n) for p, n in nodes if isinstance(n, str) and NUMERIC_TEXT.fullmatch(n)])
        if found:
            number = Decimal(found[1])
            form = draw(st.sampled_from(["number", "2 decimals", "comma", "spaces"]))
            put(
                document,
                found[0],
                {
                    "number": number,
                    "2 decimals": f"{number:.2f}",
                    "comma": found[1].replace(".", ","),
                    "spaces": f" {found[1]} ",
                }[form],
            )
        return document, kind
    # kind == "date"
    found = pick([(p, n) for p, n in nodes if p and last_key(p) in DATE_KEYS | {"month", "attested_at"}])
    if found:
        key = last_key(found[0])
        bad = BAD_MONTHS if key == "month" else BAD_TIMES if key == "attested_at" else BAD_DATES
        put(document, found[0], draw(st.sampled_from(bad)))
    return document, kind


@st.composite
def mutated_documents(draw: st.DrawFn) -> tuple[str, list[str], bytes]:
    base = draw(st.sampled_from(BASES))
    document = base_document(base)
    kinds = []
    for _ in range(draw(st.integers(1, 3))):
        document, kind = draw(mutate_once(document))
        kinds.append(kind)
    return base, kinds, dumps(document)


NASTY_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", BOM, b"\x00", b"NaN",
               b"\\ud800", b"\\u0000", b'"', b",", b"]", b"}", b"{", b"\n", b"-", b"1e999999"]  # fmt: skip
BYTE_MUTATIONS = ["truncate", "flip", "insert", "insert nasty", "delete range", "huge number", "utf-16", "latin-1"]


@st.composite
def damaged_bytes(draw: st.DrawFn) -> tuple[str, list[str], bytes]:
    base = draw(st.sampled_from(BASES))
    kinds: list[str] = []
    if draw(st.booleans()):
        document, kind = draw(mutate_once(base_document(base)))
        raw, kinds = dumps(document), [kind]
    else:
        raw = _base_bytes(base)
    kind = draw(st.sampled_from(BYTE_MUTATIONS))
    kinds.append(kind)
    at = draw(st.integers(0, len(raw)))
    if kind == "truncate":
        raw = raw[:at]
    elif kind == "flip" and raw:
        at = min(at, len(raw) - 1)
        raw = raw[:at] + bytes([raw[at] ^ draw(st.integers(1, 255))]) + raw[at + 1 :]
    elif kind == "insert":
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=4)) + raw[at:]
    elif kind == "insert nasty":
        raw = raw[:at] + draw(st.sampled_from(NASTY_BYTES)) + raw[at:]
    elif kind == "delete range":
        raw = raw[:at] + raw[at + draw(st.integers(1, 64)) :]
    elif kind == "huge number":
        numbers = list(re.finditer(rb"(?<![\w.\"-])\d+(?![\w\"-])", raw))
        if numbers:
            match = numbers[draw(st.integers(0, len(numbers) - 1))]
            raw = raw[: match.start()] + b"9" * draw(st.sampled_from([30, 4300, 4301, 6000])) + raw[match.end() :]
    elif kind == "utf-16":
        raw = raw.decode("utf-8").encode("utf-16")
    elif kind == "latin-1":
        raw = raw.decode("utf-8").encode("latin-1", errors="replace")
    if draw(st.integers(0, 4)) == 4:
        raw = BOM + raw
        kinds.append("bom")
    return base, kinds, raw


# --- the check every case must pass --------------------------------------------------------------


def known_bug(exc: BaseException) -> str | None:
    for label, (kind, text) in KNOWN_BUGS.items():
        if isinstance(exc, kind) and text in str(exc):
            return label
    return None


def check_error(error: CoopdeskError) -> str | None:
    """A clear error: a JSON path (or the file) in ``.field``, both messages say it and nothing else leaks.

    Returns the label of a known message bug the error shows, else None.
    """
    field = getattr(error, "field", None)
    assert isinstance(error, ValidationError), (type(error), error.en)
    assert isinstance(field, str), field
    assert error.sv.strip() and error.en.strip(), (error.sv, error.en)
    for noise in NOISE:
        assert noise not in error.sv and noise not in error.en, (noise, error.en)
    if field == "":  # the document as a whole is not an object: "Dokumentet: …" / "The document: …"
        assert error.sv.startswith("Dokumentet: ") and error.en.startswith("The document: "), error.en
    else:
        assert error.sv.startswith(f"{field}: ") and error.en.startswith(f"{field}: "), (field, error.en)
        # the file, a JSON path into the document, or an unknown key at its top level
        assert field == FILE_NAME or TOP_LEVEL.match(field) or "Unknown key" in error.en, (field, error.en)
    assert DECIMAL_REPR not in error.sv and DECIMAL_REPR not in error.en, error.en  # numbers as written
    return None


COUNTED = ("work_areas", "districts", "members", "supervisors", "attendance", "supervisor_hours")


def round_trip(databases: tuple[EmptyDatabase, EmptyDatabase], db: Database, document: Any) -> None:
    """The import is correct: every record arrived, and export → JSON file → import into an empty
    database → export gives the same document."""
    with db.session() as session:
        first = export_document(session)
    for name in COUNTED:
        assert len(first[name]) == len(document[name]), name
    assert len(first["month_locks"]) == len(document.get("month_locks") or [])
    raw = (json.dumps(first, ensure_ascii=False, indent=1) + "\n").encode("utf-8")  # what cmd_export writes
    other = databases[1].fresh()
    with other.session() as session:
        import_document(session, loads(raw, "export.json"), actor=ACTOR, today=TODAY)
    with other.session() as session:
        second = export_document(session)
    assert second == first


def check_case(databases: tuple[EmptyDatabase, EmptyDatabase], test: str, raw: bytes) -> str:
    """Run one case as the CLI does and check the outcome; returns "error", "imported" or a known bug."""
    db = databases[0].fresh()
    try:
        document = loads(raw, FILE_NAME)
        with db.session() as session:
            import_document(session, document, actor=ACTOR, today=TODAY)
    except CoopdeskError as error:
        if not untouched(db):
            pytest.fail(f"partial import after {error.en}: {row_counts(db)}")
        message_bug = check_error(error)
        if message_bug:
            return f"error, known bug: {message_bug}"
        return "error"
    except Exception as exc:  # anything but a CoopdeskError is a failure, unless it is a known bug
        label = known_bug(exc)
        if label is None:
            raise
        if not untouched(db):
            pytest.fail(f"partial import after {exc!r}: {row_counts(db)}")
        return f"known bug: {label}"
    round_trip(databases, db, document)
    return "imported"


# --- the fuzz tests --------------------------------------------------------------------------------


@settings(SETTINGS, max_examples=400)
@given(case=mutated_documents())
def test_mutated_documents_import_whole_or_not_at_all(
    databases: tuple[EmptyDatabase, EmptyDatabase], case: tuple[str, list[str], bytes]
) -> None:
    base, kinds, raw = case
    outcome = check_case(databases, "documents", raw)
    event(f"{'+'.join(kinds)}: {outcome}")
    event(f"base {base}: {outcome}")


@settings(SETTINGS, max_examples=250)
@given(case=damaged_bytes())
def test_damaged_bytes_import_whole_or_not_at_all(
    databases: tuple[EmptyDatabase, EmptyDatabase], case: tuple[str, list[str], bytes]
) -> None:
    _base, kinds, raw = case
    outcome = check_case(databases, "bytes", raw)
    event(f"{'+'.join(kinds)}: {outcome}")


@pytest.mark.parametrize("base", BASES)
def test_the_valid_documents_import_also_after_a_byte_order_mark(
    databases: tuple[EmptyDatabase, EmptyDatabase], base: str
) -> None:
    """The positive control: the bases themselves (and with a BOM in front) import and round-trip."""
    assert check_case(databases, "controls", _base_bytes(base)) == "imported"
    with databases[0].database.session() as session:
        plain = export_document(session)
    assert check_case(databases, "controls", BOM + _base_bytes(base)) == "imported"
    with databases[0].database.session() as session:
        assert export_document(session) == plain


def test_a_real_file_goes_the_same_way(tmp_path: Path) -> None:
    """load_json_file (what ``coopdesk import FILE`` calls) names the file in every error."""
    for name, content in [("cut.json", _base_bytes("example")[:-7]), ("latin.json", "Ö".encode("latin-1"))]:
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ValidationError) as info:
            load_json_file(tmp_path / name)
        assert info.value.field == str(tmp_path / name)
        assert info.value.en.startswith(f"{tmp_path / name}: ")


@pytest.mark.parametrize(
    "path, value",
    [
        (("cooperative", "closure_days"), False),
        (("members", 1, "placements"), 0),
        (("members", 1, "capacity"), ""),
        (("districts", 0, "tariffs"), {}),
        (("month_locks",), False),
    ],
    ids=["closure-days-false", "placements-0", "capacity-empty-text", "tariffs-object", "month-locks-false"],
)
def test_a_falsy_value_of_another_type_is_not_an_empty_list(
    databases: tuple[EmptyDatabase, EmptyDatabase], path: JsonPath, value: Any
) -> None:
    """An optional list given as false, 0, "" or {} is refused like "x" or 1 (found by this fuzzing)."""
    document = base_document("example")
    document["members"].append({"key": "m2", "name": "Bo Berg", "personal_number": "19900315-1231"})
    error = _import_error(databases, dumps(put(document, path, value)))
    assert getattr(error, "field", None) == json_path(path)


# --- the known bugs, one exact reproduction each -------------------------------------------------


def _import_error(databases: tuple[EmptyDatabase, EmptyDatabase], raw: bytes) -> CoopdeskError:
    db = databases[0].fresh()
    with pytest.raises(CoopdeskError) as info, db.session() as session:
        import_document(session, loads(raw, FILE_NAME), actor=ACTOR, today=TODAY)
    assert untouched(db)
    check_error(info.value)
    return info.value


def _example_with(path: JsonPath, value: Any) -> bytes:
    return dumps(put(base_document("example"), path, value))


@pytest.mark.parametrize(
    "path, value",
    [
        (("members", 0, "placements", 0, "district"), ["Norrmalm"]),
        (("members", 0, "primary_work_area"), {}),
        (("supervisor_hours", 0, "work_area"), ["Glasverkstad"]),
        (("districts", 0, "tariffs", 0, "kind"), ["per_day"]),
    ],
    ids=["placement-district", "primary-work-area", "supervisor-work-area", "tariff-kind"],
)
def test_bug_a_list_as_a_reference_is_a_clear_error(
    databases: tuple[EmptyDatabase, EmptyDatabase], path: JsonPath, value: Any
) -> None:
    error = _import_error(databases, _example_with(path, value))
    assert getattr(error, "field", None) == json_path(path)


def test_bug_a_lone_surrogate_in_a_name_is_a_clear_error(databases: tuple[EmptyDatabase, EmptyDatabase]) -> None:
    raw = _base_bytes("example").replace(b'"Anna Andersson"', b'"Anna \\ud800"')
    error = _import_error(databases, raw)
    assert getattr(error, "field", None) == "members[0].name"


@pytest.mark.parametrize("escape", [b"\\u0000", b"\\t", b"\\u001b", b"\\u0085"])
def test_bug_a_control_character_in_a_name_is_a_clear_error(
    databases: tuple[EmptyDatabase, EmptyDatabase], escape: bytes
) -> None:
    """Found by the fuzz test on PostgreSQL, which refuses NUL in text (SQLite stored it): control
    characters are refused on the way in, on every backend."""
    raw = _base_bytes("example").replace(b'"Kooperativet KOS"', b'"Kooperativet' + escape + b'KOS"')
    error = _import_error(databases, raw)
    assert getattr(error, "field", None) == "cooperative.name"


def test_bug_an_integer_of_5000_digits_is_a_clear_error() -> None:
    raw = _base_bytes("example").replace(b'"percent": 50', b'"percent": ' + b"9" * 5000)
    with pytest.raises(ValidationError) as info:
        loads(raw, FILE_NAME)
    assert info.value.field == FILE_NAME


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_bug_attested_at_at_the_end_of_the_calendar_is_a_clear_error(
    databases: tuple[EmptyDatabase, EmptyDatabase], value: str
) -> None:
    error = _import_error(databases, _example_with(("month_locks", 0, "attested_at"), value))
    assert getattr(error, "field", None) == "month_locks[0].attested_at"


@pytest.mark.parametrize(
    "path, value, field",
    [
        (("cooperative", "opening_weekdays"), [Decimal("2.5"), 3], "cooperative.opening_weekdays"),
        (("attendance", 1, "status"), Decimal("2.5"), "attendance[1].status"),
        (("supervisor_hours", 0, "activity"), Decimal("2.5"), "supervisor_hours[0].activity"),
        (("districts", 0, "kind"), Decimal("2.5"), "districts[0].kind"),
        (("attendance", 0, "member"), Decimal("2.5"), "attendance[0].member"),
        (("format",), Decimal("2.5"), "format"),
    ],
    ids=["weekdays", "status", "activity", "district-kind", "member-reference", "format"],
)
def test_bug_a_json_number_is_shown_as_written(
    databases: tuple[EmptyDatabase, EmptyDatabase], path: JsonPath, value: Any, field: str
) -> None:
    error = _import_error(databases, _example_with(path, value))
    assert getattr(error, "field", None) == field
    assert DECIMAL_REPR not in error.sv and DECIMAL_REPR not in error.en, error.en
    assert "2.5" in error.en

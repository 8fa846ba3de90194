"""The people and places of the demo cooperative: believable Swedish names, the districts of
Stockholm it works with, and its supervisors. Data only; coopdesk/core/demo.py builds the document."""

from __future__ import annotations

from typing import Any

# name, kind, contact, show_full_personal_number, decision prefix, case workers, share of members
DISTRICTS: tuple[tuple[str, str, str, bool, str, tuple[str, ...], int], ...] = (
    ("Norrmalm", "stadsdel", "Beställarenheten socialpsykiatri, Norrmalms stadsdelsförvaltning, 08-508 09 010",
     False, "NOR", ("Karolina Blom", "Jonas Ahlgren", "Petra Sundin"), 45),
    ("Södermalm", "stadsdel", "Biståndsenheten, Södermalms stadsdelsförvaltning, 08-508 12 020",
     False, "SOD", ("Helena Ring", "Mats Ollén"), 20),
    ("Kungsholmen", "stadsdel", "Socialpsykiatriska enheten, Kungsholmens stadsdelsförvaltning, 08-508 08 030",
     False, "KUN", ("Sofie Dahl", "Erik Hammar"), 20),
    ("Tyresö kommun", "kommun", "Vuxenenheten, Socialförvaltningen Tyresö kommun, 08-578 291 00 (LOV)",
     True, "TYR", ("Annika Strand",), 15),
)  # fmt: skip

# (name, female) of the first members: hand-picked so the default demo reads like a real member list.
NAMED_MEMBERS = (
    ("Anna Lindqvist", True), ("Göran Sjöberg", False), ("Łukasz Şahin", False),
    ("Maria Ekström", True), ("Håkan Öberg", False), ("Linnéa Åkesson", True),
    ("Kerstin Nyberg", True), ("Ali Hassan", False), ("Björn Ängqvist", False),
    ("Sigrid Ødegård", True), ("Peter Karlsson", False), ("Eva-Lena Holm", True),
    ("Mikael Johansson", False), ("Zeynep Yılmaz", True), ("Jörgen Lundgren", False),
    ("Malin Bergström", True), ("Tomas Nieminen", False), ("Ulla Söderberg", True),
    ("Dragan Kovačević", False), ("Frida Wallin", True),
)  # fmt: skip
FEMALE = (
    "Agnes", "Amira", "Annika", "Åsa", "Birgitta", "Ebba", "Elin", "Emma", "Hanna", "Helena", "Ida", "Ingrid",
    "Jenny", "Johanna", "Karin", "Leyla", "Lotta", "Märta", "Mirja", "Nora", "Pia", "Ronja", "Sara", "Sofia",
    "Tove", "Yvonne",
)  # fmt: skip
MALE = (
    "Anders", "Bengt", "Emil", "Erik", "Hassan", "Janne", "Johan", "Jonas", "Karl", "Kent", "Lars", "Mattias",
    "Mehmet", "Nils", "Olof", "Oskar", "Per", "Stig", "Tarik", "Viktor", "Åke", "Örjan",
)  # fmt: skip
SURNAMES = (
    "Andersson", "Åberg", "Berg", "Björk", "Ek", "Engström", "Eriksson", "Forsberg", "Gustafsson", "Hedlund",
    "Jonsson", "Larsson", "Lindberg", "Lindström", "Lundqvist", "Nilsson", "Nyström", "Olsson", "Persson",
    "Pettersson", "Sandberg", "Svensson", "Wikström", "Öhman", "Yilmaz", "Mahmoud", "Virtanen", "Novak",
    "Ahmadi",
)  # fmt: skip

# name, fte_percent, own work area
SUPERVISORS = (
    ("Karin Sjöström", 100, "Glasverkstad"),
    ("Jonas Bergqvist", 100, "Kopiering"),
    ("Fatima Haddad", 50, "Kaffestuga"),
)

# The default demo's comings and goings over its two calendar years (last year and this one), so that
# each year's report (domain.md §8) has members who came, moved between districts and left, and why.
# Member index → event → (year, first month, last month[, end reason]): the year counted from last year
# (0), the window clipped to the data. A member without an entry follows the generic rules of demo.py.
STORY: dict[int, dict[str, tuple[Any, ...]]] = {
    3: {"moved": (0, 8, 9)},  # moved to another district last summer's end
    5: {"came": (0, 2, 4)},  # came last spring
    7: {"left": (0, 5, 6, "work")},  # left for a job last summer
    9: {"left": (0, 10, 11, "other_activity")},  # left last autumn for another activity
    13: {"moved": (1, 1, 2)},  # moved this winter
    15: {"came": (0, 8, 9), "left": (1, 5, 6, "studies")},  # came last autumn, left this summer to study
    17: {"left": (1, 3, 4, "work")},  # left for a job this spring
    19: {"came": (1, 1, 3)},  # came this winter
}

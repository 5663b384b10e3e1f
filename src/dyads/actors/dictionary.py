"""The actor dictionary: which words name which state, organisation or group.

Shipped data lives in ``dyads/data/actors/*.jsonl``; users overlay their own files with
``--actors FILE``. One JSON object per line::

    {"code": "AZE", "names": ["Azerbaijan"], "adjectives": ["Azerbaijani"],
     "demonyms": ["Azerbaijanis"], "capitals": ["Baku"], "ambiguous": [],
     "country": "AZE", "sector": null, "type": "state"}

Only ``code`` and ``names`` are required. A collective name lists the actors it stands
for in ``members`` ("the Baltic states": EST, LVA, LTU); each is coded as a party. A
later file wins for a string that an earlier file also lists, so an overlay can re-code a
shipped name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..datafiles import data_path, read_jsonl
from ..errors import DataError

if TYPE_CHECKING:
    from spacy.tokens import Token

KEYS = ("code", "type", "un", "name", "names", "adjectives", "demonyms", "capitals",
        "ambiguous", "country", "sector", "operates_in", "members")
LIST_KEYS = ("names", "adjectives", "demonyms", "capitals", "ambiguous", "members")
CODE = re.compile(r"^[A-Z0-9]{3}([A-Z0-9]{3})*$")
SECTOR = re.compile(r"^[A-Z]{3}$")
AGENT_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")  # a sector, or stacked CAMEO agent codes
SHIPPED = ("countries.jsonl", "territories.jsonl", "disputed.jsonl", "organisations.jsonl",
           "armed_groups.jsonl", "regions.jsonl", "agencies.jsonl")
OFFICE_HOLDERS = "office_holders.jsonl"
# Historical office holders converted from the Phoenix dictionaries
# (scripts/phoenix_people.py); read before OFFICE_HOLDERS, which wins on a clash.
LEADERS_HISTORY = "leaders_history.jsonl"
STOP_KIND = "stop"
PERSON_KIND = "person"
# Offices named by the sector of the body they belong to, for people known only by that.
GENERIC_OFFICES = {"government": "GOV", "military": "MIL", "legislature": "LEG",
                   "opposition": "OPP", "judiciary": "JUD", "rebel": "REB", "party": "PTY",
                   "police": "COP", "intelligence": "SPY"}
OFFICES = {"head_of_state": "GOV", "head_of_government": "GOV", "foreign_minister": "GOV",
           "defence_minister": "GOV", **GENERIC_OFFICES}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ROLE_KEYS = frozenset({"country", "office", "title", "valid_from", "valid_to"})


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from ``valid_from`` to ``valid_to`` (ISO dates, inclusive; ``None``
    is open)."""

    country: str
    office: str
    title: str
    valid_from: str | None
    valid_to: str | None

    def covers(self, date: str) -> bool:
        return (self.valid_from is None or self.valid_from <= date) and \
            (self.valid_to is None or date <= self.valid_to)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One string and what it denotes. A person's entry has ``roles``; which one applies
    depends on the document's date (``role_at``)."""

    text: str
    code: str
    country: str | None
    sector: str | None
    kind: str  # name, adjective, demonym, capital, person
    ambiguous: bool
    origin: str
    roles: tuple[Role, ...] = ()
    type: str = "state"  # the entry's type: state, territory, disputed, region, igo, ...
    # The actors a collective name stands for, each an actor of its own ('the Baltic
    # states': EST, LVA, LTU); empty for a name of one actor.
    members: tuple[str, ...] = ()

    def role_at(self, date: str | None) -> Role | None:
        """The role held on ``date``: the first listed that covers it. Without a date, the
        role still held (or the latest). On a date outside every role, the latest role
        begun by then (a former office holder is still known by it), else the first."""
        if not self.roles:
            return None
        if date is None:
            open_roles = [r for r in self.roles if r.valid_to is None]
            return open_roles[0] if open_roles else max(
                self.roles, key=lambda r: r.valid_to or "")
        for role in self.roles:
            if role.covers(date):
                return role
        begun = [r for r in self.roles if r.valid_from is None or r.valid_from <= date]
        return max(begun, key=lambda r: r.valid_from or "") if begun else self.roles[0]


@dataclass(frozen=True)
class ActorDictionary:
    entries: dict[str, ActorEntry]
    agents: dict[str, str]  # head-noun lemma -> sector code
    files: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.entries)


def _read_actor_file(path: Path, entries: dict[str, ActorEntry]) -> None:
    for line_no, row in read_jsonl(path, required=("code", "names"), allowed=KEYS):
        code = row["code"]
        if not isinstance(code, str) or not CODE.match(code):
            raise DataError(str(path), line_no, f"bad code {code!r}",
                            "codes are upper-case letters or digits in groups of three, "
                            "like 'AZE' or 'AZEMIL'")
        for key in LIST_KEYS:
            value = row.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip()
                                                      for v in value):
                raise DataError(str(path), line_no, f"{key!r} must be a list of strings")
        bad = [m for m in row.get("members", []) if not CODE.match(m)]
        if bad:
            raise DataError(str(path), line_no, f"bad member code {bad[0]!r}",
                            "members are actor codes like 'EST'")
        if not row["names"]:
            raise DataError(str(path), line_no, "'names' is empty", "give at least one name")
        sector = row.get("sector")
        if sector is not None and (not isinstance(sector, str) or not SECTOR.match(sector)):
            raise DataError(str(path), line_no, f"bad sector {sector!r}",
                            "a PLOVER sector code such as GOV, MIL, REB")
        country = row.get("country", code[:3] if row.get("type", "state") == "state" else None)
        ambiguous = set(row.get("ambiguous", []))
        for kind, key in (("name", "names"), ("adjective", "adjectives"),
                          ("demonym", "demonyms"), ("capital", "capitals")):
            for text in row.get(key, []):
                entry = ActorEntry(
                    text=text, code=code, country=country,
                    # A capital stands for its government ('Tiraspol' for Transnistria's).
                    sector="GOV" if kind == "capital" and sector in (None, "PRE") else sector,
                    kind=kind, ambiguous=text in ambiguous, origin=f"{path.name}:{line_no}",
                    type=str(row.get("type", "state")),
                    members=tuple(row.get("members", ())),
                )
                for variant in _variants(text):
                    entries[variant] = entry


def _variants(text: str) -> tuple[str, ...]:
    """The string as written, and with a typographic apostrophe if it has a straight one."""
    if "'" in text:
        return (text, text.replace("'", "\u2019"))
    return (text,)


def _read_stop_phrases(path: Path, entries: dict[str, ActorEntry]) -> None:
    """Phrases that contain an actor's name but name none ('South China Sea').

    They are matched like names; being longer, they win, and are then dropped."""
    for line_no, row in read_jsonl(path, required=("text",), allowed=("text",)):
        text = str(row["text"])
        for variant in _variants(text):
            entries[variant] = ActorEntry(text, "", None, None, STOP_KIND, False,
                                          f"{path.name}:{line_no}")


def _read_office_holders(path: Path, entries: dict[str, ActorEntry]) -> None:
    """People and their dated offices; the code comes from the role at the document's
    date."""
    file = path.name
    for line_no, row in read_jsonl(path, required=("name", "names", "roles"),
                                   allowed=("name", "names", "ambiguous", "roles")):
        names, roles = row["names"], row["roles"]
        if not isinstance(names, list) or not names or not all(
                isinstance(n, str) and n.strip() for n in names):
            raise DataError(str(path), line_no, "'names' must be a non-empty list of strings")
        if not isinstance(roles, list) or not roles:
            raise DataError(str(path), line_no, "'roles' must be a non-empty list")
        parsed = []
        for role in roles:
            if not isinstance(role, dict) or role.keys() != ROLE_KEYS:
                raise DataError(str(path), line_no, "each role needs exactly country, office, "
                                "title, valid_from, valid_to")
            country, office = role["country"], role["office"]
            if not isinstance(country, str) or not CODE.match(country) or len(country) != 3:
                raise DataError(str(path), line_no, f"bad country {country!r}")
            if office not in OFFICES:
                raise DataError(str(path), line_no, f"bad office {office!r}",
                                "one of " + ", ".join(OFFICES))
            for key in ("valid_from", "valid_to"):
                value = role[key]
                if value is not None and not (isinstance(value, str) and DATE.match(value)):
                    raise DataError(str(path), line_no, f"bad {key} {value!r}",
                                    "an ISO date YYYY-MM-DD, or null")
            parsed.append(Role(country, office, str(role["title"]), role["valid_from"],
                               role["valid_to"]))
        ambiguous = set(row.get("ambiguous", []))
        first, held, origin = parsed[0], tuple(parsed), f"{file}:{line_no}"
        for text in names:
            entry = ActorEntry(text=text, code=first.country + OFFICES[first.office],
                               country=first.country, sector=OFFICES[first.office],
                               kind=PERSON_KIND, ambiguous=text in ambiguous,
                               origin=origin, roles=held, type="person")
            for variant in _variants(text):
                entries[variant] = entry


def agent_sector(agents: dict[str, str], tok: Token) -> str | None:
    """The sector a single agent word names, by lemma ('ministers') or as written."""
    return agents.get(tok.lemma_.lower()) or agents.get(tok.lower_)


def _holds_people(path: Path) -> bool:
    """An overlay of office holders (rows with ``roles``) rather than of actors."""
    for _, row in read_jsonl(path):
        return "roles" in row
    return False


def load_agents(path: Path | None = None, overlays: Iterable[str | Path] = (),
                shipped: bool = True) -> dict[str, str]:
    """Agent words (lower case; a phrase such as 'foreign minister' is allowed) and the
    sector each names: the shipped file (unless ``shipped`` is False), then each overlay
    in order (later wins)."""
    agents: dict[str, str] = {}
    base = [path or data_path("actors", "agents.jsonl")] if shipped else []
    for i, file in enumerate([*base, *overlays]):
        file = Path(file)
        if (i > 0 or not shipped) and not file.is_file():
            raise DataError(str(file), None, "agent file not found",
                            "check the path given to --agents")
        for line_no, row in read_jsonl(file, required=("word", "sector"),
                                       allowed=("word", "sector")):
            word, sector = row["word"], row["sector"]
            if not isinstance(word, str) or not word.strip():
                raise DataError(str(file), line_no, "'word' must be non-empty text")
            if not isinstance(sector, str) or not AGENT_CODE.match(sector):
                raise DataError(str(file), line_no, f"bad sector {sector!r}",
                                "a PLOVER sector code such as GOV, MIL, REB")
            agents[" ".join(word.lower().split())] = sector
    return agents


def load_actors(overlays: Iterable[str | Path] = (),
                agent_overlays: Iterable[str | Path] = (), *,
                shipped: bool = True) -> ActorDictionary:
    """The shipped dictionaries, then each overlay file in order. With ``shipped=False``
    only the given files are read: a custom actor set that replaces ours."""
    entries: dict[str, ActorEntry] = {}
    files = []
    for name in SHIPPED if shipped else ():
        path = data_path("actors", name)
        _read_actor_file(path, entries)
        files.append(str(path))
    if shipped:
        for name in (LEADERS_HISTORY, OFFICE_HOLDERS):  # the curated file last: it wins
            people = data_path("actors", name)
            if people.is_file():
                _read_office_holders(people, entries)
                files.append(str(people))
        stop = data_path("actors", "stop_phrases.jsonl")
        _read_stop_phrases(stop, entries)
        files.append(str(stop))
    for overlay in overlays:
        path = Path(overlay)
        if not path.is_file():
            raise DataError(str(path), None, "actor dictionary not found",
                            "check the path given to --actors")
        if _holds_people(path):
            _read_office_holders(path, entries)
        else:
            _read_actor_file(path, entries)
        files.append(str(path))
    agent_files = [str(p) for p in agent_overlays]
    return ActorDictionary(entries, load_agents(overlays=agent_files, shipped=shipped),
                           (*files, *agent_files))

"""The actor dictionary: which words name which state, organisation or group.

Shipped data lives in ``dyads/data/actors/*.jsonl``; users overlay their own files with
``--actors FILE``. One JSON object per line::

    {"code": "AZE", "names": ["Azerbaijan"], "adjectives": ["Azerbaijani"],
     "demonyms": ["Azerbaijanis"], "capitals": ["Baku"], "ambiguous": [],
     "country": "AZE", "sector": null, "type": "state"}

Only ``code`` and ``names`` are required. A later file wins for a string that an
earlier file also lists, so an overlay can re-code a shipped name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import data_path, read_jsonl
from ..errors import DataError

KEYS = ("code", "type", "un", "name", "names", "adjectives", "demonyms", "capitals",
        "ambiguous", "country", "sector")
LIST_KEYS = ("names", "adjectives", "demonyms", "capitals", "ambiguous")
CODE = re.compile(r"^[A-Z0-9]{3}([A-Z0-9]{3})*$")
SECTOR = re.compile(r"^[A-Z]{3}$")
AGENT_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")  # a sector, or stacked CAMEO agent codes
SHIPPED = ("countries.jsonl", "territories.jsonl")
STOP_KIND = "stop"


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One string and what it denotes."""

    text: str
    code: str
    country: str | None
    sector: str | None
    kind: str  # name, adjective, demonym, capital
    ambiguous: bool
    origin: str


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
                    sector="GOV" if kind == "capital" and sector is None else sector,
                    kind=kind, ambiguous=text in ambiguous, origin=f"{path.name}:{line_no}",
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
        stop = data_path("actors", "stop_phrases.jsonl")
        _read_stop_phrases(stop, entries)
        files.append(str(stop))
    for overlay in overlays:
        path = Path(overlay)
        if not path.is_file():
            raise DataError(str(path), None, "actor dictionary not found",
                            "check the path given to --actors")
        _read_actor_file(path, entries)
        files.append(str(path))
    agent_files = [str(p) for p in agent_overlays]
    return ActorDictionary(entries, load_agents(overlays=agent_files, shipped=shipped),
                           (*files, *agent_files))

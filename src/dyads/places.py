"""Places: the gazetteer that ships in ``data/places/gazetteer.jsonl`` (capitals, cities,
regions, towns, bases and crossings, with their country and coordinates) and
``data/places/countries.jsonl`` (every state and territory, at its approximate centre),
and a matcher that finds them in parsed text.

A place is not an actor: "Tel Aviv" in "a bombing in Tel Aviv" says where an event
happened, and so which state's soil it happened on. The actor dictionaries decide what a
name does; the gazetteer only says where it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .datafiles import data_path, read_jsonl
from .errors import DataError
from .phrases import PhraseIndex, longest

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})?$")
KINDS = frozenset({"country", "capital", "city", "town", "region", "base", "crossing"})
COUNTRY = "country"  # the kind of a whole state or territory: the coarsest place
KEYS = ("name", "names", "country", "kind", "lat", "lon")


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str  # ISO alpha-3, or a territory's code as the actor dictionaries give it
    # ('AZEART': Nagorno-Karabakh); the state is its first three letters
    kind: str
    lat: float
    lon: float
    origin: str  # file:line


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """Tokens ``start``..``end`` (exclusive) of a Doc name ``place``."""

    start: int
    end: int
    place: Place


def load_gazetteer(paths: Sequence[str | Path] = ()) -> dict[str, Place]:
    """Surface form -> place, from the shipped countries, the shipped gazetteer and then
    ``paths`` (a later file wins a form an earlier one lists, so a city wins a form it
    shares with its country). A bad row raises ``DataError`` naming file and line."""
    forms: dict[str, Place] = {}
    shipped = (data_path("places", "countries.jsonl"), data_path("places", "gazetteer.jsonl"))
    for path in (*shipped, *map(Path, paths)):
        for line_no, row in read_jsonl(path, required=KEYS, allowed=KEYS):
            names, country, kind = row["names"], row["country"], row["kind"]
            if not isinstance(names, list) or not names or not all(
                    isinstance(n, str) and n.strip() for n in names):
                raise DataError(str(path), line_no, "'names' must be a non-empty list of text")
            if not (isinstance(country, str) and CODE.match(country)):
                raise DataError(str(path), line_no, f"bad country {country!r}",
                                "a state's code such as 'UKR', or a territory's as the "
                                "actor dictionaries give it, such as 'AZEART'")
            if kind not in KINDS:
                raise DataError(str(path), line_no, f"bad kind {kind!r}",
                                "one of " + ", ".join(sorted(KINDS)))
            lat, lon = row["lat"], row["lon"]
            if not (isinstance(lat, int | float) and isinstance(lon, int | float)
                    and -90 <= lat <= 90 and -180 <= lon <= 180):
                raise DataError(str(path), line_no, f"bad coordinates {lat!r}, {lon!r}",
                                "lat in [-90, 90] and lon in [-180, 180], in degrees")
            place = Place(str(row["name"]), country, kind, float(lat), float(lon),
                          f"{path.name}:{line_no}")
            for name in names:
                forms[name] = place
    return forms


class PlaceMatcher:
    """Case-sensitive matching of every gazetteer form; the longest match wins."""

    def __init__(self, nlp: Language, gazetteer: dict[str, Place]) -> None:
        self.index = PhraseIndex(nlp, gazetteer.items())

    def __call__(self, doc: Doc) -> list[PlaceMention]:
        return [PlaceMention(start, end, place)
                for start, end, place in longest(self.index.matches(doc))]

    def find(self, doc: Doc) -> tuple[list[PlaceMention], list[PlaceMention]]:
        """The places finer than a country (longest first, as if no country were
        listed), and the countries named outside them, each in text order. The event
        coder reads only the first: a country's name is an actor's, not a place's."""
        found = list(self.index.matches(doc))
        finer = [PlaceMention(start, end, place) for start, end, place
                 in longest(m for m in found if m[2].kind != COUNTRY)]
        if len(finer) == len(found):
            return finer, []
        inside = {i for m in finer for i in range(m.start, m.end)}
        countries = [PlaceMention(start, end, place) for start, end, place in longest(found)
                     if place.kind == COUNTRY
                     and not any(i in inside for i in range(start, end))]
        return finer, countries


@lru_cache(maxsize=4)
def shipped_matcher(nlp: Language) -> PlaceMatcher:
    """The matcher for the shipped gazetteer, built once per model."""
    return PlaceMatcher(nlp, load_gazetteer())


def by_token(mentions: Iterable[PlaceMention]) -> dict[int, PlaceMention]:
    return {i: m for m in mentions for i in range(m.start, m.end)}

"""The same event told by several articles: when two coded events are one, how well the
reports corroborate it, and which of their numbers disagree.

A *mention* is one coded event (its record). Mentions are one event when

- they agree on the key: the actor codes, the recipient codes (each a sorted set, so
  'Russia and Belarus' is 'Belarus and Russia'), the category (the PLOVER category, else
  the CAMEO root), negation, and modality, where ``alleged`` reads as ``actual`` (an
  allegation is a hedged report of the act) while a denial, a threat, a plan, a request
  and a hypothetical act each stay apart;
- their days (the event's own day, else the document's publication date) lie within the
  merge window of each other (``merge_window_days``); an undated mention merges with
  nothing;
- their places agree when both name one: the same place, or a country and a place in it
  (a place the facts stage only inferred is no place here);
- when the actor is unknown (no actor, or a ``---`` code), both name a place.

The store applies these rules incrementally (``dyads.store.merged``); the functions here
hold no state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Quantities whose disagreement is flagged: counts of one kind of thing. A plain
# ``count`` is left out, as two reports may count different things (shells, soldiers).
CONFLICT_KINDS = frozenset({"dead", "injured", "arrested", "displaced", "money", "share"})
# Readings of an event that confirm or contradict one another (see ``reading``).
AFFIRMED = "affirmed"
CONTRARY = "contrary"
Values = float | list[float]


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened, as its record names it."""

    text: str
    country: str | None
    kind: str | None

    @property
    def is_country(self) -> bool:
        return self.kind == "country"

    def agrees(self, other: Place | None) -> bool:
        """The same place, or a country and a place in it; no place agrees with any."""
        if other is None:
            return True
        if self.text.casefold() == other.text.casefold():
            return True
        if self.is_country and not other.is_country:
            return other.country is not None and other.country == self.country
        if other.is_country and not self.is_country:
            return self.country is not None and self.country == other.country
        return False

    def finer(self, other: Place | None) -> Place:
        """Of two places that agree, the one that says more (a town over its country)."""
        if other is None or (other.is_country and not self.is_country):
            return self
        if self.is_country and not other.is_country:
            return other
        return self


@dataclass(frozen=True, slots=True)
class MergeKey:
    """What two mentions of one event share."""

    actor: str  # sorted codes joined by ';', '' for none
    recipient: str
    category: str  # the PLOVER category, else the CAMEO root ('01')
    negated: bool
    modality: str

    @property
    def known_actor(self) -> bool:
        return bool(self.actor) and not any(c.startswith("---") for c in self.actor.split(";"))

    @property
    def reading(self) -> str | None:
        """``affirmed`` (it happened), ``contrary`` (denied, or said not to have
        happened), or None for a threat, plan, request or hypothetical act."""
        if self.modality == "actual":
            return CONTRARY if self.negated else AFFIRMED
        if self.modality == "denied":
            return CONTRARY
        return None


@dataclass(frozen=True, slots=True)
class Mention:
    """One coded event, as the merge reads it."""

    event_id: str
    doc_id: str
    cluster_id: str
    day: dt.date | None
    key: MergeKey
    place: Place | None
    hedged: bool  # hedged, or told as an allegation
    quantities: dict[str, Values] = field(default_factory=dict)


def codes(entities: Sequence[Mapping[str, Any]]) -> str:
    """The codes of a record's actor or recipient list, as a key: sorted, each once."""
    return ";".join(sorted({str(e.get("code") or "") for e in entities} - {""}))


def key_of(record: Mapping[str, Any]) -> MergeKey:
    modality = str(record.get("modality") or "actual")
    return MergeKey(
        actor=codes(record.get("actor") or ()),
        recipient=codes(record.get("recipient") or ()),
        category=str(record.get("event") or str(record["cameo"])[:2]),
        negated=bool(record.get("negated")),
        modality="actual" if modality == "alleged" else modality,
    )


def place_of(record: Mapping[str, Any]) -> Place | None:
    """The place the record's sentence names; an inferred place is none."""
    location = record.get("location")
    if not location or location.get("inferred") or not location.get("text"):
        return None
    return Place(str(location["text"]), location.get("country"), location.get("kind"))


def quantities_of(record: Mapping[str, Any]) -> dict[str, Values]:
    """The record's numbers by kind (``kind`` or ``kind:unit``): one value, or the sorted
    values when the sentence gives several of one kind ('12 soldiers and 3 civilians')."""
    found: dict[str, list[float]] = {}
    for q in record.get("quantities") or ():
        kind = str(q["kind"]) + (f":{q['unit']}" if q.get("unit") else "")
        found.setdefault(kind, []).append(float(q["value"]))
    return {k: (v[0] if len(v) == 1 else sorted(v)) for k, v in found.items()}


def mention_of(record: Mapping[str, Any], doc_id: str, cluster_id: str,
               day: str | dt.date | None) -> Mention:
    """The mention an event record makes; ``day`` is its stored day (the event's own
    day, else its document's publication date)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return Mention(
        event_id=str(record["id"]), doc_id=doc_id, cluster_id=cluster_id, day=day,
        key=key_of(record), place=place_of(record),
        hedged=bool(record.get("hedged")) or record.get("modality") == "alleged",
        quantities=quantities_of(record))


def within(first: dt.date, last: dt.date, day: dt.date, window: int) -> bool:
    """Would the span first..last, with ``day`` added, still be at most ``window`` days?"""
    return (max(last, day) - min(first, day)).days <= window


def add_quantities(table: dict[str, list[dict[str, Any]]], mention: Mention) -> None:
    """Add a mention's numbers to a merged event's table: kind -> the values reported,
    each with the events and documents that report it (never averaged)."""
    for kind, value in mention.quantities.items():
        rows = table.setdefault(kind, [])
        row = next((r for r in rows if r["value"] == value), None)
        if row is None:
            row = {"value": value, "events": [], "docs": []}
            rows.append(row)
        if mention.event_id not in row["events"]:
            row["events"].append(mention.event_id)
        if mention.doc_id not in row["docs"]:
            row["docs"].append(mention.doc_id)


def conflicts_of(table: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The kinds whose reports disagree (two or more values), with every value."""
    return {kind: list(rows) for kind, rows in sorted(table.items())
            if len(rows) > 1 and kind.split(":", 1)[0] in CONFLICT_KINDS}


def corroboration(reports: int, sources: int, hedged_share: float,
                  contested_share: float) -> float:
    """How well the reports of one event bear it out, in [0, 1):

        (1 - 0.5 ** ((reports + sources) / 2)) * (1 - hedged_share / 2)
                                               * (1 - contested_share / 2)

    ``reports`` are independently written articles (near-duplicate clusters), ``sources``
    distinct outlets among all their articles; one plain report scores 0.5, three from
    three outlets 0.875. Hedged mentions and reports that contradict it (denials, 'did
    not') each take up to half off."""
    evidence = max(0.0, (reports + sources) / 2)
    score = (1.0 - float(0.5 ** evidence)) * (1 - hedged_share / 2) * \
        (1 - contested_share / 2)
    return round(min(max(score, 0.0), 1.0), 3)

"""Places: where an event happened, from the gazetteer's places in its sentence.

In order of preference: a place in a locative phrase ('in', 'at', 'near', 'on', ...)
attached to the event's trigger ('shelled the town near Bakhmut' is attached to the
object, 'clashes in Tripoli' to the trigger); else any place in the sentence that is not
one of the event's participants, a locative one first, the nearest to the trigger first.
A country is the coarsest place: it is taken only when the sentence names no finer one,
and only from a phrase of being inside it ('in', 'inside', 'across', 'throughout',
'within') on the trigger or the verb that governs it ('shelled positions in Ukraine';
'near the border with Chad' is not in Chad, 'Russia attacked Ukraine' names a
participant). A document's events with no place of their own get the document's main
conflict location (see ``ConflictPlaces``), marked ``inferred``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..models import Event, Location
from ..places import COUNTRY, Place, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LOCATIVE = frozenset({"in", "at", "near", "on", "outside", "inside", "around", "across",
                      "throughout", "within", "off"})
# Hostile events (quad classes 3, verbal conflict, and 4, material conflict) decide a
# document's main conflict location.
HOSTILE_QUADS = frozenset({3, 4})
# The prepositions that put an event inside a country; 'near', 'at', 'off' do not.
INSIDE = frozenset({"in", "inside", "across", "throughout", "within"})
CLIMB = 4  # how far up from a place's name a locative preposition is looked for


def location(place: Place, inferred: bool = False) -> Location:
    return Location(place.name, place.country, place.lat, place.lon, inferred, place.kind)


def _inside_head(doc: Doc, mention: PlaceMention) -> Token | None:
    """The word 'in <country>' is attached to, when the country is the whole object of
    the preposition (or a conjunct of it: 'in Syria and Iraq'), else None ('in the Gulf
    of Guinea' is not in Guinea)."""
    tok = doc[mention.start]
    while mention.start <= tok.head.i < mention.end and tok.head.i != tok.i:
        tok = tok.head
    for _ in range(CLIMB):
        if tok.dep_ != "conj" or tok.head.i == tok.i:
            break
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in INSIDE \
            and head.head.i != head.i:
        return head.head
    return None


def _locative_head(doc: Doc, mention: PlaceMention) -> Token | None:
    """The word a locative phrase holding the place is attached to, if any: 'in' of
    'in Tripoli', 'near' of 'near the town of Izium'."""
    tok = doc[mention.start]
    while mention.start <= tok.head.i < mention.end and tok.head.i != tok.i:
        tok = tok.head
    for _ in range(CLIMB):
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in LOCATIVE:
            return head.head
        if tok.dep_ not in ("pobj", "compound", "appos", "nmod", "amod", "conj") \
                and not (tok.dep_ == "prep" and tok.lower_ == "of"):
            return None
        tok = head
    return None


def _governor(trigger: Token) -> Token:
    """A noun trigger's verb ('launched an attack'), or the trigger itself."""
    tok = trigger
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return trigger


def sentence_place(trigger: Token, mentions: Sequence[PlaceMention],
                   taken: set[int]) -> Location | None:
    """The most plausible place of the event ``trigger`` names, of the places named in
    its sentence (``mentions``); ``taken`` are the token positions of its participants."""
    best: tuple[int, int, PlaceMention] | None = None
    governor = _governor(trigger)
    country: tuple[int, PlaceMention] | None = None
    for mention in mentions:
        if any(i in taken for i in range(mention.start, mention.end)):
            continue
        if mention.place.kind == COUNTRY:  # kept in case no finer place is named
            head = _inside_head(trigger.doc, mention)
            if head is not None and (head.i in (trigger.i, governor.i)
                                     or head.head.i == trigger.i):
                distance = min(abs(mention.start - trigger.i),
                               abs(mention.end - 1 - trigger.i))
                if country is None or distance < country[0]:
                    country = (distance, mention)
            continue
        head = _locative_head(trigger.doc, mention)
        if head is None:
            rank = 0
        elif head.i == trigger.i:
            rank = 3
        elif head.i == governor.i or head.head.i == trigger.i:
            rank = 2  # 'launched an attack in X', 'shelled positions near X'
        else:
            rank = 1
        distance = min(abs(mention.start - trigger.i), abs(mention.end - 1 - trigger.i))
        key = (rank, -distance)
        if best is None or key > best[:2]:
            best = (rank, -distance, mention)
    if best is not None:
        return location(best[2].place)
    return location(country[1].place) if country is not None else None


class ConflictPlaces:
    """A document's tally of where its hostile events happened. The main conflict
    location is the place its material-conflict events (quad class 4: force, coercion,
    mobilisation) name most often, else the one its verbal-conflict events (quad class
    3: accusations, threats, protests) do; the first named wins a tie. A country is
    counted only when none of them names a finer place."""

    def __init__(self) -> None:
        self.counts: dict[int, Counter[str]] = {}
        self.places: dict[str, Location] = {}
        self.order: dict[str, int] = {}

    def add(self, event: Event) -> None:
        where = event.location
        if where is None or where.inferred or event.quad_class not in HOSTILE_QUADS:
            return
        self.counts.setdefault(event.quad_class, Counter())[where.text] += 1
        self.places.setdefault(where.text, where)
        self.order.setdefault(where.text, len(self.order))

    def main(self) -> Location | None:
        # a country only when no hostile event names a finer place
        # the tally passes over countries while a finer place is known
        finer = {n for n, where in self.places.items() if where.kind != COUNTRY}
        for quad in sorted(self.counts, reverse=True):
            counts = self.counts[quad]
            names = [n for n in counts if n in finer] if finer else list(counts)
            if not names:
                continue
            name = max(names, key=lambda n: (counts[n], -self.order[n]))
            found = self.places[name]
            return replace(found, inferred=True)
        return None

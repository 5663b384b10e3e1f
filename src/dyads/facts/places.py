"""Places: where an event happened, from the gazetteer's places in its sentence.

In order of preference: a place in a locative phrase ('in', 'at', 'near', 'on', ...)
attached to the event's trigger ('shelled the town near Bakhmut' is attached to the
object, 'clashes in Tripoli' to the trigger); else any place in the sentence that is not
one of the event's participants, a locative one first, the nearest to the trigger first.
A document's events with no place of their own get the document's main conflict
location (see ``ConflictPlaces``), marked ``inferred``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import Event, Location
from ..places import Place, PlaceMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

LOCATIVE = frozenset({"in", "at", "near", "on", "outside", "inside", "around", "across",
                      "throughout", "within", "off"})
# Hostile events (quad classes 3, verbal conflict, and 4, material conflict) decide a
# document's main conflict location.
HOSTILE_QUADS = frozenset({3, 4})
CLIMB = 4  # how far up from a place's name a locative preposition is looked for


def location(place: Place, inferred: bool = False) -> Location:
    return Location(place.name, place.country, place.lat, place.lon, inferred)


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
    for mention in mentions:
        if any(i in taken for i in range(mention.start, mention.end)):
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
    return location(best[2].place) if best is not None else None


class ConflictPlaces:
    """A document's tally of where its hostile events happened. The main conflict
    location is the place its material-conflict events (quad class 4: force, coercion,
    mobilisation) name most often, else the one its verbal-conflict events (quad class
    3: accusations, threats, protests) do; the first named wins a tie."""

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
        for quad in sorted(self.counts, reverse=True):
            counts = self.counts[quad]
            name = max(counts, key=lambda n: (counts[n], -self.order[n]))
            found = self.places[name]
            return Location(found.text, found.country, found.lat, found.lon, True)
        return None

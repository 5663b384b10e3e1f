"""The facts stage: when and where each event happened (``Event.date``, ``Event.location``).

It runs in two halves. ``FactFinder`` runs where a block is parsed (in a worker, perhaps):
it finds the expressions of time in the sentences that have events, picks the one that
belongs to each event, and picks each event's place. ``DocumentFacts`` runs where a
document's blocks come together, in reading order: it resolves the expressions against
the publication date and the dates established earlier in the document, and gives the
events with no place of their own the document's main conflict location.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..models import Block, DateRef, Event, Location, Sentence
from ..places import PlaceMention
from .dates import GATE_WORDS, KEY_WORDS, YEAR_GATE, DateExpr, DateResolver, find_dates, open_gates
from .places import ConflictPlaces, sentence_place

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

__all__ = ["BlockFacts", "DocumentFacts", "FactFinder"]

CONTEXT = "context:"


@dataclass(frozen=True, slots=True)
class BlockFacts:
    """What a block says about when and where: its expressions of time in order, and for
    each of its events the index of its own expression (or None) and its place."""

    dates: tuple[DateExpr, ...] = ()
    chosen: tuple[int | None, ...] = ()
    places: tuple[Location | None, ...] = ()


class FactFinder:
    """Dates and places for the events of a parsed block.

    It runs on every event, so it is lean: a sentence's words (the tokenizer's, in lower
    case) open the date patterns it may hold before any of them runs, and places are
    looked for only in sentences where the gazetteer matched."""

    requires = ("token.dep", "doc.sents", "events")
    assigns = ("event.date", "event.location")

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.words = {strings.add(w): w for w in GATE_WORDS}
        self.word_ids = frozenset(self.words)
        self.key_ids = frozenset(strings.add(w) for w in KEY_WORDS)

    def __call__(self, doc: Doc, block: Block, events: Sequence[Event],
                 places: Sequence[PlaceMention]) -> BlockFacts:
        if not events:
            return EMPTY
        rows = doc.to_array(ATTRS)
        lowers = rows[:, 1].tolist()
        timely = not self.key_ids.isdisjoint(lowers) or YEAR_GATE.search(block.text)
        if not timely and not places:
            return BlockFacts((), (None,) * len(events), (None,) * len(events))
        offset = block.start
        at = _Tokens(doc, rows[:, 0].tolist())
        dates: list[tuple[int, DateExpr]] = []  # (the sentence's offset, expression)
        # sentence start -> its slice of dates, and the places it names
        found: dict[int, tuple[int, int, list[PlaceMention]]] = {}
        chosen: list[int | None] = []
        located: list[Location | None] = []
        for event in events:
            sentence = event.sentence
            known = found.get(sentence.start)
            if known is None:
                base = sentence.start - offset
                tokens = at.range(base, sentence.end - offset)
                first = len(dates)
                if timely:
                    text = sentence.text
                    words = lowers[tokens.start:tokens.stop]
                    hits = self.word_ids.intersection(words) \
                        if not self.key_ids.isdisjoint(words) else frozenset()
                    if hits or YEAR_GATE.search(text):
                        gates = open_gates(text, {self.words[h] for h in hits})
                        # a dateline's date ('BAKU, Sept. 21 (Wire) - ...') is the
                        # report's, not the events'
                        line = DATELINE.match(text)
                        after = line.end() if line else 0
                        dates.extend((base, x) for x in find_dates(text, gates)
                                     if x.start >= after)
                here = [m for m in places if tokens.start <= m.start < tokens.stop]
                known = found[sentence.start] = (first, len(dates), here)
            first, last, here = known
            if first == last and not here:
                chosen.append(None)
                located.append(None)
                continue
            trigger = at.root(event.trigger.start - offset, event.trigger.end - offset)
            if trigger is None:
                chosen.append(None)
                located.append(None)
                continue
            chosen.append(_choose(at, trigger, dates, first, last))
            located.append(sentence_place(trigger, here, _taken(at, event, offset))
                           if here else None)
        if any(dates[k][0] + dates[k][1].start > dates[k + 1][0] + dates[k + 1][1].start
               for k in range(len(dates) - 1)):
            order = sorted(range(len(dates)), key=lambda k: dates[k][0] + dates[k][1].start)
            rank = {k: n for n, k in enumerate(order)}
            return BlockFacts(tuple(dates[k][1] for k in order),
                              tuple(None if c is None else rank[c] for c in chosen),
                              tuple(located))
        return BlockFacts(tuple(x for _, x in dates), tuple(chosen), tuple(located))


EMPTY = BlockFacts()
# A wire dateline: a place in capitals, a date, perhaps the agency, then a dash.
DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,40},[^\n]{0,40}?\s[-\u2013\u2014]\s")
ATTRS: list[int | str] = ["IDX", "LOWER"]  # token offsets, lower-case forms


class _Tokens:
    """Characters of a block to its tokens, by the tokens' offsets (no Span built)."""

    def __init__(self, doc: Doc, idx: list[int]) -> None:
        self.doc = doc
        self.idx = idx

    def range(self, start: int, end: int) -> range:
        """The tokens that overlap characters start..end."""
        first = bisect_right(self.idx, start) - 1
        if first < 0:
            first = 0
        stop = bisect_left(self.idx, end)
        return range(first, stop if stop > first else first + 1)

    def root(self, start: int, end: int) -> Token | None:
        """The token of start..end whose head is outside it."""
        if not self.idx or end <= start:
            return None
        span = self.range(start, end)
        doc = self.doc
        tok = doc[span.start]
        for _ in range(len(span)):
            head = tok.head
            if head.i == tok.i or not (span.start <= head.i < span.stop):
                return tok
            tok = head
        return tok


def _taken(at: _Tokens, event: Event, offset: int) -> set[int]:
    """The token positions of the event's participants, and of its speaker ('officials
    in Kabul said ...'). A place that stands in for its state because the sentence names
    no party ('clashed with rebels near Aleppo' -> SYR, source 'context:place') is where
    the event happened, not who took part in it."""
    taken: set[int] = set()
    for e in (*event.actor, *event.recipient):
        if not e.source.startswith(CONTEXT):
            taken.update(at.range(e.start - offset, e.end - offset))
    if event.attribution is not None:
        taken.update(at.range(event.attribution.start - offset,
                              event.attribution.end - offset))
    return taken


def _governor(tok: Token, trigger: Token) -> Token:
    """The first verb above ``tok`` (or the trigger, if reached first)."""
    for _ in range(8):
        if tok.i == trigger.i or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


# Verbs of saying: a date on one is when it was said ('officials said on Thursday').
SAYING = frozenset({"say", "tell", "announce", "report", "claim", "state", "add",
                    "confirm", "disclose", "reveal"})


def _coordinated(verb: Token, trigger: Token) -> bool:
    """Is ``verb`` the head of a clause of its own, with its own subject, coordinated
    below the trigger's ('buys oil, and its weapons made up 70% ... over five years')? A
    verb sharing the trigger's subject shares its time ('attacked Gaza and shelled Rafah
    on Thursday')."""
    tok = verb
    for _ in range(6):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            return True
        tok = tok.head
    return False


def _reports(verb: Token, trigger: Token) -> bool:
    """Does ``verb`` govern the clause the trigger is in (or the trigger govern it as a
    parenthetical: 'X supplied Y, officials said')?"""
    tok = trigger
    for _ in range(6):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i == verb.i:
            return True
    return verb.head.i == trigger.i


def _choose(at: _Tokens, trigger: Token, dates: list[tuple[int, DateExpr]], first: int,
            last: int) -> int | None:
    """The expression of time that belongs to the event: the sentence's only one, unless
    it hangs on a clause of its own coordinated with the event's ('X buys oil from Y, and
    Z's weapons made up 70% of its imports over five years') or on a verb of saying that
    reports the event ('Y
    supplied X with drones, officials said on Thursday'); else one attached to its
    trigger in the parse, else one attached to the verb that governs it ('launched an
    attack on Monday'), else the nearest."""
    if last - first < 2:
        if last == first:
            return None
        base, x = dates[first]
        root = at.root(base + x.start, base + x.end)
        if root is not None and trigger.pos_ in ("VERB", "AUX"):
            above = _governor(root.head if root.head.i != root.i else root, trigger)
            if above.i != trigger.i and (_coordinated(above, trigger) or (
                    above.lemma_ in SAYING and _reports(above, trigger))):
                return None
        return first
    verb = _governor(trigger.head, trigger) if trigger.pos_ not in ("VERB", "AUX") \
        else trigger
    best: tuple[int, int, int] | None = None
    for k in range(first, last):
        base, x = dates[k]
        root = at.root(base + x.start, base + x.end)
        if root is None:
            continue
        span = at.range(base + x.start, base + x.end)
        above = _governor(root.head if root.head.i != root.i else root, trigger)
        rank = 2 if above.i == trigger.i else 1 if above.i == verb.i else 0
        distance = min(abs(span.start - trigger.i), abs(span.stop - 1 - trigger.i))
        if best is None or (rank, -distance) > best[:2]:
            best = (rank, -distance, k)
    return best[2] if best is not None else None


class DocumentFacts:
    """One document's dates and places, filled in reading order (see the module)."""

    def __init__(self, pub_date: str | None) -> None:
        self.dates = DateResolver(pub_date)
        self.conflict = ConflictPlaces()

    def apply(self, events: Sequence[Event],
              facts: BlockFacts) -> list[tuple[DateRef | None, Location | None]]:
        """The date and place of each of a block's events; call once per block, in
        reading order."""
        resolved: list[DateRef | None] = [self.dates.resolve(x) for x in facts.dates]
        if not facts.chosen:
            return [(None, None)] * len(events)
        return [(None if k is None else resolved[k], place)
                for k, place in zip(facts.chosen, facts.places, strict=True)]

    def period_of(self, sentence: Sentence) -> str | None:
        """When a relation stated in ``sentence`` held ('over the past five years', 'between
        2016 and 2020'): its period, else its only expression of time; resolved as an
        event's date is (a relation's sentence is read only where one was found)."""
        found = [r for r in map(self.dates.resolve, find_dates(sentence.text)) if r]
        periods = [r for r in found if r.precision == "period"]
        chosen = periods[0] if periods else found[0] if len(found) == 1 else None
        return chosen.iso if chosen is not None else None

    def add(self, event: Event) -> None:
        """An event kept in the document (its place counts towards the main one)."""
        self.conflict.add(event)

    def infer(self, events: list[Event]) -> list[Event]:
        """Events with no place of their own get the main conflict location, inferred."""
        main = self.conflict.main()
        if main is None:
            return events
        return [e if e.location is not None else replace(e, location=main) for e in events]

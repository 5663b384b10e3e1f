"""The facts stage: when and where each event happened (``Event.date``, ``Event.location``).

It runs in two halves. ``FactFinder`` runs where a block is parsed (in a worker, perhaps):
it finds the expressions of time in the sentences that have events, picks the one that
belongs to each event, and picks each event's place. ``DocumentFacts`` runs where a
document's blocks come together, in reading order: it resolves the expressions against
the publication date and the dates established earlier in the document, and gives the
events with no place of their own the document's main conflict location.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..models import Block, DateRef, Event, Location
from ..places import PlaceMention
from .dates import GATE_WORDS, YEAR_GATE, DateExpr, DateResolver, find_dates, open_gates
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
    """Dates and places for the events of a parsed block."""

    requires = ("token.dep", "doc.sents", "events")
    assigns = ("event.date", "event.location")

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.words = {strings.add(w): w for w in GATE_WORDS}

    def __call__(self, doc: Doc, block: Block, events: Sequence[Event],
                 places: Sequence[PlaceMention]) -> BlockFacts:
        if not events:
            return BlockFacts()
        lowers = doc.to_array("LOWER").tolist()
        dates: list[DateExpr] = []
        found: dict[int, tuple[int, int]] = {}  # sentence start -> its slice of dates
        chosen: list[int | None] = []
        located: list[Location | None] = []
        for event in events:
            trigger = _token(doc, block, event.trigger.start, event.trigger.end)
            if trigger is None:
                chosen.append(None)
                located.append(None)
                continue
            sent = trigger.sent
            if sent.start not in found:
                text = sent.text
                words = {self.words[h] for h in lowers[sent.start:sent.end]
                         if h in self.words}
                gates = open_gates(text, words) if words or YEAR_GATE.search(text) \
                    else set()
                first = len(dates)
                dates.extend(replace(x, start=x.start + sent.start_char,
                                     end=x.end + sent.start_char)
                             for x in find_dates(text, gates))
                found[sent.start] = (first, len(dates))
            first, last = found[sent.start]
            chosen.append(_choose(doc, trigger, dates, first, last))
            # A place that stands in for its state because the sentence names no party
            # ('clashed with rebels near Aleppo' -> SYR, source 'context:place') is where
            # the event happened, not who took part in it.
            taken = {i for e in (*event.actor, *event.recipient)
                     if not e.source.startswith(CONTEXT)
                     for i in _tokens(doc, block, e.start, e.end)}
            if event.attribution is not None:  # 'officials in Kabul said ...'
                taken.update(_tokens(doc, block, event.attribution.start,
                                     event.attribution.end))
            located.append(sentence_place(sent, trigger, places, taken))
        order = sorted(range(len(dates)), key=lambda k: dates[k].start)
        rank = {k: n for n, k in enumerate(order)}
        return BlockFacts(tuple(dates[k] for k in order),
                          tuple(None if c is None else rank[c] for c in chosen),
                          tuple(located))


def _token(doc: Doc, block: Block, start: int, end: int) -> Token | None:
    span = doc.char_span(start - block.start, end - block.start, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _tokens(doc: Doc, block: Block, start: int, end: int) -> range:
    span = doc.char_span(start - block.start, end - block.start, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _governor(tok: Token, trigger: Token) -> Token:
    """The first verb above ``tok`` (or the trigger, if reached first)."""
    for _ in range(8):
        if tok.i == trigger.i or tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _choose(doc: Doc, trigger: Token, dates: list[DateExpr], first: int,
            last: int) -> int | None:
    """The expression of time that belongs to the event: one attached to its trigger in
    the parse, else one attached to the verb that governs it ('launched an attack on
    Monday'), else the nearest."""
    if first == last:
        return None
    verb = _governor(trigger.head, trigger) if trigger.pos_ not in ("VERB", "AUX") \
        else trigger
    best: tuple[int, int, int] | None = None
    for k in range(first, last):
        span = doc.char_span(dates[k].start, dates[k].end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        above = _governor(root.head if root.head.i != root.i else root, trigger)
        rank = 2 if above.i == trigger.i else 1 if above.i == verb.i else 0
        distance = min(abs(span.start - trigger.i), abs(span.end - 1 - trigger.i))
        if best is None or (rank, -distance) > best[:2]:
            best = (rank, -distance, k)
    return best[2] if best is not None else None


class DocumentFacts:
    """One document's dates and places, filled in reading order (see the module)."""

    def __init__(self, pub_date: str | None) -> None:
        self.dates = DateResolver(pub_date)
        self.conflict = ConflictPlaces()

    def apply(self, events: Sequence[Event], facts: BlockFacts) -> list[Event]:
        """The block's events with their dates and places; call once per block, in
        order."""
        resolved: list[DateRef | None] = [self.dates.resolve(x) for x in facts.dates]
        if not events:
            return []
        return [replace(event, date=None if k is None else resolved[k], location=place)
                for event, k, place in zip(events, facts.chosen, facts.places, strict=True)]

    def add(self, event: Event) -> None:
        """An event kept in the document (its place counts towards the main one)."""
        self.conflict.add(event)

    def infer(self, events: list[Event]) -> list[Event]:
        """Events with no place of their own get the main conflict location, inferred."""
        main = self.conflict.main()
        if main is None:
            return events
        return [e if e.location is not None else replace(e, location=main) for e in events]

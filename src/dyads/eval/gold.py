"""What the gold-set readers return: one small frozen type per kind of annotation.

Each reader in ``dyads.eval`` turns one file format into these types and nothing else;
scoring (``dyads.eval.sets``) never looks at a file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GoldActor:
    """An actor as a gold record names it: the text, its code (ISO-3 or IGO/NGO...) and
    sector when given."""

    text: str
    code: str | None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class PloverRecord:
    """One PLOVER gold-standard record. ``event`` is the current PLOVER category (after
    mapping 0.5b1 names); ``event_original`` is what the file says."""

    id: str
    text: str
    date: str | None
    event: str
    event_original: str
    mode: str | None
    context: tuple[str, ...]
    actors: tuple[GoldActor, ...]
    recipients: tuple[GoldActor, ...]


@dataclass(frozen=True, slots=True)
class Coding:
    """One expected CAMEO triple."""

    source: str
    target: str
    cameo: str


@dataclass(frozen=True, slots=True)
class PetrarchRecord:
    """One PETRARCH validation sentence. ``expect`` is ``events`` (``codings`` lists
    them), ``none`` (the sentence should give no event) or ``error`` (the record tests
    the program's error handling; scored as ``none``)."""

    id: str
    category: str
    date: str | None  # ISO date
    text: str
    codings: tuple[Coding, ...]
    expect: str
    line: int  # where the record starts in its file, for error messages


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    """Tokens and their BIO tags, one per token."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """A typed character span of a document (``end`` exclusive)."""

    start: int
    end: int
    type: str
    text: str
    confidence: float


@dataclass(frozen=True, slots=True)
class EntityDocument:
    id: str
    collection: str
    text: str
    entities: tuple[GoldEntity, ...]

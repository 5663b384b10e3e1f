"""The records that flow through the pipeline: frozen, typed, and serialisable.

``Event.to_record()`` produces the public event record described in DESIGN.md; its
JSON Schema ships as ``dyads/data/schema/event.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.5"

MODALITIES = ("actual", "intended", "threatened", "requested", "alleged", "denied", "hypothetical")


@dataclass(frozen=True, slots=True)
class Document:
    """One input document. ``text`` may be empty when the document is streamed in blocks."""

    doc_id: str
    text: str
    source: str
    pub_date: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A blank-line separated unit of a document (a headline, a paragraph)."""

    doc_id: str
    start: int
    text: str
    pub_date: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor or recipient: who the words denote, and which rule decided it."""

    entity_text: str
    code: str
    country: str | None
    sector: str | None
    start: int
    end: int
    source: str = "dictionary"
    antecedent: Span | None = None  # set when coreference resolved a pronoun or description
    phrase: Span | None = None  # the whole noun phrase that fills the role

    @property
    def pending(self) -> bool:
        """A pronoun or description not yet resolved (no code until it is)."""
        return not self.code

    def to_record(self) -> dict[str, Any]:
        return {
            "entity_text": self.entity_text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "antecedent": self.antecedent.to_record() if self.antecedent else None,
            "phrase": self.phrase.to_record() if self.phrase else None,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    text: str
    value: float
    unit: str | None
    kind: str

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "value": self.value, "unit": self.unit, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class DateRef:
    text: str | None
    iso: str
    precision: str

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "iso": self.iso, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    country: str | None
    lat: float | None
    lon: float | None
    inferred: bool = False  # not named in the sentence: the document's main conflict place
    kind: str | None = None  # the gazetteer's kind: capital, city, ..., country

    def to_record(self) -> dict[str, Any]:
        return {"text": self.text, "country": self.country, "lat": self.lat, "lon": self.lon,
                "inferred": self.inferred, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event. ``sentence_index`` is the 0-based index in its document."""

    doc_id: str
    sentence_index: int
    n: int
    sentence: Sentence
    event: str | None
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    penta_class: int
    quad_class: int
    goldstein: float
    trigger: Span
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    # What the event is done to, named actor or not: the phrase that fills the recipient
    # slot ('released two aid workers', 'shelled a checkpoint near the border').
    target: Span | None = None
    negated: bool = False
    modality: str = "actual"
    hedged: bool = False
    attribution: Span | None = None
    quantities: tuple[Quantity, ...] = ()
    date: DateRef | None = None
    location: Location | None = None
    confidence: float = 0.5
    rule: str = ""

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.sentence_index}:{self.n}"

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "text": self.sentence.text,
            "text_info": {"start": self.sentence.start, "end": self.sentence.end},
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "penta_class": self.penta_class,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "trigger": self.trigger.to_record(),
            "actor": [e.to_record() for e in self.actor],
            "recipient": [e.to_record() for e in self.recipient],
            "target": self.target.to_record() if self.target else None,
            "negated": self.negated,
            "modality": self.modality,
            "hedged": self.hedged,
            "attribution": self.attribution.to_record() if self.attribution else None,
            "quantities": [q.to_record() for q in self.quantities],
            "date": self.date.to_record() if self.date else None,
            "location": self.location.to_record() if self.location else None,
            "confidence": self.confidence,
            "rule": self.rule,
            "schema_version": SCHEMA_VERSION,
        }


@dataclass(frozen=True, slots=True)
class Skip:
    """Something not coded, with the reason: a document, a block or a line."""

    source: str
    reason: str
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    code: str = "skip"

    def message(self) -> str:
        return f"skipped {self.source}: {self.reason}"

    def to_record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "doc_id": self.doc_id,
            "reason": self.reason,
            "code": self.code,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(slots=True)
class DocumentResult:
    """What coding one document produced; built in the main process, in input order.

    A long document arrives in parts: ``coded`` is True on the last part only."""

    doc_id: str
    source: str
    sentences: int = 0
    events: list[Event] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    coded: bool = False
    # Relations stated without an event (dyads.relations), with the setting `relations`.
    relations: list[Any] = field(default_factory=list)
    # Kept only when asked (``assemble(..., details=True)``, as ``dyads ingest`` does):
    # every sentence of the part, and every actor mention the dictionaries coded, with
    # the index of its sentence.
    sentence_list: list[Sentence] = field(default_factory=list)
    mentions: list[tuple[int, Entity]] = field(default_factory=list)

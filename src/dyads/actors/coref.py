"""Coreference within a document: pronouns and definite descriptions that stand for an
actor named earlier ("Azerbaijan ... its offensive", "the country", "the former").

The coder marks a role filled by such an expression as *pending* (an ``Entity`` with no
code). Documents are coded block by block, possibly in several processes, so resolution
happens afterwards, in document order, where every earlier mention is known
(``pipeline.assemble``). The antecedent is the most salient earlier mention that agrees
with the expression: recent mentions first, subjects preferred, and never the other
participant of the same event. The resolved entity keeps the expression's own offsets and
names its antecedent.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..models import Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

PRONOUNS = {
    "it": "it", "its": "it", "itself": "it",
    "they": "they", "them": "they", "their": "they", "themselves": "they",
    "he": "he", "him": "he", "his": "he", "she": "he", "her": "he",
}
# Head nouns of definite descriptions ("the Gulf state", "the regime") and what they
# can stand for; "government"-like words also give the antecedent the GOV sector.
DESCRIPTIONS = {
    **dict.fromkeys(("country", "nation", "state", "kingdom", "republic", "emirate",
                     "monarchy", "island"), "state"),
    **dict.fromkeys(("government", "regime", "administration", "authorities",
                     "leadership", "cabinet"), "government"),
    **dict.fromkeys(("army", "military"), "military"),
    **dict.fromkeys(("group", "militants", "rebels", "insurgents", "movement", "militia",
                     "organisation", "organization"), "group"),
    **dict.fromkeys(("alliance", "bloc"), "alliance"),
}
SECTOR_OF = {"government": "GOV", "military": "MIL"}
# Nouns that name one person by office or role: 'the Iranian president' or 'U.N.
# Secretary-General Kofi Annan' is someone a later 'he' or 'she' can stand for.
PERSON_TITLES = frozenset({
    "president", "minister", "premier", "chancellor", "secretary", "leader", "chief",
    "head", "chairman", "chairwoman", "chair", "spokesman", "spokeswoman", "spokesperson",
    "ambassador", "envoy", "diplomat", "consul", "negotiator", "mediator", "commander",
    "general", "officer", "official", "judge", "prosecutor", "lawmaker", "legislator",
    "senator", "deputy", "governor", "mayor", "king", "queen", "emir", "sheikh", "prince",
    "monarch", "sultan", "pope", "cleric", "bishop", "archbishop", "imam", "ayatollah",
    "coordinator", "representative", "director", "dictator", "strongman"})
MAX_DISTANCE = 1500  # characters back to look for an antecedent
HISTORY = 64  # mentions kept per document


def names_person(head: Token, first: int) -> bool:
    """Does the phrase from token ``first`` to its head ``head`` name one person by a
    title ('the Iranian president', 'U.N. Secretary-General Kofi Annan')?"""
    if head.tag_ in ("NNS", "NNPS"):
        return False
    return any(t.lemma_.lower() in PERSON_TITLES or t.lower_ in PERSON_TITLES
               for t in head.doc[first:head.i + 1])


def referring_form(tok: Token) -> str | None:
    """What kind of referring expression a token heads, if any: a pronoun ('it', 'they',
    'he'), a description ('desc:state', ...), or 'former' / 'latter'."""
    lower = tok.lower_
    if tok.pos_ == "PRON" or tok.tag_ == "PRP$":
        return PRONOUNS.get(lower)
    if lower in ("former", "latter"):
        form = lower
    elif tok.pos_ == "NOUN":
        kind = DESCRIPTIONS.get(tok.lemma_.lower()) or DESCRIPTIONS.get(lower)
        if kind is None or any(c.dep_ == "compound" and c.pos_ == "PROPN"
                               for c in tok.children):
            return None  # 'the Manitoba government' names a body
        form = "desc:" + kind
    else:
        return None
    # only with 'the' ('the country', 'the former'), read last: it scans the children
    return form if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
        else None


def pending(tok: Token, form: str, block_start: int, block_text: str) -> Entity:
    """A role filled by a referring expression, to be resolved later."""
    left = min((c for c in tok.subtree if c.dep_ == "det"), key=lambda t: t.i, default=tok) \
        if form.startswith("desc:") or form in ("former", "latter") else tok
    start, end = left.idx, tok.idx + len(tok.text)
    return Entity(entity_text=block_text[start:end], code="", country=None, sector=None,
                  start=block_start + start, end=block_start + end,
                  source=f"coreference:{form}")


@dataclass(frozen=True, slots=True)
class MentionRef:
    """An actor mention, as a possible antecedent."""

    entity: Entity
    person: bool
    plural: bool
    state: bool  # names a state (or its government), not a group
    group: bool  # an armed group or organisation
    subject: bool


class Resolver:
    """Earlier mentions of one document, and the resolution of pending entities."""

    def __init__(self) -> None:
        self.history: deque[MentionRef] = deque(maxlen=HISTORY)

    def add(self, refs: list[MentionRef]) -> None:
        self.history.extend(refs)

    def resolve(self, entity: Entity, exclude: tuple[Entity, ...] = (),
                upcoming: list[MentionRef] | None = None) -> Entity | None:
        """The pending ``entity`` resolved to an earlier mention, or None. ``upcoming``
        are this block's mentions (only those before the expression count)."""
        form = entity.source.split(":", 1)[1]
        candidates = [r for r in (*self.history, *(upcoming or ()))
                      if r.entity.end <= entity.start
                      and entity.start - r.entity.end <= MAX_DISTANCE
                      and r.entity.code not in {e.code for e in exclude}]
        if form in ("former", "latter"):
            return self._former_latter(entity, form, candidates)
        agreeing = [r for r in candidates if _agrees(r, form)]
        if form == "they" and not any(r.plural for r in agreeing):
            agreeing = [r for r in candidates if not r.person]
        elif form == "they":
            agreeing = [r for r in agreeing if r.plural]
        if not agreeing:
            return None
        # Recency first; a subject is worth two mentions of recency.
        best = agreeing[max(range(len(agreeing)),
                            key=lambda i: i + (2 if agreeing[i].subject else 0))]
        if not best.entity.code:
            return None  # refers to someone the dictionaries do not know
        return _resolved(entity, best, form)

    def _former_latter(self, entity: Entity, form: str,
                       candidates: list[MentionRef]) -> Entity | None:
        distinct: list[MentionRef] = []
        for ref in reversed(candidates):
            if not ref.person and all(ref.entity.code != d.entity.code for d in distinct):
                distinct.append(ref)
            if len(distinct) == 2:
                break
        if len(distinct) < 2 or not distinct[0 if form == "latter" else 1].entity.code:
            return None
        return _resolved(entity, distinct[0] if form == "latter" else distinct[1], form)


def _agrees(ref: MentionRef, form: str) -> bool:
    if form == "he":
        return ref.person
    if ref.person:
        return False
    if form == "it":
        return not ref.plural
    if form == "they":
        return True
    kind = form[5:]
    if kind in ("state", "government", "military"):
        return ref.state
    return ref.group


def _resolved(entity: Entity, ref: MentionRef, form: str) -> Entity:
    ante = ref.entity
    code, sector = ante.code, ante.sector
    kind = form[5:] if form.startswith("desc:") else None
    if kind == "state" and ante.country:  # 'the country' is the state itself
        code, sector = ante.country, None
    elif kind in SECTOR_OF and ante.country:  # 'the regime', 'the army'
        code, sector = ante.country + SECTOR_OF[kind], SECTOR_OF[kind]
    elif entity.sector and ante.country:  # 'its army': the owner's country, the sector
        code, sector = ante.country + entity.sector, entity.sector
    return replace(entity, code=code, country=ante.country, sector=sector,
                   source=f"{entity.source}>{ante.source}",
                   antecedent=Span(ante.entity_text, ante.start, ante.end))

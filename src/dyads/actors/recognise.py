"""Recognise every entity a text names, typed: people, organisations, nationalities and
places, whether or not they act in an event.

Sources, in order of authority: the actor dictionaries (which also give a code), agent
phrases a dictionary name owns ("Iraqi security forces"), peoples ("Yazidi"), office
titles ("the Foreign Secretary"), bodies named by an agent noun ("the regime"), and, when
loaded, spaCy's named-entity recogniser for what the dictionaries lack (no code).
``source`` says which decided.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from ..datafiles import data_path, read_jsonl
from ..errors import DataError
from ..settings import Settings
from .dictionary import ActorDictionary, agent_sector
from .matcher import ActorMatcher

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc


class Loaded(Protocol):
    """What recognition needs of a loaded pipeline (``dyads.pipeline.Pipeline`` has it)."""

    nlp: Language
    matcher: ActorMatcher
    actors: ActorDictionary
    settings: Settings
    lazy_pipes: tuple[str, ...]

PERSON, ORGANISATION, NATIONALITY, LOCATION = ("person", "organisation", "nationality",
                                               "location")
# Entry types that are places; the rest are organisations or people.
PLACE_TYPES = frozenset({"state", "territory", "disputed", "region"})
# Verbs whose object is a place, not a party: 'visited Turkey', 'entered Syria'.
PLACE_VERBS = frozenset({"visit", "enter", "leave", "reach", "cross", "tour", "invade",
                         "occupy", "liberate", "rid", "unite", "flee", "return"})
# Head nouns that name a person by office.
PERSON_TITLES = frozenset({
    "minister", "secretary", "president", "premier", "chancellor", "ambassador", "envoy",
    "spokesman", "spokeswoman", "spokesperson", "commander", "general", "king", "emir",
    "prince", "diplomat", "governor", "mayor", "senator"})
# Sectors whose agent nouns name an organised body ('the regime', 'the army', 'police').
BODY_SECTORS = frozenset({"GOV", "MIL", "COP", "REB", "PRM", "SPY", "LEG", "JUD"})
# Agent nouns for one person, not a body ('an official', 'the judge').
INDIVIDUALS = frozenset({"official", "officer", "soldier", "policeman", "lawmaker",
                         "legislator", "judge", "prosecutor", "spy", "leader"})
NER_TYPES = {"PERSON": PERSON, "ORG": ORGANISATION, "NORP": NATIONALITY, "GPE": LOCATION,
             "LOC": LOCATION, "FAC": LOCATION}


@dataclass(frozen=True, slots=True)
class Recognised:
    text: str
    start: int  # character offsets into the text given
    end: int
    type: str  # person, organisation, nationality, location
    code: str  # "" when no dictionary entry decided one
    source: str  # dictionary:<file:line>, agent, title or ner:<LABEL>


def recognise(pipeline: Loaded, texts: Sequence[str], *,
              ner: bool = True) -> Iterator[list[Recognised]]:
    """The entities of each text, in text order. ``ner`` runs the recogniser (when the
    model has it) on every text; without it only dictionaries, agents and titles count."""
    agents = pipeline.actors.agents
    disable = [] if ner else list(pipeline.lazy_pipes)
    for doc in pipeline.nlp.pipe(texts, batch_size=pipeline.settings.batch_size,
                                 disable=disable):
        found: list[Recognised] = []
        taken: set[int] = set()
        for m in pipeline.matcher(doc):
            first, last = doc[m.start], doc[m.end - 1]
            entry = m.entry
            start, end = first.idx, last.idx + len(last.text)
            kind = _dictionary_type(entry.type, entry.kind, last.lower_ in agents,
                                    _acting(doc, m.start, m.end, agents))
            found.append(Recognised(doc.text[start:end], start, end, kind, entry.code,
                                    f"dictionary:{entry.origin}"))
            taken.update(range(m.start, m.end))
            body = _agent_phrase(doc, m.end, agents)
            if body is not None:  # 'Iraqi security forces': the body the name owns
                found.append(Recognised(doc.text[start:body], start, body, ORGANISATION,
                                        entry.code, "agent"))
        matcher, origins = _peoples(pipeline.nlp)
        people: set[int] = set()
        for key, start_i, end_i in matcher(doc):  # 'Yazidis', 'Kurdish': peoples
            if any(i in taken for i in range(start_i, end_i)):
                continue
            span = doc[start_i:end_i]
            found.append(Recognised(span.text, span.start_char, span.end_char, NATIONALITY,
                                    "", f"peoples:{origins[key]}"))
            # Not taken: 'the Kurdish Peshmerga' may still be a recognised organisation.
            people.update(range(start_i, end_i))
        for tok in doc:  # office titles without a name are people: 'the Foreign Secretary'
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in taken \
                    and tok.lemma_.lower() in PERSON_TITLES:
                left = min((c for c in tok.lefts if c.dep_ in ("compound", "amod")),
                           key=lambda t: t.i, default=tok)
                start, end = left.idx, tok.idx + len(tok.text)
                found.append(Recognised(doc.text[start:end], start, end, PERSON, "", "title"))
                taken.update(range(left.i, tok.i + 1))
        for tok in doc:  # bodies named by an agent noun: 'the regime', 'security forces'
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in taken \
                    and agent_sector(agents, tok) in BODY_SECTORS \
                    and tok.lemma_.lower() not in INDIVIDUALS:
                left = min((c for c in tok.lefts if c.dep_ in ("compound", "amod")),
                           key=lambda t: t.i, default=tok)
                start, end = left.idx, tok.idx + len(tok.text)
                found.append(Recognised(doc.text[start:end], start, end, ORGANISATION, "",
                                        "agent"))
        for ent in doc.ents:
            if ent.label_ in NER_TYPES and not any(i in taken for i in
                                                   range(ent.start, ent.end)) \
                    and not (ent.label_ == "NORP" and ent.start in people):
                found.append(Recognised(ent.text, ent.start_char, ent.end_char,
                                        NER_TYPES[ent.label_], "", f"ner:{ent.label_}"))
        found.sort(key=lambda r: r.start)
        yield found


@lru_cache(maxsize=4)
def _peoples(nlp: Language) -> tuple[PhraseMatcher, dict[int, str]]:
    """A matcher for ``actors/peoples.jsonl``: ethnic and religious groups, which are
    recognised (as nationalities) but name no state, so they code no actor."""
    from spacy.matcher import PhraseMatcher

    path = data_path("actors", "peoples.jsonl")
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    origins: dict[int, str] = {}
    for line_no, row in read_jsonl(path, required=("name", "type", "names"),
                                   allowed=("name", "type", "names", "adjectives",
                                            "countries")):
        words = [*row["names"], *row.get("adjectives", [])]
        if not all(isinstance(w, str) and w.strip() for w in words) or not words:
            raise DataError(str(path), line_no, "names and adjectives must be text")
        key = nlp.vocab.strings.add(f"dyads_people:{row['name']}")
        origins[key] = f"{path.name}:{line_no}"
        matcher.add(f"dyads_people:{row['name']}", [nlp.make_doc(w) for w in words])
    return matcher, origins


def _dictionary_type(entry_type: str, kind: str, names_a_body: bool, acting: bool) -> str:
    if entry_type == "person":
        return PERSON
    if entry_type not in PLACE_TYPES or names_a_body:
        return ORGANISATION  # 'Kurdistan Regional Government' names a body, not a place
    if kind in ("adjective", "demonym"):
        return NATIONALITY
    # A state that acts is its government ('the UK said'); otherwise a place.
    return ORGANISATION if acting else LOCATION


def _agent_phrase(doc: Doc, end: int, agents: dict[str, str]) -> int | None:
    """The end offset of 'Iraqi security forces' when a name modifies an agent noun."""
    head = doc[end - 1]
    if head.dep_ in ("amod", "compound") and head.head.i > head.i \
            and agent_sector(agents, head.head) is not None:
        noun = head.head
        return noun.idx + len(noun.text)
    return None


def _acting(doc: Doc, start: int, end: int, agents: dict[str, str]) -> bool:
    """Does a name act ('Turkey said', 'urged Turkey', "Russia's troops", 'the
    Government of Iraq'), rather than place or describe ('in Turkey', 'visited Turkey',
    'Syria is a crisis', 'Raqqah, Syria', 'an Iraqi city')?"""
    head = doc[end - 1]
    for _ in range(2):
        if head.dep_ in ("amod", "compound", "poss") and head.head.i != head.i \
                and head.head.pos_ in ("NOUN", "PROPN") and not start <= head.head.i < end:
            head = head.head
            if agent_sector(agents, head) is not None:
                return True
        else:
            break
    if head.dep_ == "conj":
        head = head.head
    verb = head.head
    if head.dep_ == "nsubj":  # 'Turkey said', not 'Syria is a crisis'
        return verb.lemma_ != "be"
    if head.dep_ in ("dobj", "dative"):  # 'urged Turkey', not 'visited Turkey'
        return verb.lemma_.lower() not in PLACE_VERBS
    if head.dep_ == "poss":  # "Russia's troops"
        return True
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        owner = head.head.head
        if agent_sector(agents, owner) is not None:
            return True
    return head.dep_ == "pobj" and head.head.lower_ == "by"

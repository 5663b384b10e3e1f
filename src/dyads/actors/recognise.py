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
    from spacy.tokens import Doc, Token

    from ..events.lexicon import Lexicon


class Loaded(Protocol):
    """What recognition needs of a loaded pipeline (``dyads.pipeline.Pipeline`` has it)."""

    nlp: Language
    matcher: ActorMatcher
    actors: ActorDictionary
    settings: Settings
    lazy_pipes: tuple[str, ...]
    lexicon: Lexicon

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
# Agent nouns for one person, not a body ('an official', 'the judge'); in the plural
# ('officials', 'soldiers') they name a group, as every plural agent noun does.
INDIVIDUALS = frozenset({"official", "officer", "soldier", "policeman", "lawmaker",
                         "legislator", "judge", "prosecutor", "spy", "leader"})
# Nouns for a group of parties that no sector describes: 'the coalition', 'our partners',
# 'the international community', 'the enemy', 'member states'.
COLLECTIVES = frozenset({
    "coalition", "alliance", "community", "partner", "ally", "enemy", "group", "team",
    "unit", "member", "nation", "country", "state", "party", "people", "family", "child",
    "organisation", "organization", "contingent", "backer", "perpetrator", "guarantor",
    "counterpart", "wing", "crew", "tribe", "clan", "faction", "victim", "personnel"})
# Pronouns that stand for a group of people (a press release's "we" is its organisation);
# possessives ("our", "their") are left out: they mostly determine a thing, not a party.
GROUP_PRONOUNS = frozenset({"we", "us", "they", "them"})
# Prepositions whose object is a party, not a place: 'working with Turkey', 'strikes
# against the United States', 'talks between the UK and France'.
PARTY_PREPOSITIONS = frozenset({"by", "with", "against", "between"})
# Nouns naming a relation between parties: 'the U.S.-Iraq partnership'.
RELATIONS = frozenset({"partnership", "relationship", "relation", "co-operation",
                       "cooperation", "alliance", "summit", "agreement", "deal", "treaty",
                       "ties", "dialogue", "support", "action", "operation", "strike",
                       "airstrike", "effort", "campaign"})
# Participles that describe a party's stance: 'the UK is committed to', 'is determined'.
STANCES = frozenset({"committed", "determined", "prepared", "dedicated", "resolved",
                     "engaged", "involved", "opposed", "allied", "aligned", "obliged"})
# Nouns that describe a party: 'Turkey is a key player'.
AGENTIVE_NOUNS = frozenset({"player", "actor", "friend", "supporter", "sponsor", "donor",
                            "leader", "contributor", "participant", "signatory"})
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
    events = frozenset(lemma for lemma, pos in pipeline.lexicon.index if pos == "NOUN")
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
                                    _acting(doc, m.start, m.end, agents, events),
                                    _in_a_name(doc, m.end))
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
        groups = [tok for tok in doc if tok.i not in taken and _names_a_group(tok, agents)]
        heads = {tok.i for tok in groups}
        for tok in groups:  # 'the regime', 'security forces', 'civilians', 'the coalition'
            if tok.dep_ == "compound" and tok.head.i in heads:
                continue  # 'Coalition nations': the head names the group
            left = min((c for c in tok.lefts if c.dep_ in ("compound", "amod")
                        and c.i not in taken), key=lambda t: t.i, default=tok)
            start, end = left.idx, tok.idx + len(tok.text)
            found.append(Recognised(doc.text[start:end], start, end, ORGANISATION, "",
                                    "agent" if tok.lower_ not in GROUP_PRONOUNS
                                    else "pronoun"))
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
    """A matcher for ``actors/peoples.jsonl``: ethnic and religious groups (and a religious
    group's faith, "Islam"), which are recognised (as nationalities) but name no state,
    so they code no actor."""
    from spacy.matcher import PhraseMatcher

    path = data_path("actors", "peoples.jsonl")
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    origins: dict[int, str] = {}
    for line_no, row in read_jsonl(path, required=("name", "type", "names"),
                                   allowed=("name", "type", "names", "adjectives", "faith",
                                            "countries")):
        words = [*row["names"], *row.get("adjectives", []), *row.get("faith", [])]
        if not all(isinstance(w, str) and w.strip() for w in words) or not words:
            raise DataError(str(path), line_no, "names and adjectives must be text")
        key = nlp.vocab.strings.add(f"dyads_people:{row['name']}")
        origins[key] = f"{path.name}:{line_no}"
        matcher.add(f"dyads_people:{row['name']}", [nlp.make_doc(w) for w in words])
    return matcher, origins


def _dictionary_type(entry_type: str, kind: str, names_a_body: bool, acting: bool,
                     in_a_name: bool = False) -> str:
    if entry_type == "person":
        return PERSON
    if entry_type not in PLACE_TYPES or names_a_body:
        return ORGANISATION  # 'Kurdistan Regional Government' names a body, not a place
    if kind in ("adjective", "demonym") or in_a_name:
        return NATIONALITY  # 'U.S. Central Command' reads 'the American Central Command'
    # A state that acts is its government ('the UK said'); otherwise a place.
    return ORGANISATION if acting else LOCATION


def _names_a_group(tok: Token, agents: dict[str, str]) -> bool:
    """Is a token a body or group of people: an agent noun of an organised body ('the
    regime'), any agent noun in the plural ('civilians', 'officials'), a collective
    ('the coalition', 'partners') or a group pronoun ('we', 'they')?"""
    if tok.pos_ == "PRON":
        return tok.lower_ in GROUP_PRONOUNS
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in COLLECTIVES:
        return True
    sector = agent_sector(agents, tok)
    if sector is None:
        return False
    plural = tok.tag_ in ("NNS", "NNPS")
    return plural or (sector in BODY_SECTORS and lemma not in INDIVIDUALS)


def _in_a_name(doc: Doc, end: int) -> bool:
    """Does a state's name begin a longer proper name, as its nationality ('U.S. Central
    Command', 'UK Border Force')? Not a hyphenated pair ('UK-France relationship')."""
    last = doc[end - 1]
    head = last.head
    return last.dep_ == "compound" and head.i >= end and head.pos_ == "PROPN" \
        and not any(t.text == "-" for t in doc[end:head.i]) \
        and head.ent_type_ not in ("GPE", "PERSON")


def _agent_phrase(doc: Doc, end: int, agents: dict[str, str]) -> int | None:
    """The end offset of 'Iraqi security forces' when a name modifies an agent noun."""
    head = doc[end - 1]
    if head.dep_ in ("amod", "compound") and head.head.i > head.i \
            and agent_sector(agents, head.head) is not None:
        noun = head.head
        return noun.idx + len(noun.text)
    return None


def _acting(doc: Doc, start: int, end: int, agents: dict[str, str],
            events: frozenset[str] = frozenset()) -> bool:
    """Does a name act ('Turkey said', 'urged Turkey', "Russia's troops", 'the
    Government of Iraq', 'U.S. airstrikes', 'working with Turkey', 'the UK is
    committed'), rather than place or describe ('in Turkey', 'visited Turkey', 'Syria is a
    crisis', 'Raqqah, Syria', 'an Iraqi city')? ``events`` are the lemmas of nouns that
    name an event or a relation, whose modifier is a party to it."""
    head = doc[end - 1]
    for _ in range(2):
        if head.dep_ in ("amod", "compound", "poss") and head.head.i != head.i \
                and head.head.pos_ in ("NOUN", "PROPN") and not start <= head.head.i < end:
            head = head.head
            if agent_sector(agents, head) is not None \
                    or head.lemma_.lower() in events | RELATIONS:
                return True
        else:
            break
    while head.dep_ in ("conj", "appos") and head.head.i != head.i \
            and head.head.pos_ == "PROPN":
        head = head.head  # 'Australia, Belgium and Canada': as the first goes, so go all
    verb = head.head
    if head.dep_ == "nsubj":  # 'Turkey said', not 'Syria is a crisis'
        return verb.lemma_ != "be" or _agentive_complement(verb, agents)
    if head.dep_ == "nsubjpass":  # 'the UK is committed to', not 'Syria is located'
        return verb.lower_ in STANCES
    if head.dep_ in ("dobj", "dative"):  # 'urged Turkey', not 'visited Turkey'
        return verb.lemma_.lower() not in PLACE_VERBS
    if head.dep_ == "poss":  # "Russia's troops"
        return True
    if head.dep_ == "pobj":
        prep = head.head.lower_
        owner = head.head.head
        if prep in ("of", "including"):  # 'the Government of Iraq', 'the international
            # community, including Russia'; not 'the north of Iraq', 'topics including Syria'
            return agent_sector(agents, owner) is not None or (
                prep == "including" and owner.lemma_.lower() in COLLECTIVES)
        return prep in PARTY_PREPOSITIONS
    return False


def _agentive_complement(verb: Token, agents: dict[str, str]) -> bool:
    """'The UK is committed to…', 'Turkey is a key player', 'France is one of our
    partners': a state described as doing or being a party, not as a place."""
    for child in verb.children:
        if child.dep_ == "acomp" and child.lower_ in STANCES:
            return True
        if child.dep_ == "attr":
            noun = child
            if noun.lower_ == "one":  # 'one of our partners'
                noun = next((g for c in noun.children if c.dep_ == "prep"
                             for g in c.children if g.dep_ == "pobj"), noun)
            lemma = noun.lemma_.lower()
            if lemma in ("country", "nation", "state"):
                return False  # 'Peru is a large country' describes a place
            if lemma in COLLECTIVES or lemma in AGENTIVE_NOUNS \
                    or agent_sector(agents, noun) is not None:
                return True
    return False

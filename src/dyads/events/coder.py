"""Code the sentences of a parsed block into events.

For each token whose lemma and part of speech match a lexicon entry, the coder reads the
actor and recipient from the dependency parse through the entry's ordered slots, then
marks negation, modality, hedging and attribution from the cue words. Every event names
the lexicon entry that produced it (``rule``) and carries document character offsets.

The coder holds no global state: it is built from loaded data and is safe to build once
per worker process.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from ..actors.coref import MentionRef, names_person, pending, referring_form
from ..actors.dictionary import OFFICES, PERSON_KIND, agent_sector
from ..actors.matcher import Mention
from ..models import Block, Entity, Event, Sentence, Span
from ..places import PlaceMention, by_token
from .lexicon import DEFAULT_SLOTS, Cues, Lexicon, LexiconEntry
from .ontology import Ontology
from .quantities import CURRENCY_SIGNS, CURRENCY_WORDS, PERCENT_WORDS, event_quantities, has_numbers

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .backoff import Backoff

NON_WORD = re.compile(r"\W+")
# Dependents that stay inside a noun phrase when looking for the actor it names.
NP_DEPS = frozenset({"amod", "compound", "poss", "nmod", "conj", "appos", "nummod", "npadvmod"})
# Verbs whose object, not subject, does what their complement says ("urged Iran to stop").
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "force", "compel", "order", "persuade",
                            "encourage", "press", "pressure", "push", "invite", "allow",
                            "help", "tell", "warn", "request", "require", "authorize"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# Where a complement that is not itself a trigger names the recipient of the verb that
# governs it ('threatened to impose tariffs on German goods', 'refused to deploy
# peacekeepers in Iraq').
COMPLEMENT_RECIPIENT = ("dobj", "dative", "prep:to", "prep:against", "prep:on", "prep:with",
                        "prep:in", "prep:into")
# Further prepositions whose object the back-off takes as the recipient ('departed from
# X', 'celebrated with X' is in the default frame).
BACKOFF_RECIPIENT = ("prep:from", "prep:toward", "prep:towards")
PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass"})
# A participle in these positions with a determiner stands for people ("the wounded").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
# Clauses left out of the phrase that names a participant.
PHRASE_CUTS = frozenset({"relcl", "acl", "advcl", "ccomp"})
# A wire dateline opening a block: a place in capitals; then a date after a comma and or
# an agency in brackets, and a dash; or a long dash alone ('WASHINGTON — '). A hyphen
# after capitals alone is not one ('NATO - led forces').
DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\- ]{2,40}(?:(?:,[^\n]{1,40}?)?\s*\([^()\n]{1,40}\)\s*[-\u2013\u2014]{1,2}"
    r"|,[^\n]{1,40}?\s[-\u2013\u2014]{1,2}|\s*(?:[\u2013\u2014]|--))\s")
DATELINE_REACH = 120  # characters: a dateline is within the block's first ones
# Prepositions whose phrase says what a common noun is about, for or against, or when, and
# is left out of the phrase that names a participant ('a request for talks', 'protests
# against the law'); a name keeps them ('Minister for Foreign Affairs').
ABOUT_PREPS = frozenset({"for", "about", "over", "against", "as", "following", "during",
                         "after", "before", "throughout", "under", "on"})
# Verbs whose 'of' phrase is the charge, not part of the accused's name ('accused the
# army of abuses', the parser often hangs it on the object).
CHARGING = frozenset({"accuse", "suspect", "convict", "acquit", "clear", "absolve"})
# CAMEO codes of acts that hold over an area (a curfew, a state of emergency, a
# ceasefire, a surrender or disarmament, an alert, a blockade, and their easing): the area
# is what they are done to, when nothing else is named.
AREA_CODES = ("0813", "0814", "0871", "0873", "0874", "152", "1723", "1724", "191")
AREA_PREPOSITIONS = ("in", "across", "throughout")
# Nouns of an activity carried out over an area ('a ceasefire in Idlib', 'the peacekeeping
# mission in Mali'), whose 'in' phrase names what it is done to.
AREA_ACTIVITIES = frozenset({"ceasefire", "truce", "armistice", "mission", "operation",
                             "deployment", "presence", "normalization", "normalisation",
                             "stabilization", "stabilisation", "reconstruction",
                             "expansion", "extension", "development", "reform", "delivery",
                             "peace", "stability", "order", "building", "peacebuilding"})
# Auxiliaries of a possible act ('could impose') and of a future one ('will visit'; 'would'
# is a future in reported speech, a hypothetical under a condition).
POSSIBLE = frozenset({"could", "might", "may"})
FUTURE = frozenset({"will", "shall", "'ll", "wo", "would", "'d"})
# Words that make a clause the condition of a threat or demand.
CONDITIONS = frozenset({"if", "unless"})
# Named-entity labels that can be antecedents of pronouns.
NER_ANTECEDENTS = frozenset({"PERSON", "ORG"})
# Prepositions whose object owns or receives what a trigger acts on: 'an offer from
# Kabul', 'the withdrawal of Serbian forces', 'a truce with Moslem forces', 'a war against
# Iraq', 'admittance to Ghanaians', 'the reports about Iran'.
OWNER_PREPOSITIONS = frozenset({"of", "from", "by", "with", "against", "to", "for", "into",
                                "on", "at", "as", "between", "about"})
# Sectors whose agent nouns name a group even in the singular ('the opposition').
GROUP_SECTORS = frozenset({"OPP", "CVL", "REB", "PRM", "JRN", "REF", "LAB", "CRM"})
# Group nouns no sector names, coded by the country alone when they are acted on ('the
# parties to the conflict in Iraq').
GROUPS = frozenset({"faction", "group", "organization", "organisation", "community",
                    "tribe", "clan", "population", "people"})
# Agent nouns too ambiguous to code from context: 'the parties to the conflict' are not
# political parties.
NOT_GROUPS = frozenset({"party"})
# Verbs of going somewhere for an event: their subject is the event's actor ('arrived on
# a visit', 'returned to Geneva for talks', 'converged on the capital for a rally').
ERRANDS = frozenset({"arrive", "come", "go", "travel", "fly", "leave", "return", "head",
                     "converge", "gather", "set", "embark", "depart", "meet"})
# Verbs of staying, whose subject is the actor of the state 'on' names ('remained on alert').
STAYING = frozenset({"remain", "stay", "be", "keep"})
# Verbs of taking part, whose subject is the actor of the event their 'in' names ('engaged
# in ethnic cleansing', 'were involved in the fighting', 'took part in joint exercises').
PARTAKING = frozenset({"engage", "participate", "partake", "involve", "join"})
# Verbs of command whose object, an event noun, is the act the commander does ('ordered
# the arrest of three fishermen' is an arrest by whoever ordered it).
ORDERING = frozenset({"order"})  # a support verb in cues.jsonl too
# Nouns that measure out an activity the support verb takes ('held two rounds of talks',
# 'began three days of exercises').
STRETCHES = frozenset({"round", "day", "week", "month", "hour", "series"})
# Participles that make a name describe something else ('Israeli-occupied West Bank').
DESCRIBING = frozenset({"backed", "owned", "based", "born", "made", "funded", "sponsored",
                        "supported", "trained", "armed", "allied", "aligned", "built",
                        "member"})
# Nouns a nationality word only qualifies ('the Russian language'): no party.
LANGUAGE_WORDS = frozenset({"language", "dialect", "alphabet", "script", "tongue"})
# Participles that name a place's holder, who may be acted on ('a Russian-held village').
HOLDING = frozenset({"occupied", "held", "controlled", "administered", "annexed"})
# Prepositions that say where a group is or comes from ('rebels in Syria', 'doctors from
# Cuba', 'students throughout Indonesia').
PARTICLES = frozenset({"off", "down", "up", "out"})
# Sectors of office, whose former holders are elites (ELI), not the office.
OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Passive verbs that tell an act as hearsay ('is said to', 'is believed to').
HEARSAY = frozenset({"say", "believe", "report", "think", "allege", "rumour", "rumor",
                     "suspect", "understand", "claim", "presume", "reckon"})
# Acts of moving troops or goods: their nationality names the mover when the act is
# told in the passive with no one else named.
CONVEYED = frozenset({"AID", "MOBILIZE"})
# Relative pronouns, which stand for the noun their clause hangs on.
RELATIVES = frozenset({"WP", "WDT"})
# Acts still coded when their doer goes unnamed ('three soldiers were killed').
UNNAMED_DOERS = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Verbs that say of an event named as their passive subject that it is not going on
# ('talks have been frozen'); one that stalled or was halted took place first.
STALLED = frozenset({"freeze"})
HOME_PREPOSITIONS = frozenset({"in", "from", "throughout", "across", "inside"})
# Counts that head a group's noun phrase ('thousands of students in Chile').
QUANTITY_NOUNS = frozenset({"thousand", "hundred", "dozen", "score", "million", "group",
                            "number", "crowd"})
# Entity types of the words that head an amount ('$5 million in aid').
AMOUNT_TYPES = frozenset({"MONEY", "QUANTITY", "CARDINAL"})
# Nouns that measure or hold what a verb acts on, which their 'of' phrase names: 'sent a
# shipment of weapons', 'handed over 700 kg of medicine', 'imposed a new round of
# sanctions', 'received a mission of observers'.
CONTAINERS = frozenset({"shipment", "consignment", "cargo", "batch", "load", "truckload",
                        "planeload", "shipload", "convoy", "delivery", "kg", "kilogram",
                        "kilo", "ton", "tonne", "pound", "litre", "liter", "gallon", "barrel",
                        "tranche", "package", "team", "contingent", "detachment", "group",
                        "number", "thousand", "hundred", "dozen", "million", "lot", "worth",
                        "amount", "quantity", "unit", "squad", "fleet", "flotilla", "column",
                        "round", "set", "raft", "series", "barrage", "volley", "salvo",
                        "wave", "mission", "delegation"})
# Nouns for the work of doing something, which their modifier names: 'halted its mediation
# efforts' halts mediation, 'suspended the aid operation' suspends aid.
ACTIVITIES = frozenset({"effort", "bid", "attempt", "initiative", "operation",
                        "work", "activity", "role", "process"})
# Verbs that send what a noun of speech says ('issued a reminder that X must ...').
SENDING = frozenset({"issue", "send", "deliver", "give", "convey", "pass", "relay",
                     "hand", "repeat", "reiterate", "address", "dispatch"})
# Adjectives whose 'to' clause is their subject's imminent act ('Chile is about to restore
# ties'), or its offer ('Peru is ready to send troops': intended, by the control cues);
# others leave it unasserted ('unable to', 'likely to').
READY = frozenset({"about", "set", "poised", "due", "ready", "willing", "prepared"})
# Adjectives whose 'to' clause is an offer: the act is coded as the intent to do it
# (CAMEO 030) or, when hostile, as a threat (130).
OFFERS = frozenset({"ready", "willing", "prepared"})
# Verbs of claiming, and the pronouns by which a claimant says an act is its own ('the
# rebels claimed that they had attacked the base'): a claim of responsibility (CAMEO 015).
CLAIMING = frozenset({"claim"})
CLAIMANTS = frozenset({"they", "we", "it", "he", "she", "i"})
CLAIM_CODE = "015"
# Words that make a deployment of forces a peacekeeping one ('sent troops to the UN
# peacekeeping mission', 'deployed soldiers as peacekeepers'): CAMEO 074, not 154.
PEACEKEEPING = frozenset({"peacekeeping", "peacekeeper", "peacekeepers", "peace-keeping",
                          "peace-keepers", "peacekeep"})
PEACEKEEPING_CODE = "074"
# A show of force (CAMEO 150) named by a noun ('exercises', 'drills') that forces of
# several states hold together is military cooperation among them (062).
JOINT_DRILL_CODES = ("150", "062")
OFFER_CODES = {True: "030", False: "130"}
# Acts whose promise is a threat ('vowed to attack', 'pledged to impose sanctions').
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Nouns of a written or spoken text whose participle speaks for the one who issues it
# ('issued a statement condemning the raid', 'sent a letter urging Chile to ...').
DOCUMENTS = frozenset({"statement", "declaration", "communique", "communiqué", "letter",
                       "message", "resolution", "note", "report", "appeal", "petition",
                       "memorandum", "decree", "announcement", "speech", "address"})
# Verbs that put such a text out in its author's name ('vetoed a resolution demanding'
# is not the vetoer's demand).
ISSUING = frozenset({"issue", "release", "publish", "send", "pass", "adopt", "sign",
                     "deliver", "make", "give", "circulate", "write", "submit", "present",
                     "read", "distribute", "post", "broadcast"})
# Events that, naming no one, are aimed at the actor's own state: protests and
# concessions ('Algerians blocked roads', 'the minister allowed opposition rallies').
SELF_DIRECTED = frozenset({"PROTEST", "CONCEDE"})
# Words that open a clause of the same moment ('when they blew themselves up in X').
TIME_MARKS = frozenset({"when", "as", "while", "after", "before"})
# Events whose unnamed actor is taken to be of its recipient's country: attacks,
# coercion and investigations are mostly domestic ('a judge opened investigations
# against Chilean officials').
DOMESTIC_EVENTS = frozenset({"ASSAULT", "COERCE", "ACCUSE"})
# Modifiers that say a group is not the actor's own.
FOREIGN = frozenset({"foreign", "international", "overseas", "outside", "western"})
# Events that happen on a state's soil, whose recipient is that state when no party is
# named ('rioted at a jail in northern Israel', 'sent inspectors to a plant in Iran',
# 'eased emergency rule in Montenegro').
PLACED_EVENTS = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN",
                           "SANCTION", "ACCUSE", "CONCEDE"})
# What a request may seek in a place, asking it of the parties there ('called for calm
# in Kenya').
SETTLED = frozenset({"peace", "calm", "ceasefire", "cease-fire", "truce", "restraint",
                     "stability", "reconciliation", "de-escalation", "dialogue"})
# Participles that lay a measure on someone ('sanctions imposed on X').
LAYING = frozenset({"impose", "place", "slap", "levy", "level", "enforce", "put"})
# Participles of sending, whose 'from' phrase is the sender ('weapons shipped from Iran').
SENT = frozenset({"send", "ship", "deliver", "dispatch", "smuggle", "transfer", "supply",
                  "export", "forward", "relay", "transmit"})
# The source of an actor the text names and no dictionary codes.
UNKNOWN = "unknown"
# The source of a pending description ('the authorities', 'the army').
DESCRIPTION = "coreference:desc:"
# Parts of speech of the words an event can be done to (its target).
TARGET_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# Modifiers that make an apposition a description, a rank, not a name.
RANKS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                   "eighth", "ninth", "tenth", "latest", "last", "next"})
# Nouns of a phrase that says why or how, not who ('in response to', 'in virtue of',
# 'as part of', 'in exchange for').
REASONS = frozenset({"virtue", "case", "response", "exchange", "retaliation", "protest",
                     "solidarity", "bid", "part", "accordance", "light", "view", "act"})
# Verbs of meeting, whose 'with' names the other party ('an invitation to meet with X').
MEETING = frozenset({"meet", "talk", "negotiate", "confer", "consult"})
# Adjectives that lay an act on their subject ('guilty of violating', 'responsible for').
ACCOUNTABLE = frozenset({"guilty", "responsible", "culpable"})
# Verbs a predicate adjective completes ('is sceptical', 'remained hopeful').
COPULAS = frozenset({"be", "remain", "seem", "appear", "stay", "become", "sound", "grow"})
# Verbs whose object is the weapon fired or thrown, not the target ('fired missiles at X').
THROWING = frozenset({"fire", "launch", "lob", "drop", "detonate", "hurl", "throw"})
# Words that say when (the recogniser that labels dates is not run on every sentence).
TIMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "today", "yesterday", "tomorrow", "tonight",
    "day", "week", "weekend", "month", "year", "decade", "morning", "afternoon", "evening",
    "night", "hour", "midnight", "dawn", "noon"})
# Slots where a noun names its own actor, not borrowed from the clause around it.
OWN_ACTOR_SLOTS = frozenset({"poss", "amod", "compound", "prep:by"})


@dataclass(frozen=True, slots=True)
class _Site:
    """Where a phrase says something is: a state's or territory's code ('AZEART'), and
    the tokens that name the place."""

    code: str
    start: int
    end: int

    @property
    def country(self) -> str:
        return self.code[:3]


class _Role(NamedTuple):  # a tuple: made many times an event, and cheap to make
    entities: tuple[Entity, ...]
    direct: bool  # found on the trigger itself, not inherited through the parse
    # The words that fill the role, where they were found: the slot's heads, or the
    # object a participant was found inside ('an offer from Kabul').
    heads: tuple[Token, ...] = ()


class EventCoder:
    """Applies the lexicon to parsed text. Reads lemmas, tags and the parse; writes events."""

    requires = ("token.lemma", "token.pos", "token.dep", "doc.sents", "mentions")
    assigns = ("events",)

    def __init__(self, ontology: Ontology, lexicon: Lexicon, cues: Cues,
                 agents: dict[str, str], *, require_actor: bool = True,
                 unknown_actors: bool = True,
                 min_confidence: float = 0.0, backoff: Backoff | None = None) -> None:
        self.ontology = ontology
        self.lexicon = lexicon
        self._form_words = frozenset(lexicon.forms)  # hashed once: _ids is cached on it
        self._agent_width = max((len(w.split()) for w in agents), default=1)
        self._marks: list[int] = []  # token positions of the names of the block coded
        self.cues = cues
        self.agents = agents
        self.require_actor = require_actor
        self.unknown_actors = unknown_actors
        self.min_confidence = min_confidence
        self.backoff = backoff
        # First words of the attribution phrases: most sentences have none of them.
        self._attribution_starts = frozenset(p[0] for p in cues.attributions)

    # ------------------------------------------------------------------ entry point
    def code_block(self, doc: Doc, mentions: Sequence[Mention], block: Block,
                   places: Sequence[PlaceMention] = ()) -> tuple[list[Sentence], list[Event]]:
        """Sentences (local indices) and events of one block; ``places`` are the
        gazetteer's matches, which say where an event happened."""
        _new_document()
        where = by_token(places)
        at: dict[int, Mention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                at[i] = mention
        self._marks = sorted(at)  # the names' token positions, for _entities
        sentences: list[Sentence] = []
        events: list[Event] = []
        index = self.lexicon.index
        strings = doc.vocab.strings
        lemma_ids = _ids(strings, self.lexicon.lemmas)
        speech_ids = _ids(strings, self.cues.speech) if self.cues.obligations \
            else frozenset()
        ids = doc.to_array("LEMMA").tolist()  # most tokens: one set lookup, no Token built
        forms = self.lexicon.forms
        form_ids = _ids(strings, self._form_words)
        lowers = doc.to_array("LOWER").tolist()
        wanted = _union(lemma_ids, speech_ids)
        candidates = [i for i, (lemma_id, lower) in enumerate(zip(ids, lowers, strict=True))
                      if lemma_id in wanted or lower in form_ids]
        for k, sent in enumerate(doc.sents):
            start_char, end_char = sent.start_char, sent.end_char
            sentence = Sentence(block.doc_id, k, block.start + start_char,
                                block.start + end_char, doc.text[start_char:end_char])
            sentences.append(sentence)
            fired: dict[int, LexiconEntry] = {}
            first = bisect_left(candidates, sent.start)
            for i in candidates[first:bisect_left(candidates, sent.end, first)]:
                lemma_id = ids[i]
                if lemma_id not in lemma_ids and lemma_id not in speech_ids:
                    if lowers[i] not in form_ids:
                        continue
                    tok = doc[i]  # a verb the lemmatizer got wrong ('cordoned')
                    entries = index.get((forms[tok.lower_], tok.pos_))
                    if entries and tok.pos_ == "VERB":
                        entry = self._choose(tok, entries)
                        if entry is not None:
                            fired[tok.i] = entry
                    continue
                tok = doc[i]
                entry = None
                if lemma_id in lemma_ids:
                    entries = index.get((tok.lemma_.lower(), tok.pos_))
                    if entries:
                        entry = self._choose(tok, entries)
                if entry is None and lemma_id in speech_ids and tok.pos_ in ("VERB", "NOUN"):
                    entry = self._obligation(tok)  # 'said Iran must stop ...'
                if entry is not None:
                    fired[tok.i] = entry
            before = len(events)
            if fired:
                self._claimed(doc, fired)
                events.extend(self._code_sentence(sent, sentence, fired, at, where, block))
            if len(events) == before and self.backoff is not None and (
                    not self.require_actor
                    or any(i in at or i in where for i in range(sent.start, sent.end))):
                guessed = self._guess(sent, sentence, fired, at, where, block)
                if guessed is not None:
                    events.append(guessed)
        return sentences, events

    def _guess(self, sent: SpacySpan, sentence: Sentence, fired: dict[int, LexiconEntry],
               at: dict[int, Mention], where: dict[int, PlaceMention],
               block: Block) -> Event | None:
        """The back-off's event for a sentence the lexicon leaves uncoded: its category
        for the main predicate, the roles from the default verb frame."""
        assert self.backoff is not None
        guess = self.backoff.guess(sent)
        if guess is None or guess.predicate.i in fired:
            return None  # the lexicon has judged that word
        tok = guess.predicate
        actor, recipient = DEFAULT_SLOTS["NOUN" if tok.pos_ == "NOUN" else "VERB"]
        entry = LexiconEntry(id=f"backoff.{guess.event.lower()}", lemma=tok.lemma_.lower(),
                             pos=tok.pos_, cameo=guess.cameo, actor=actor,
                             recipient=(*recipient, *BACKOFF_RECIPIENT))
        hedged, according = self._sentence_cues(sent, sentence, block)
        event = self._event(tok, entry, sent, sentence, fired, at, where, block, hedged,
                            according, 0)
        if event is None:
            return None
        confidence = round(max(0.05, event.confidence * guess.probability), 2)
        if confidence < self.min_confidence:
            return None
        return replace(event, confidence=confidence, rule=f"backoff:{guess.event.lower()}")

    def _sentence_cues(self, sent: SpacySpan, sentence: Sentence,
                       block: Block) -> tuple[bool, Span | None]:
        """Whether a sentence hedges ('reportedly') and whom it attributes its claims to
        ('according to ...'); a word test first, as most sentences do neither."""
        words = set(NON_WORD.split(sentence.text.lower()))
        hedged = not self.cues.hedges.isdisjoint(words)
        according = self._according_to(sent, block) \
            if not self._attribution_starts.isdisjoint(words) else None
        return hedged, according

    # ------------------------------------------------------------------ triggers
    @staticmethod
    def _choose(tok: Token, entries: Sequence[LexiconEntry]) -> LexiconEntry | None:
        for entry in entries:
            if entry.particle is not None and not any(
                    c.lower_ == entry.particle and (c.dep_ == "prt" or (
                        c.dep_ == "prep" and not _after_complement(tok, c)
                        and not _after_object(tok, c, entry)) or (
                        c.dep_ == "advmod" and c.lower_ in ("away", "back")))
                    for c in _kids(tok)) and not (
                    # 'held exercises with France': the phrase may hang on the verb
                    tok.pos_ == "NOUN" and tok.dep_ == "dobj" and entry.particle == "with"
                    and any(c.dep_ == "prep" and c.lower_ == "with" and c.i > tok.i
                            for c in _kids(tok.head))):
                continue
            if entry.objects and _narrowing(tok).isdisjoint(entry.objects):
                continue
            return entry
        return None

    def _claimed(self, doc: Doc, fired: dict[int, LexiconEntry]) -> None:
        """'The rebels claimed that they had attacked the base': a party that claims its
        own hostile act claims responsibility for it (CAMEO 015), as 'claimed
        responsibility for the attack' does; the act stays an event of its own."""
        claims: dict[int, LexiconEntry] = {}
        for i, entry in fired.items():
            tok = doc[i]
            verb = tok.head
            if tok.dep_ != "ccomp" or verb.i in fired or verb.pos_ != "VERB" \
                    or verb.lemma_.lower() not in CLAIMING \
                    or self.ontology[entry.cameo].event not in HOSTILE:
                continue
            subjects = [c for c in _kids(tok) if c.dep_ in SUBJECT_DEPS]
            if subjects and subjects[0].lower_ in CLAIMANTS:
                claims[verb.i] = LexiconEntry(
                    id=f"claim.{entry.id}", lemma=verb.lemma_.lower(), pos="VERB",
                    cameo=CLAIM_CODE, actor=DEFAULT_SLOTS["VERB"][0], recipient=())
        if claims:
            fired.update(claims)
            ordered = sorted(fired.items())
            fired.clear()
            fired.update(ordered)

    def _obligation(self, verb: Token) -> LexiconEntry | None:
        """'Britain said Libya must hand over the suspects': a speaker who says what
        another party must or should do demands it of that party. The reported clause is
        the demand's content (its subject the recipient), as a 'that' clause is of
        'demanded'. 'Israel said it must defend its borders' is no demand: a pronoun
        subject with no one addressed is the speaker's own duty. A noun of speech says it
        too, its 'that' clause the content ('sent Peru a message that it must ...')."""
        noun = verb.pos_ == "NOUN"
        if noun and (verb.dep_ != "dobj" or verb.head.lemma_.lower() not in SENDING):
            return None  # 'received a message that ...': the receiver demands nothing
        for clause in _kids(verb):
            if clause.dep_ != "ccomp" and not (noun and clause.dep_ == "acl"
                                                and _that(clause)):
                continue
            modal = next((a.lower_ for a in _kids(clause) if a.dep_ == "aux"
                          and a.lower_ in self.cues.obligations), None)
            subjects = [c for c in _kids(clause) if c.dep_ in SUBJECT_DEPS]
            if modal is None or not subjects:
                continue
            addressed = [c for c in _kids(verb.head if noun else verb)
                         if c.dep_ in ("dobj", "dative") and c.i != verb.i]
            if noun:
                addressed += [c for c in _kids(verb) if c.dep_ == "prep" and c.lower_ == "to"]
            if subjects[0].pos_ == "PRON" and not addressed:
                continue
            lemma = verb.lemma_.lower()
            if noun:  # the support verb's subject speaks; whom it addresses, or the clause
                return LexiconEntry(id=f"obligation.{lemma}.{modal}", lemma=lemma, pos="NOUN",
                                    cameo=self.cues.obligations[modal],
                                    actor=("poss", "support"),
                                    recipient=("prep:to", "ccomp"),
                                    modality="requested")
            return LexiconEntry(id=f"obligation.{lemma}.{modal}", lemma=lemma, pos="VERB",
                                cameo=self.cues.obligations[modal],
                                actor=DEFAULT_SLOTS["VERB"][0],
                                recipient=("ccomp", "dobj", "dative"),
                                modality="requested")
        return None

    def _hostile_complement(self, verb: Token, fired: dict[int, LexiconEntry]) -> bool:
        """Is the verb's 'to' complement a hostile act the lexicon codes ('vowed to attack
        X'), not negated ('pledged not to attack X' is a cooperative promise)?"""
        return any((c.dep_ == "xcomp" or (c.dep_ == "advcl" and _to_clause(c)))
                   and c.i in fired and self.ontology[fired[c.i].cameo].event in HOSTILE
                   and not any(g.dep_ == "neg" for g in _kids(c))
                   for c in _kids(verb))

    def _refused_complement(self, verb: Token, fired: dict[int, LexiconEntry]) -> bool:
        """Is the verb's 'to' complement a cooperative act the lexicon codes, negated
        ('vowed not to return the territory', 'promised never to lift the ban')?"""
        return any(c.dep_ == "xcomp" and c.i in fired
                   and self.ontology[fired[c.i].cameo].quad_class in (1, 2)
                   and any(g.dep_ == "neg" for g in _kids(c))
                   for c in _kids(verb))

    @staticmethod
    def _governed(tok: Token, fired: dict[int, LexiconEntry]) -> bool:
        """Does another trigger govern this one? 'threatened to attack' (the head event
        keeps the complement), 'supplied ... deliveries', 'its demands were rejected'."""
        head = tok.head
        if head.i == tok.i:
            return False
        if tok.dep_ == "xcomp" and head.i in fired:
            return True
        if _content_of(tok, fired):
            return True
        if tok.pos_ == "NOUN":
            if tok.dep_ == "dobj" and _orders(head, tok, fired):
                return False  # 'ordered the arrest of': the arrest is the event
            if tok.dep_ in ("dobj", "nsubjpass", "nsubj", "attr") and head.i in fired:
                return True
            if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.i in fired \
                    and head.head.pos_ == "VERB":
                return True
        return False

    def _code_sentence(self, sent: SpacySpan, sentence: Sentence,
                       fired: dict[int, LexiconEntry], at: dict[int, Mention],
                       where: dict[int, PlaceMention], block: Block) -> Iterable[Event]:
        doc = sent.doc
        hedged, according = self._sentence_cues(sent, sentence, block)
        numeric = has_numbers(sentence.text)
        coded: dict[int, Event] = {}
        for i, entry in fired.items():
            tok = doc[i]
            if tok.pos_ == "NOUN" and tok.dep_ == "compound":
                continue  # 'aid workers', 'attack helicopters' name things, not events
            if tok.pos_ in ("NOUN", "PROPN") and tok.is_title and tok.i > sent.start \
                    and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts):
                continue  # 'Israel Flying Aid', 'Church World Service': a body's name
            if tok.pos_ == "VERB" and tok.dep_ in ARGUMENT_DEPS \
                    and any(c.dep_ == "det" for c in _kids(tok)):
                continue  # 'evacuated the wounded': a participle that names people
            if tok.pos_ == "VERB" and tok.dep_ == "relcl" and tok.tag_ in ("VBZ", "VBP") \
                    and not any(c.dep_ in ("aux", "auxpass") for c in _kids(tok)):
                continue  # 'Pakistan, which hosts millions of refugees': what it is like
            if tok.pos_ == "VERB" and tok.dep_ == "acl" and tok.head.i in fired \
                    and tok.head.pos_ == "NOUN":
                continue  # 'sanctions targeting Iran': it says what the sanctions do
            if tok.lemma_ in ORDERING and any(_orders(tok, c, fired) for c in _kids(tok)):
                continue  # 'ordered the arrest of three fishermen': the order is the arrest
            governed = self._governed(tok, fired)
            if governed and tok.pos_ != "NOUN":
                continue
            if governed and tok.dep_ == "dobj" and fired[tok.head.i].objects and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in _kids(tok)):
                continue  # 'Kenya halted its talks with X': the halting, not the talks
            if governed and tok.dep_ == "dobj" and fired[tok.head.i].cameo.startswith("128"):
                continue  # 'violated a ban by the army': the ban is what was defied, not news
            # A governed noun is its own event only when it names its own actor:
            # "Pakistan's call for talks was rejected" (two events), not "supplied
            # Azerbaijan with weapons deliveries" (one).
            event = self._event(tok, entry, sent, sentence, fired, at, where, block,
                                hedged, according, len(coded), own_actor=governed,
                                numeric=numeric)
            if event is not None:
                coded[i] = event
        # 'Missiles hit a market, killing eight': the killing is the strike's outcome,
        # one event with its toll, not a second attack
        for i, event in list(coded.items()):
            tok = doc[i]
            main = coded.get(tok.head.i)
            if main is not None and event.event == main.event == "CONSULT" \
                    and tok.dep_ == "advcl" and _to_clause(tok):
                del coded[i]  # 'met his counterpart to discuss security': one meeting
                continue
            if event.event == "ASSAULT" and tok.tag_ == "VBG" and tok.dep_ == "advcl" \
                    and main is not None and main.event in ("ASSAULT", "PROTEST"):
                coded[tok.head.i] = replace(main, quantities=main.quantities + tuple(
                    q for q in event.quantities if q not in main.quantities))
                del coded[i]
        self._fold_threatened_acts(doc, coded)
        for n, event in enumerate(coded.values()):
            yield event if event.n == n else replace(event, n=n)

    @staticmethod
    def _fold_threatened_acts(doc: Doc, coded: dict[int, Event]) -> None:
        """'Turkey warned it would launch a ground operation in Syria', 'threatened to
        launch an offensive against X': the hostile act a threat's complement names is
        what is threatened, one THREATEN event (as 'threatened to attack X' is), which
        takes the act's recipient and target when it names none of its own."""
        for i, threat in list(coded.items()):
            if threat.event != "THREATEN" or doc[i].pos_ != "VERB":
                continue
            clauses = [c for c in _kids(doc[i]) if c.dep_ in ("xcomp", "ccomp")]
            doers = {e.country for e in threat.actor}
            for j, act in list(coded.items()):
                if j == i or act.event not in HOSTILE or act.modality == "actual" \
                        or doc[j].pos_ != "NOUN" \
                        or not any(c.left_edge.i <= j <= c.right_edge.i for c in clauses) \
                        or not {e.country for e in act.actor if not e.pending} <= doers:
                    continue
                if all(e.pending or e.country in doers for e in threat.recipient):
                    # none, or only the threatener itself ('warned it would ...')
                    threat = replace(threat, recipient=act.recipient,
                                     target=act.target or threat.target)
                if threat.modality == "actual":  # a warning of a hostile act threatens it
                    threat = replace(threat, modality="threatened")
                coded[i] = threat
                del coded[j]

    # ------------------------------------------------------------------ one event
    def _event(self, tok: Token, entry: LexiconEntry, sent: SpacySpan, sentence: Sentence,
               fired: dict[int, LexiconEntry], at: dict[int, Mention],
               where: dict[int, PlaceMention], block: Block, hedged: bool,
               according: Span | None, n: int, own_actor: bool = False,
               numeric: bool = True) -> Event | None:
        if tok.pos_ == "NOUN" and tok.dep_ == "nsubjpass" \
                and tok.head.lemma_.lower() in STALLED:
            return None  # 'talks have been frozen for years': none are taking place
        support = self._support_verb(tok) if tok.pos_ in ("NOUN", "ADJ") else None
        if tok.pos_ == "ADJ" and support is None:
            return None  # 'a sceptical official': a description, not a statement
        clause = support or tok  # the verb whose subject, negation and control apply
        passive = _is_passive(clause)
        actor_slots = entry.actor
        if own_actor:
            actor_slots = tuple(s for s in actor_slots if s in OWN_ACTOR_SLOTS)
        actor = self._fill(tok, actor_slots, at, passive, support, block)
        if actor.entities and all(e.pending for e in actor.entities):
            # 'the FLN said it was sceptical': 'it' is the speaker no dictionary knows
            actor = self._unknown_speaker(clause, actor, at, block) or actor
        if own_actor and not actor.entities:
            return None
        code = self.ontology[entry.cameo]
        # A hostile act whose doer goes unnamed ('three soldiers were killed by a roadside
        # bomb') is still an event, with the actor unknown; not 'unable to shell X'.
        may_go_unnamed = code.event in UNNAMED_DOERS and tok.pos_ == "VERB" \
            and not own_actor and clause.dep_ != "xcomp"
        if not actor.entities and passive and tok.pos_ == "VERB" and code.event in CONVEYED:
            # 'Rwandan troops were deployed to Mozambique', 'Turkish drones were delivered
            # to Ukraine': whose troops or arms they are, when no one else is named
            owners = self._entities([c for c in _kids(tok) if c.dep_ == "nsubjpass"],
                                    at, set(), block)
            if owners:
                actor = _Role(tuple(owners), False)
        if not actor.entities and not own_actor and self.require_actor:
            # No actor: settle whether one can be had before the recipient is looked for
            if code.event not in UNNAMED_DOERS and code.event not in DOMESTIC_EVENTS:
                # the unnamed group needs no recipient here
                actor = self._unnamed_actor(tok, entry, actor_slots, passive, support, at,
                                            where, block, _Role((), True))
                if not actor.entities:
                    actor = self._unknown_doer(tok, actor_slots, passive, support, block)
                if not actor.entities:
                    return None
            elif not may_go_unnamed and not (
                    passive and code.event in ("COERCE", "ACCUSE")) and not any(
                    self._group_sector(h) is not None or h.lemma_.lower() in GROUPS
                    for slot in actor_slots
                    for h in self._slot(tok, slot, passive, support)[0]):
                actor = self._unknown_doer(tok, actor_slots, passive, support, block)
                if not actor.entities:
                    return None  # no group to code from the recipient's country either
        # The condition of a threat ('... unless Iraq complied') names the party that must
        # comply, the recipient, when the trigger's own slots do not; before the complement
        # ('threatened to ban voting in the city if Hamas ran' is aimed at Hamas).
        slot_heads: dict[str, list[Token]] = {}  # read once, for the target too
        recipient = self._fill(tok, entry.recipient, at, passive, support, block,
                               skip=actor, recipient=True, seen=slot_heads)
        if not recipient.entities and tok.pos_ == "VERB":
            # 'threatened to attack X': X from the complement; a denial's from what it
            # denies ('denied that its forces had shelled X')
            complement = _complement(tok, entry, fired)
            if complement is not None:
                child, slots = complement
                recipient = self._fill(child, slots, at, _is_passive(child), None, block,
                                       skip=actor, recipient=True)
        if not recipient.entities or all(e.source.startswith("coreference:desc:")
                                         for e in recipient.entities):
            # 'rejected an offer from Kabul', 'dispersed protesters'; a description ('the
            # group') gives way to a name found there
            within = self._within_objects(tok, entry, passive, support, at, where,
                                          block, actor)
            if within.entities and (not recipient.entities or not within.entities[0].pending):
                recipient = within
        if not actor.entities and not own_actor:
            actor = self._unnamed_actor(tok, entry, actor_slots, passive, support, at, where,
                                        block, recipient)
        if not actor.entities and not own_actor:
            actor = self._unknown_doer(tok, actor_slots, passive, support, block)
        recipient = self._apart_from(actor, recipient)
        if any(e.pending and e.source.startswith(DESCRIPTION) for e in actor.entities):
            actor = self._placed_description(tok, entry, actor, actor_slots, passive,
                                             support, at, where, block, recipient)
        if not recipient.entities and actor.entities and code.event in SELF_DIRECTED:
            recipient = _domestic(actor, tok, block)
        target = self._target(tok, entry, passive, support, actor, recipient, fired, block,
                              slot_heads)
        if self.require_actor and not actor.entities and not (
                recipient.entities and may_go_unnamed):
            return None
        negated = any(c.dep_ == "neg" for c in _kids(clause))
        modality = entry.modality or "actual"
        if clause.dep_ == "xcomp":
            modality_cue, negates = self.cues.control.get(clause.head.lemma_.lower(),
                                                          (None, False))
            if modality_cue and entry.modality is None:
                modality = modality_cue
            negated = negated or negates
        rule = f"cue:{entry.id}" if entry.id.startswith("obligation.") \
            else f"lexicon:{entry.id}"
        if clause.dep_ == "xcomp" and clause.head.lemma_.lower() in OFFERS \
                and entry.modality is None and code.event not in ("AGREE", "THREATEN"):
            # 'Peru is ready to send troops' is Peru's offer, an intent to act (CAMEO 03),
            # as 'pledged to send' is; 'ready to strike' is a threat (13)
            cooperative = code.quad_class in (1, 2)
            code = self.ontology[OFFER_CODES[cooperative]]
            modality = "intended" if cooperative else "threatened"
            rule = f"offer:{entry.id}"
        if code.event == "PROTEST" and tok.lemma_.lower() == "protest" and actor.entities \
                and all(_official(e, at, tok.doc, block) for e in actor.entities):
            # 'Malaysia protested against the presence of Chinese ships': a state's protest
            # is diplomatic, a denunciation (CAMEO 111), not a demonstration
            code = self.ontology["111"]
            rule = f"official:{entry.id}"
        # a promise ('vowed to', 'pledged to'): what it promises may make it something else
        promise = tok.pos_ == "VERB" and entry.modality == "intended" \
            and code.cameo[:2] == "03"
        if promise and self._hostile_complement(tok, fired):
            # 'vowed to attack Israel', 'pledged to fight on': a promise of a hostile act
            # is a threat (CAMEO 13), as 'ready to strike' is
            code = self.ontology[OFFER_CODES[False]]
            modality = "threatened"
            rule = f"offer:{entry.id}"
        elif promise and self._refused_complement(tok, fired):
            # 'vowed not to return the Golan Heights': a refusal made in advance (CAMEO
            # 12), as 'pledged not to attack' is a cooperative promise
            code = self.ontology["120"]
            modality = "actual"  # the vow is the refusal
            rule = f"refusal:{entry.id}"
        if code.event == "MOBILIZE" and code.cameo.startswith("154") \
                and _peacekeeping(clause):
            # 'sent troops to the UN peacekeeping force in Mali', 'the deployment of
            # troops on a peacekeeping mission': providing peacekeeping, not a show of force
            code = self.ontology[PEACEKEEPING_CODE]
            rule = f"peacekeeping:{entry.id}"
        if code.cameo == JOINT_DRILL_CODES[0] and tok.pos_ == "NOUN" \
                and len({e.country for e in actor.entities if e.country}) > 1:
            # 'Russian and Chinese navies began exercises': held together, a cooperation
            code = self.ontology[JOINT_DRILL_CODES[1]]
            rule = f"joint:{entry.id}"
        if modality == "actual":
            modality = _mood(tok, clause)
        attribution = according or self._speaker(clause, block)
        hedged_here = hedged or according is not None or _hearsay(clause)
        confidence = 0.85 if tok.pos_ == "VERB" else 0.75
        if not actor.direct or any(e.pending for e in actor.entities):
            confidence -= 0.1
        if not actor.entities or actor.entities[0].source == UNKNOWN:
            confidence -= 0.2  # the doer unknown: below any event that names one
        if not recipient.entities:
            confidence -= 0.1
        if hedged_here:
            confidence -= 0.05
        if clause.dep_ == "acl" and clause.head.dep_ == "pobj":
            confidence -= 0.1  # 'at a lunch hosted by the ambassador': background detail
        confidence = round(max(0.05, min(1.0, confidence)), 2)
        if confidence < self.min_confidence:
            return None
        start, end = tok.idx, tok.idx + len(tok.text)
        if entry.particle:
            for child in _kids(tok):
                if child.lower_ == entry.particle and child.dep_ in ("prt", "prep"):
                    start, end = min(start, child.idx), max(end, child.idx + len(child.text))
        trigger = Span(block.text[start:end], block.start + start, block.start + end)
        return Event(
            doc_id=block.doc_id, sentence_index=sentence.index, n=n, sentence=sentence,
            event=code.event, mode=entry.mode or code.mode, context=code.context,
            cameo=code.cameo, penta_class=code.penta_class, quad_class=code.quad_class,
            goldstein=code.goldstein, trigger=trigger, actor=actor.entities,
            recipient=recipient.entities, target=target, negated=negated, modality=modality,
            hedged=hedged_here, attribution=attribution,
            quantities=event_quantities(tok, code.event, code.cameo) if numeric else (),
            confidence=confidence, rule=rule,
        )

    def _target(self, tok: Token, entry: LexiconEntry, passive: bool, support: Token | None,
                actor: _Role, recipient: _Role, fired: dict[int, LexiconEntry],
                block: Block, slot_heads: dict[str, list[Token]]) -> Span | None:
        """What the event is done to, named actor or not: the words the recipient was
        found in ('rejected an offer from Kabul'); else the first recipient slot that
        holds any words ('released two aid workers', 'granted asylum to a blogger'), the
        complement's ('threatened to shell a checkpoint'), or the trigger's object."""
        taken = [(e.start - block.start, e.end - block.start) for e in actor.entities]

        # 'fired missiles', 'detonated a car bomb', 'missiles fired by X': what is fired
        # or thrown is the weapon, not what it is aimed at
        thrown = {c.i for c in _kids(tok) if c.dep_ == "dobj"} | (
            {tok.head.i} if passive and tok.dep_ == "acl" else set()) \
            if tok.pos_ == "VERB" and tok.lemma_.lower() in THROWING else set()

        def words(heads: Iterable[Token]) -> list[Token]:
            return [h for h in heads if h.i != tok.i and h.i not in thrown
                    and h.pos_ in TARGET_POS
                    and not _is_time(h) and h.lemma_.lower() not in entry.objects
                    and not any(s <= h.idx < e for s, e in taken)
                    and not _own_thing(h, self._group_sector) and not _sum(h)]

        heads = words(recipient.heads)
        if not heads:
            for slot in entry.recipient:
                found = slot_heads.get(slot)
                if found is None:
                    found = self._slot(tok, slot, passive, support)[0]
                heads = words(found)
                if heads:
                    break
        if not heads and entry.objects and tok.pos_ == "VERB":
            # 'expressed hope that the new government will ...': the object names the
            # sense, the clause it introduces what the hope is about
            clauses = [c for o in _kids(tok) if o.dep_ == "dobj"
                       and o.lemma_.lower() in entry.objects
                       for c in _kids(o) if c.dep_ in ("acl", "ccomp") and _that(c)]
            clauses += [c for c in _kids(tok) if c.dep_ == "ccomp" and _that(c)]
            heads = words(g for c in clauses for g in _kids(c) if g.dep_ in SUBJECT_DEPS)
        if not heads and tok.pos_ == "VERB":
            complement = _complement(tok, entry, fired)
            if complement is not None:
                child, slots = complement
                child_passive = _is_passive(child)
                for slot in slots:
                    heads = words(self._slot(child, slot, child_passive, None)[0])
                    if heads:
                        break
        if not heads:
            heads = words(_objects(tok, passive, support))[:1]
        subject = tok if tok.pos_ == "NOUN" else tok.head if thrown and tok.dep_ == "acl" \
            else None
        if not heads and subject is not None and subject.dep_ == "nsubj" \
                and subject.head.i in fired:
            # 'a car bombing by X killed 75 people', 'missiles fired by X struck a depot':
            # what the event did, the verb's object
            heads = words(_objects(subject.head, _is_passive(subject.head)))[:1]
        if not heads and entry.cameo.startswith(AREA_CODES):
            # 'declared a ceasefire in Idlib', 'troops remained on alert in the north':
            # an act that holds over an area is done to the area
            holders = [tok, *([support] if support is not None else []),
                       *([tok.head] if tok.dep_ in ("dobj", "nsubjpass") else [])]
            heads = words(g for h in holders for w in AREA_PREPOSITIONS
                          for g in _prep_objects(h, w))[:1]
        if heads and heads[0].lemma_.lower() in AREA_ACTIVITIES:
            # 'agreed to a ceasefire in Hodeidah', 'contribute to the peacekeeping
            # operation in Georgia': what an activity over an area is done to is the area
            # ... also when the area hangs from what it is of ('the normalisation of the
            # situation in Mali', 'an extension of the monitoring mission in Cyprus')
            heads = words(_prep_objects(heads[0], "in"))[:1] or words(
                g for of in _prep_objects(heads[0], "of") for g in _prep_objects(of, "in")
            )[:1] or heads
        return _phrase(heads[0], block) if heads else None

    def _support_verb(self, noun: Token) -> Token | None:
        head = noun.head
        if noun.pos_ == "ADJ":  # 'is sceptical about', 'remained optimistic that'
            return head if noun.dep_ == "acomp" and head.pos_ in ("AUX", "VERB") \
                and head.lemma_.lower() in COPULAS else None
        held = _held_to_account(noun) if noun.pos_ == "NOUN" else None
        if held is not None:  # 'the LRA is responsible for mass killings'
            return held
        if noun.dep_ == "conj" and head.i != noun.i and head.pos_ == "NOUN":
            # 'launched air and artillery strikes': coordinated objects share the verb
            return self._support_verb(head)
        if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" \
                and not _verb_lemmas(head).isdisjoint(self.cues.support):
            return head
        if noun.dep_ == "pobj" and head.lower_ in ("on", "for") \
                and head.head.pos_ == "VERB" and head.head.lemma_.lower() in ERRANDS:
            return head.head  # 'arrived on a visit', 'return to Geneva for talks'
        if noun.dep_ == "pobj" and head.lower_ == "on" and head.head.pos_ in ("VERB", "AUX") \
                and head.head.lemma_.lower() in STAYING:
            return head.head  # 'troops remained on alert', 'workers stayed on strike'
        if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ == "VERB" \
                and _partaking(head.head):
            return head.head  # 'engaged in ethnic cleansing', 'took part in exercises'
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep" \
                and head.head.lemma_.lower() in STRETCHES:
            return self._support_verb(head.head)  # 'held two rounds of talks'
        return None

    # ------------------------------------------------------------------ roles
    def _fill(self, tok: Token, slots: Sequence[str], at: dict[int, Mention], passive: bool,
              support: Token | None, block: Block, skip: _Role | None = None,
              recipient: bool = False, seen: dict[str, list[Token]] | None = None) -> _Role:
        """The first of ``slots`` that names someone; ``seen`` collects each slot's
        words on the way."""
        taken = {(e.start, e.end) for e in skip.entities} if skip else set()
        for slot in slots:
            heads, direct = self._slot(tok, slot, passive, support)
            if seen is not None:
                seen[slot] = heads
            found = self._entities(heads, at, taken, block, recipient=recipient)
            if found:
                if slot.startswith("obj:"):  # 'an offer from Kabul' is what is rejected
                    heads = [c for c in _kids(tok) if c.dep_ in ("dobj", "nsubjpass")]
                return _Role(tuple(found), direct, tuple(heads))
        return _Role((), True)

    def _slot(self, tok: Token, slot: str, passive: bool,
              support: Token | None) -> tuple[list[Token], bool]:
        if slot == "support":
            if support is None:
                return [], True
            if _is_passive(support) and _partaking(support):
                # 'Serb forces were engaged in ethnic cleansing': a state, not a passive
                return [c for c in _kids(support) if c.dep_ == "nsubjpass"], True
            if _is_passive(support):
                return _agents(support), True
            return _subjects(support)
        if slot == "nsubj":
            return ([], True) if passive else _subjects(tok)
        if slot == "agent":
            return _agents(tok), True
        if slot == "dobj":
            if passive:
                subj = [c for c in _kids(tok) if c.dep_ == "nsubjpass"]
                if (not subj and tok.dep_ == "acl") or (tok.dep_ == "relcl" and subj and all(
                        s.tag_ in RELATIVES for s in subj)):
                    subj = [tok.head]  # 'the envoy, who was summoned by ...'
                return subj, True
            return [c for c in _kids(tok) if c.dep_ == "dobj"], True
        if slot == "ccomp":  # 'demanded that the US cancel ...': the clause's subject;
            # a noun's clause too ('its demand that Israel ease ...')
            clauses = [c for c in _kids(tok) if c.dep_ == "ccomp" or (
                c.dep_ == "acl" and tok.pos_ == "NOUN" and _that(c))]
            if tok.pos_ == "NOUN" and tok.dep_ == "dobj":  # 'reiterated its demand that X'
                clauses += [c for c in _kids(tok.head) if c.dep_ == "ccomp" and _that(c)]
            elif tok.pos_ == "VERB":  # 'expressed hope that Iran would ...': its object's
                clauses += [c for o in _kids(tok) if o.dep_ == "dobj"
                            for c in _kids(o) if c.dep_ == "acl" and _that(c)]
            return [g for c in clauses for g in _kids(c)
                    if g.dep_ in SUBJECT_DEPS or g.dep_ == "nsubjpass"], True
        if slot == "cond":  # 'threatened to strike unless Iraq complied': who must comply
            for verb in (tok, *(c for c in _kids(tok) if c.dep_ == "xcomp")):
                for clause in _kids(verb):
                    if clause.dep_ == "advcl" and any(
                            m.dep_ == "mark" and m.lower_ in CONDITIONS
                            for m in _kids(clause)):
                        found = [g for g in _kids(clause) if g.dep_ in SUBJECT_DEPS]
                        if found:
                            return found, True
            return [], True
        if slot == "nsubjpass":
            return [c for c in _kids(tok) if c.dep_ == "nsubjpass"], True
        if slot == "dative":
            out: list[Token] = []
            for c in _kids(tok):
                if c.dep_ == "dative":
                    out.extend(_kids(c) if c.pos_ == "ADP" else [c])
            return out, True
        if slot in ("poss", "amod", "compound"):
            found = [c for c in _kids(tok) if c.dep_ == slot]
            if slot == "poss" and tok.dep_ == "dobj" and any(c.lower_ == "their"
                                                            for c in found):
                # 'Bolivia and Peru delayed their meeting': 'their' is the pair
                subjects, _ = _subjects(tok.head)
                if len(_with_conjuncts(subjects)) > 1:
                    return subjects, True
            return found, True
        if slot.startswith("obj:"):  # 'rejected an offer from Kabul': the object's maker
            objects = [c for c in _kids(tok) if c.dep_ in ("dobj", "nsubjpass")]
            return [g for o in objects for g in _prep_objects(o, slot[4:])], True
        if slot == "objmod":  # 'received Chinese air defence systems': whose goods
            return _object_owners(tok), True
        if slot == "user":  # 'were using drones supplied by Turkey': who has the goods
            return _goods_holders(tok), True
        if slot.startswith("prep:"):
            word = slot[5:]
            found = _prep_objects(tok, word)
            if not found and support is not None:
                found = _prep_objects(support, word)
                if not found and word == "to":  # 'gave Peru a warning': a warning to Peru
                    found = [c for c in _kids(support) if c.dep_ == "dative"
                             and c.pos_ != "ADP"]
            if not found and tok.pos_ == "VERB":  # 'supplied artillery to X' attached low
                for obj in _kids(tok):
                    if obj.dep_ == "dobj":
                        found.extend(_prep_objects(obj, word))
                        if not found and _amount(obj):  # '$5 million in aid to X', lower
                            for inner in (*_prep_objects(obj, "in"),
                                          *_prep_objects(obj, "of")):
                                found.extend(_prep_objects(inner, word))
            return found, True
        return [], True

    def _within_objects(self, tok: Token, entry: LexiconEntry, passive: bool,
                        support: Token | None, at: dict[int, Mention],
                        where: dict[int, PlaceMention], block: Block,
                        actor: _Role) -> _Role:
        """The recipient inside what a trigger acts on, when no slot names one: the
        owner of the object ("welcomed Reagan's statement", 'rejected an offer from
        Kabul', 'the withdrawal of Serbian forces'), found through its prepositional
        phrases; else an unnamed group the event acts on, coded with the country of the
        place its phrase names ('rebels in Syria'); else, for an attack or protest, the
        state on whose soil it happened; else the group coded with the actor's country
        ('dispersed demonstrators': the event is domestic)."""
        taken = {(e.start, e.end) for e in actor.entities}
        visited: list[Token] = []
        came_from: dict[int, Token] = {}  # each visited word's object of the trigger
        referring: list[Entity] = []  # 'its', 'the group': kept for when nothing else is
        entry_cameo = entry.cameo
        own_sense: set[int] = set()  # 'withdrew its troops': the doer's own, the act's sense
        # what a mobilisation or deployment moves is the doer's own force
        moves_own = self.ontology[entry_cameo].event == "MOBILIZE"
        for obj in _objects(tok, passive, support):  # each in turn, the trigger's own first
            if obj.head.i == tok.i and obj.dep_ == "dobj" and (
                    moves_own or (obj.lemma_.lower() in entry.objects
                                  and _pronoun_owned(obj))):
                own_sense.add(obj.i)
            frontier = [obj]
            for _ in range(3):  # the object, the phrases in it, the phrases in those
                frontier = _with_conjuncts(frontier)  # 'artillery and rocket fire against X'
                named: list[Entity] = []  # every conjunct's: 'ties between X and Y'
                for head in frontier:  # its own words first: "Serbia's suppression of ..."
                    found = self._entities([head], at, taken, block, of=False,
                                           recipient=True)
                    named.extend(e for e in found if not e.pending
                                 and all((e.start, e.end, e.code) != (n.start, n.end, n.code)
                                     for n in named))
                    if head.i not in own_sense:
                        referring = referring or found
                if named:
                    return _Role(tuple(named), False, (obj,))
                for h in frontier:
                    if h not in visited:
                        visited.append(h)
                        came_from[h.i] = obj
                frontier = [g for head in frontier for c in _kids(head)
                            if c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS
                            for g in _kids(c) if g.dep_ in ("pobj", "pcomp")] + \
                    [g for head in frontier for c in _kids(head) if c.dep_ == "acl"
                     for g in _acl_parties(c)]  # 'an invitation to attend X', 'positions
                # held by separatists', 'accusations made by the prime minister'
        domestic: _Role | None = None  # a group with no place: the actor's country's
        for head in visited:
            if head.i in own_sense:
                continue  # not acted on: 'withdrew its troops from the zone'
            parties_to = _to_phrases(head) if head.lemma_.lower() in NOT_GROUPS else []
            if parties_to:
                # 'the parties to the conflict', not 'opposition parties'; 'the parties
                # to the conflict in Iraq' are coded by the country alone
                place = next((site for c in parties_to
                              for g in _kids(c) if g.dep_ == "pobj"
                              and (site := self._place_in(g, at, where, ("in",),
                                                          names=True)) is not None), None)
                if place is not None:
                    return _Role((_context_entity(
                        _group_start(head), head, place.code, place.country, None,
                        "context:place", block),), False)
                continue
            sector = agent_sector(self.agents, head)
            if sector is None:
                if head.lemma_.lower() not in GROUPS:
                    continue
            elif head.tag_ not in ("NNS", "NNPS") and sector not in GROUP_SECTORS:
                continue  # 'an official' is one person, not a group
            if any(c.lower_ in FOREIGN for c in _kids(head)):
                continue  # 'foreign media' are not the actor's own
            place = self._place_in(head, at, where)
            if place is None and _parties_named_before(head):
                continue  # 'urged both governments': the parties told of before, not its own
            group_country = place.country if place is not None \
                else next((e.country for e in actor.entities if e.country), None)
            if group_country is None:
                continue
            code = place.code if place is not None else group_country
            if len(code) == 3:
                code += sector or ""
            group = replace(_context_entity(_group_start(head), head, code, group_country,
                                            sector, "context:place" if place is not None
                                            else "context:actor's country", block),
                            phrase=_phrase(head, block))
            role = _Role((group,), False, (came_from[head.i],))
            if place is not None:
                return role
            domestic = domestic or role
        if self.ontology[entry_cameo].event in PLACED_EVENTS:
            # 'rioted at a jail in northern Israel': an attack or protest on a state's soil
            # ('killed 23 when they blew themselves up in Tel Aviv': a clause of time
            # says where too)
            when = [c for c in _kids(tok) if c.dep_ == "advcl" and any(
                m.dep_ in ("advmod", "mark") and m.lower_ in TIME_MARKS for m in _kids(c))]
            for head in (*_clauses(tok), *when, *([support] if support is not None else []),
                         *visited):
                place = self._place_in(head, at, where, ("in", "at", "near", "inside"),
                                       names=True)
                if place is not None:
                    return _Role((_context_entity(
                        head.doc[place.start], head.doc[place.end - 1], place.code,
                        place.country, None, "context:place", block),), False,
                        (came_from[head.i],) if head.i in came_from else ())
        elif self.ontology[entry_cameo].event == "REQUEST":
            # 'appealed for calm in Kenya': asked of the parties where peace is sought
            sought = [h for h in visited if h.lemma_.lower() in SETTLED]
            for head in (*sought, tok) if sought else ():
                place = self._place_in(head, at, where, ("in",), names=True)
                if place is not None:
                    return _Role((_context_entity(
                        head.doc[place.start], head.doc[place.end - 1], place.code,
                        place.country, None, "context:place", block),), False,
                        (came_from.get(sought[0].i, sought[0]),))
        if domestic is not None:
            return domestic
        return _Role(tuple(referring), False) if referring else _Role((), True)

    def _group_sector(self, head: Token) -> str | None:
        """The sector of a group an agent noun names, or of a name no dictionary knows
        after a title that names one ('Judge Ana Ruiz', 'General Tomas Vega')."""
        sector = agent_sector(self.agents, head)
        if sector is None and head.pos_ == "PROPN":
            sector = next((found for c in head.lefts if c.dep_ == "compound"
                           and (found := agent_sector(self.agents, c)) is not None), None)
        return sector

    def _placed_description(self, tok: Token, entry: LexiconEntry, actor: _Role,
                            slots: Sequence[str], passive: bool, support: Token | None,
                            at: dict[int, Mention], where: dict[int, PlaceMention],
                            block: Block, recipient: _Role) -> _Role:
        """'The authorities imposed a curfew in Lima': a description waits for the earlier
        mention it stands for; should the document have none, it is the group of the
        place its clause happens in (PERGOV), as 'police arrested protesters in Lima' is.
        The place's country rides on the pending entity, read only when coreference
        finds no antecedent."""
        placed = self._unnamed_actor(tok, entry, slots, passive, support, at, where, block,
                                     recipient)
        found = placed.entities[0] if placed.entities else None
        if found is None or not found.country or not found.source.startswith("context:"):
            return actor
        return actor._replace(entities=tuple(
            replace(e, country=found.country, sector=e.sector or found.sector)
            if e.pending and e.source.startswith(DESCRIPTION) else e
            for e in actor.entities))

    def _unknown_speaker(self, clause: Token, actor: _Role, at: dict[int, Mention],
                         block: Block) -> _Role | None:
        """The doer a reported clause's pronoun subject stands for when it is the speaker
        and no dictionary knows the speaker ('the FLN said it was sceptical', 'Senator
        Irene Valdez says she will back the bill'): the speaker, as an unknown doer. A
        speaker a dictionary knows is left to coreference."""
        if not self.unknown_actors or clause.dep_ != "ccomp" \
                or clause.head.lemma_.lower() not in self.cues.speech \
                or not all(h.pos_ == "PRON" and h.dep_ in SUBJECT_DEPS and h.head.i == clause.i
                           for h in actor.heads):
            return None
        speech = clause.head
        speakers = [c for c in _kids(speech) if c.dep_ in SUBJECT_DEPS]
        if not speakers or any(i in at for s in speakers
                               for i in range(s.left_edge.i, s.right_edge.i + 1)):
            return None
        speaker = self._unknown_doer(speech, ("nsubj",), False, None, block)
        return speaker if speaker.entities else None

    def _unknown_doer(self, tok: Token, slots: Sequence[str], passive: bool,
                      support: Token | None, block: Block) -> _Role:
        """A doer the text names that no dictionary codes: an organisation's name ('the
        FLN claimed responsibility', 'the Oromo Liberation Front attacked') or a body or
        group named by an agent noun ('police arrested', 'the provincial government'),
        coded '---' (country unknown, as in CAMEO) plus the sector its noun names.
        Pronouns are left to coreference; people's and places' names are not bodies.
        Off with the setting ``unknown_actors``."""
        if not self.unknown_actors:
            return _Role((), True)
        for slot in slots:
            heads, _ = self._slot(tok, slot, passive, support)
            for head in heads:
                if head.pos_ == "PRON":
                    return _Role((), True)
                sector = self._group_sector(head)
                if (head.pos_ == "PROPN" and (_names_a_body(head) or sector is not None)) or (
                        head.pos_ == "NOUN" and (_acronym(head) or (
                            head.lower_ in BODY_WORDS and any(
                                c.dep_ == "compound" and c.pos_ == "PROPN"
                                for c in head.lefts)))) or (
                        head.pos_ == "NOUN" and (sector is not None
                                                 or head.lemma_.lower() in GROUPS)
                        and not _parties_named_before(head)):
                    phrase = _phrase(head, block)
                    return _Role((Entity(
                        entity_text=phrase.text, code="---" + (sector or ""), country=None,
                        sector=sector, start=phrase.start, end=phrase.end, source=UNKNOWN,
                        phrase=phrase),), False, (head,))
            if heads:
                break
        return _Role((), True)

    def _unnamed_actor(self, tok: Token, entry: LexiconEntry, slots: Sequence[str],
                       passive: bool, support: Token | None, at: dict[int, Mention],
                       where: dict[int, PlaceMention], block: Block,
                       recipient: _Role) -> _Role:
        """An actor no dictionary names: a group named by an agent noun ('prisoners
        rioted', 'a judge opened investigations') is coded with the country of the place
        the clause happens in, or, for an attack, coercion or investigation, with the
        recipient's country (the event is domestic); a state that arrests or
        investigates with no agent named ('was arrested in Lebanon') is the state whose
        soil it happens on."""
        event = self.ontology[entry.cameo].event
        heads = [h for slot in slots for h in self._slot(tok, slot, passive, support)[0]]
        clauses = (*_clauses(tok), *([support] if support is not None else []))
        place = next((site for c in clauses if (site := self._place_in(
            c, at, where, ("in", "at", "near", "inside", "throughout", "across"),
            names=True)) is not None), None)
        for head in heads:
            sector = self._group_sector(head)
            if sector is None and head.lemma_.lower() not in GROUPS:
                continue
            if any(c.lower_ in FOREIGN for c in _kids(head)):
                return _Role((), True)
            country: str | None = None
            own = self._place_in(head, at, where, ("in", "from"), names=True)
            if own is not None:  # 'soldiers from Chad', 'lawmakers in Kenya'
                country, source = own.country, "context:place"
            elif place is not None:
                country, source = place.country, "context:place"
            elif event in DOMESTIC_EVENTS:
                country = next((e.country for e in recipient.entities if e.country), None)
                source = "context:recipient's country"
            if country is None:
                return _Role((), True)
            return _Role((_context_entity(_group_start(head), head,
                                          country + (sector or ""), country, sector, source,
                                          block),), False)
        if passive and not heads and place is not None and event in ("COERCE", "ACCUSE"):
            return _Role((_context_entity(tok.doc[place.start], tok.doc[place.end - 1],
                                          place.country, place.country, None,
                                          "context:place", block),), False)
        return _Role((), True)

    @staticmethod
    def _apart_from(actor: _Role, recipient: _Role) -> _Role:
        """Joint actors ('Israel and Lebanon renewed negotiations on an Israeli pullback')
        are not each other's recipient: a recipient of only their countries is dropped."""
        countries = {e.country for e in actor.entities if e.country}
        if len(countries) > 1 and recipient.entities and all(
                e.country in countries for e in recipient.entities):
            return _Role((), True)
        return recipient

    def _place_in(self, head: Token, at: dict[int, Mention],
                  where: dict[int, PlaceMention],
                  words: tuple[str, ...] = ("in", "of", "from"),
                  names: bool = False) -> _Site | None:
        """The state a phrase places itself in: 'workers in Tehran', 'an organisation in
        Northern Ireland', 'rebels in southern Sudan', 'a bombing in Tel Aviv' (a
        gazetteer place). With ``names``, only a place's name counts, not an adjective
        ('the Palestinian uprising')."""
        for prep in _kids(head):
            if prep.dep_ == "prep" and prep.lower_ in words:
                for obj in prep.subtree:
                    mention = at.get(obj.i)
                    if mention is not None:
                        if mention.entry.type in ("state", "territory", "disputed") and (
                                not names or mention.entry.kind in ("name", "capital")):
                            return _Site(mention.entry.code, mention.start, mention.end)
                        continue
                    place = where.get(obj.i)
                    if place is not None:
                        return _Site(place.place.country, place.start, place.end)
        return None

    def _entities(self, heads: Iterable[Token], at: dict[int, Mention],
                  taken: set[tuple[int, int]], block: Block, of: bool = True,
                  recipient: bool = False) -> list[Entity]:
        """The actors named by the noun phrases at ``heads``. A recipient may be the
        holder of a place ('captured a Russian-held village'); an actor may not."""
        heads = list(heads)
        if not heads:
            return []
        found: list[tuple[int, bool, bool, Entity]] = []  # np head, person, demonym head
        seen: set[int] = set()
        doc: Doc | None = None
        marks = self._marks
        for head in heads:
            doc = head.doc
            before = len(found)
            # a phrase is a subtree, one stretch of tokens: walk it only when a name is in
            # that stretch
            lo, hi = head.left_edge.i, head.right_edge.i
            k = bisect_left(marks, lo)
            named = k < len(marks) and marks[k] <= hi
            phrase_tokens = _noun_phrase(head, of) if named else ()
            phrase: Span | None = None
            for np_head, tok in phrase_tokens:
                mention = at.get(tok.i)
                if mention is None or mention.start in seen \
                        or _describes(mention, tok.doc, recipient) \
                        or _qualifies(mention, tok.doc):
                    continue
                seen.add(mention.start)
                if phrase is None:  # the whole phrase that names them
                    phrase = _phrase(head, block)
                entity = self._entity(mention, np_head, block, phrase if not recipient
                                      or not _coordinated(np_head, head)
                                      else _phrase(np_head, block, own=True))
                if (entity.start, entity.end) not in taken:
                    for party in _members(entity, mention.entry.members):
                        found.append((np_head.i, mention.entry.kind == PERSON_KIND,
                                      mention.entry.kind == "demonym"
                                      and mention.start <= np_head.i < mention.end, party))
            self._shared_modifier(head.doc, found, before, at)
            if head.i not in at and not any(i == head.i for i, *_ in found[before:]):
                # nothing names the head itself ('lawmakers in Kenya and Uganda'; with
                # 'and Uganda' parsed as a second subject, Uganda is found already)
                # a place that seats a group is a name in its stretch of tokens
                seat, group = (self._seat_of_government(head, at) if named else None), head
                if seat is None and named and (head.pos_ == "NUM"
                                     or head.lemma_.lower() in QUANTITY_NOUNS):
                    # 'thousands of students in Chile': the group the count is of
                    # ('thousands of students across Chile' parsed either way)
                    for inner in _prep_objects(head, "of"):
                        if seat is None:
                            seat, group = self._seat_of_government(inner, at) or \
                                self._seat_of_government(inner, at, head), inner
                form = referring_form(head)  # 'it', 'their', 'the country': resolved later
                if seat is not None:  # 'officials in Yerevan'
                    # 'lawmakers and officials in Kenya and Uganda': each group of each
                    # place named with it
                    seats = [seat, *self._other_seats(head.doc, seat, at)]
                    # ... also when the parser makes the second place a second subject
                    # ('lawmakers in Kenya' and 'Uganda'): it is the group's place too
                    doc = head.doc
                    for c in group.conjuncts:
                        second = at.get(c.i)
                        if second is not None and second.start == seats[-1].end + 1 \
                                and doc[seats[-1].end].lower_ in ("and", "or") \
                                and second.entry.type == seat.entry.type:
                            seats.append(second)
                            start = block.start + doc[second.start].idx
                            found[before:] = [f for f in found[before:]
                                              if f[3].start != start]
                    groups = [group, *(c for c in group.conjuncts
                                       if self._agent(c, c.i) is not None)]
                    for seat_k in seats:
                        for member in groups:
                            entity = self._entity(seat_k, member, block)
                            if (entity.start, entity.end) not in taken and entity.code \
                                    not in {e.code for *_, e in found[before:]}:
                                found.append((head.i, False, False, entity))
                elif form is not None:
                    found.append((head.i, False, False, pending(head, form, block.start,
                                                                block.text)))
                else:
                    owned = self._owned_group(head, block)
                    if owned is None and head.pos_ == "PROPN" and named:
                        owned = self._described_as(head, at, taken, block)
                    if owned is not None:
                        found.append((head.i, False, False, owned))
            elif len(found) == before + 1 and found[-1][2]:
                # 'ethnic Albanians in Serbia': a people living in a state is coded as that
                # state's civilians.
                place = self._ethnic_home(head, at)
                if place is not None:
                    i, person, _, _ = found[-1]
                    home = self._entity(place, head, block)
                    found[-1] = (i, person, False, replace(
                        found[-1][3], code=(home.country or home.code[:3]) + "CVL",
                        country=home.country, sector="CVL"))
        if not found:
            return []
        # 'Armenian Prime Minister Nikol Pashinyan': the person names the actor; the
        # country word in the same phrase is his title, not a second actor.
        people = {(i, e.country) for i, person, _, e in found if person}
        # 'Bosnian Serbs', 'Kosovar Albanians': a people qualified by a state's name is
        # that state's population, one actor; the demonym head is not a second one.
        qualified = {i for i, _, demonym, _ in found if not demonym} & \
            {i for i, _, demonym, _ in found if demonym}
        # 'Kenzo Oshima, the UN relief coordinator': an organisation the text names in
        # apposition is the person's affiliation now, over the office a dictionary dates;
        # so is one in the person's own phrase ('UN mediator Kenzo Oshima').
        bodies = {i for i, person, _, e in found
                  if not person and e.code[:3] in ("IGO", "NGO")}
        affiliated = {i for i, person, _, _ in found
                      if person and doc is not None and (i in bodies or any(
                          c.dep_ == "appos" and c.i in bodies for c in doc[i].children))}
        out = [e for i, person, demonym, e in found
               if (person or (i, e.country) not in people)
               and not (demonym and i in qualified)
               and not (person and i in affiliated)]
        out.sort(key=lambda e: e.start)
        # "the Kurdistan Workers' Party (PKK)": a name and its abbreviation in brackets
        # are one party
        return [e for k, e in enumerate(out) if not (
            k and out[k - 1].code == e.code and out[k - 1].end <= e.start
            and block.text[out[k - 1].end - block.start:e.start - block.start].strip()
            == "(")]

    def _seat_of_government(self, head: Token, at: dict[int, Mention],
                            attached: Token | None = None) -> Mention | None:
        """Where a group named by an agent noun belongs: a capital after it stands for its
        government ('officials in Yerevan', 'diplomats in Kyiv'); a state or territory
        it is in or from gives its country ('opposition groups in Zimbabwe', 'rebels in
        the Ivory Coast', 'doctors from two American aid groups', 'students throughout
        Indonesia'). ``attached`` is the word the place hangs from when that is not the
        group's noun ('thousands of students across Chile')."""
        agent = self._agent(head, head.left_edge.i)
        if agent is None and head.lemma_.lower() not in GROUPS:
            return None
        for prep in _kids(attached or head):
            if prep.dep_ != "prep" or prep.lower_ not in HOME_PREPOSITIONS:
                continue
            for obj in _kids(prep):
                if obj.dep_ != "pobj":
                    continue
                for tok in obj.subtree:
                    mention = at.get(tok.i)
                    if mention is None or mention.entry.type not in (
                            "state", "territory", "disputed"):
                        continue
                    kind = mention.entry.kind
                    if kind == "capital" and agent is None:
                        continue  # 'people in Lima' are not Peru's government
                    if prep.lower_ != "from" and kind not in ("name", "capital"):
                        continue  # 'an official in the Palestinian uprising'
                    return mention
        return None

    def _shared_modifier(self, doc: Doc, found: list[tuple[int, bool, bool, Entity]],
                         before: int, at: dict[int, Mention]) -> None:
        """'Israeli police and soldiers', 'Kenyan lawmakers and officials': a name that
        modifies the first of coordinated group nouns is each one's."""
        for k in range(before, len(found)):
            i, person, _, entity = found[k]
            if person or i in at or not entity.country or not entity.sector:
                continue
            noun = doc[i]
            if not any(c.dep_ == "conj" for c in _kids(noun)):
                continue  # most heads stand alone: no coordination to read
            for member in noun.conjuncts:
                if member.i < i or member.i in at or any(t.i in at for t in member.subtree):
                    continue
                sector = self._agent(member, member.i)
                code = entity.country + sector if sector else None
                if code and all(e.code != code for *_, e in found[before:]):
                    found.append((member.i, False, False,
                                  replace(entity, code=code, sector=sector)))

    def _owned_group(self, head: Token, block: Block) -> Entity | None:
        """'its government', 'their army', 'his ministry': a group named by an agent noun
        and owned by a pronoun, pending until the pronoun is resolved; the noun gives the
        sector ('Brazil said its army ...' -> BRAMIL)."""
        owner = next((c for c in _kids(head) if c.dep_ == "poss" and c.tag_ == "PRP$"),
                     None)
        form = referring_form(owner) if owner is not None else None
        sector = self._agent(head, head.i) if form is not None else None
        if owner is None or form is None or sector is None:
            return None
        entity = pending(owner, form, block.start, block.text)
        end = head.idx + len(head.text)
        return replace(entity, sector=sector, end=block.start + end,
                       entity_text=block.text[owner.idx:end])

    def _described_as(self, head: Token, at: dict[int, Mention], taken: set[tuple[int, int]],
                      block: Block) -> Entity | None:
        """'Ana Ruiz, a Chilean official': a name no dictionary knows, described in
        apposition by a state's name or adjective, is coded from the description
        (CHLGOV), which names no second actor. The phrase stays the name's own."""
        for appos in _kids(head):
            if appos.dep_ != "appos" or not _described(appos):
                continue
            for np_head, tok in _noun_phrase(appos, of=True):
                mention = at.get(tok.i)
                if mention is None or mention.entry.kind == PERSON_KIND \
                        or mention.entry.type not in ("state", "territory", "disputed"):
                    continue
                entity = self._entity(mention, np_head, block, _phrase(head, block))
                if (entity.start, entity.end) not in taken:
                    return entity
        return None

    @staticmethod
    def _other_seats(doc: Doc, seat: Mention, at: dict[int, Mention]) -> list[Mention]:
        """The places coordinated with ``seat`` ('in Kenya and Uganda')."""
        out = []
        for tok in doc[seat.end - 1].conjuncts:
            mention = at.get(tok.i)
            if mention is not None and mention is not seat and mention.entry.type in (
                    "state", "territory", "disputed") and mention not in out:
                out.append(mention)
        return out

    def _ethnic_home(self, head: Token, at: dict[int, Mention]) -> Mention | None:
        """'ethnic Armenians in Azerbaijan': the state the people live in; for people
        acted on, the state the clause happens in ('killed three ethnic Albanians in a
        gunbattle in southern Serbia')."""
        if not any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in _kids(head)):
            return None
        places = [head]
        if head.dep_ in ("dobj", "nsubjpass", "nsubj"):
            places.append(head.head)
        for place in places:
            for prep in _kids(place):
                if prep.dep_ == "prep" and prep.lower_ in ("in", "of"):
                    for obj in prep.subtree:
                        mention = at.get(obj.i)
                        if mention is not None and mention.entry.kind in ("name", "capital") \
                                and mention.entry.type in ("state", "territory", "disputed"):
                            return mention
        return None

    def mention_refs(self, doc: Doc, mentions: Sequence[Mention],
                     block: Block) -> list[MentionRef]:
        """Every actor mention of a block, as a possible antecedent for coreference."""
        _new_document()
        heads: list[tuple[Mention, Token]] = []
        for mention in mentions:
            head = doc[mention.end - 1]
            for _ in range(2):  # 'Armenian troops', "Armenia's government"
                if head.dep_ in ("amod", "compound", "poss") and head.head.i != head.i \
                        and head.head.pos_ in ("NOUN", "PROPN"):
                    head = head.head
                else:
                    break
            heads.append((mention, head))
        modified = {head.i for mention, head in heads if not mention.start <= head.i < mention.end}
        titled: set[int] = set()  # heads of phrases that name a person by a title
        refs = []
        for mention, head in heads:
            if mention.entry.kind == "demonym" and head.i in modified \
                    and mention.start <= head.i < mention.end:
                continue  # 'Bosnian Serbs' is the Bosnian mention's phrase
            entity = self._entity(mention, head, block)
            code = mention.entry.code
            person = mention.entry.kind == PERSON_KIND
            if not person and not mention.start <= head.i < mention.end \
                    and names_person(head, mention.end):
                person = True
                titled.add(head.i)
            refs.append(MentionRef(
                entity=entity, person=person,
                plural=head.tag_ in ("NNS", "NNPS"),
                state=bool(entity.country) and code[:3] == entity.country
                and entity.sector not in ("REB", "PRE"),
                group=code[:3] in ("IGO", "NGO", "IMG") or entity.sector in ("REB", "PRE"),
                subject=head.dep_ in SUBJECT_DEPS or head.dep_ == "nsubjpass"))
            if person and mention.entry.kind == "name" and mention.entry.type == "state" \
                    and doc[mention.end - 1].dep_ == "poss":
                # "Turkey's president says it will ...": 'it' is the state the possessive
                # names, the person's office aside
                state = self._entity(mention, doc[mention.end - 1], block)
                refs.append(MentionRef(entity=state, person=False, plural=False, state=True,
                                       group=False, subject=False))
        # People and organisations the recogniser found and the dictionaries lack: no
        # code, but a pronoun that refers to them must not be given someone else's.
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for ent in doc.ents:
            if ent.label_ not in NER_ANTECEDENTS or any(i in taken for i in
                                                        range(ent.start, ent.end)):
                continue
            # 'The International Labor Office (ILO)': a known name in apposition or in
            # brackets right after it names the same body.
            if any(i in taken for i in range(ent.end, min(ent.end + 2, len(doc)))) or \
                    any(c.dep_ == "appos" and c.i in taken for c in ent.root.children):
                continue
            if ent.root.i in titled:
                continue  # 'U.N. Secretary-General Kofi Annan': the titled mention's person
            head = ent.root
            refs.append(MentionRef(
                entity=Entity(entity_text=ent.text, code="", country=None, sector=None,
                              start=block.start + ent.start_char,
                              end=block.start + ent.end_char, source=f"ner:{ent.label_}"),
                person=ent.label_ == "PERSON", plural=head.tag_ in ("NNS", "NNPS"),
                state=False, group=ent.label_ == "ORG",
                subject=head.dep_ in SUBJECT_DEPS or head.dep_ == "nsubjpass"))
        refs.sort(key=lambda r: r.entity.start)
        return refs

    def _entity(self, mention: Mention, np_head: Token, block: Block,
                phrase: Span | None = None) -> Entity:
        doc = np_head.doc
        first, last = doc[mention.start], doc[mention.end - 1]
        entry = mention.entry
        sector, code, country = entry.sector, entry.code, entry.country
        role = entry.role_at(block.pub_date)
        if role is not None:  # a person: the office held on the document's date
            country, code, sector = role.country, role.country, OFFICES[role.office]
            if block.pub_date is not None and not role.covers(block.pub_date):
                sector = "ELI"  # PLOVER: a former official, out of office on that date
        stacked = ""
        if not mention.start <= np_head.i < mention.end:
            sector = self._agent(np_head, mention.end) or sector
            if sector in OFFICIAL_SECTORS and any(c.lower_ in ("former", "ex")
                                                  for c in np_head.lefts):
                sector = "ELI"  # PLOVER: 'former officials' are out of office
            stacked = self._stacked_agents(np_head, mention.end, sector)
        if sector and len(code) == 3:
            code += stacked + sector
        return Entity(
            entity_text=block.text[first.idx:last.idx + len(last.text)], code=code,
            country=country, sector=sector, start=block.start + first.idx,
            end=block.start + last.idx + len(last.text), source=f"dictionary:{entry.origin}",
            phrase=phrase,
        )

    def _stacked_agents(self, np_head: Token, after: int, sector: str | None) -> str:
        """The codes of agent words that modify the head after the actor's name and that
        its own sector leaves out, in the order written: CAMEO stacks them before the
        head's ('Danish Islamist media': DNK + MUS + MED)."""
        if not sector:
            return ""
        taken = {sector[i:i + 3] for i in range(0, len(sector), 3)}
        out = ""
        for tok in np_head.lefts:
            if tok.i < after or tok.dep_ not in ("amod", "compound"):
                continue
            found = agent_sector(self.agents, tok)
            if found is None:
                continue
            codes = [found[i:i + 3] for i in range(0, len(found), 3)]
            if not taken.intersection(codes):
                out += found
                taken.update(codes)
        return out

    def _agent(self, np_head: Token, after: int) -> str | None:
        """The sector an agent word names: the head with its 'of' phrase ('minister of
        defence'), then the longest phrase of the head's modifiers after the actor's name
        ('foreign minister', 'armed forces'), then a modifier that
        names an institution ('army officers'), then the head's lemma ('ministers' ->
        'minister')."""
        doc = np_head.doc
        for prep in np_head.rights:  # 'Minister of Defence', 'Council of Ministers'
            if prep.dep_ == "prep" and prep.lower_ == "of":
                obj = next((g for g in prep.rights if g.dep_ == "pobj"), None)
                if obj is not None and obj.i - np_head.i < self._agent_width:
                    sector = self.agents.get(" ".join(t.lower_ for t in
                                                      doc[np_head.i:obj.i + 1]))
                    if sector is not None:
                        return sector
                break
        # The name comes after the head ('groups in Zimbabwe'): the head's own modifiers.
        start = after if after <= np_head.i else np_head.left_edge.i
        # no agent phrase is longer than the longest in the word list
        first = max(start, np_head.i - self._agent_width + 1)
        if first < np_head.i:
            words = [t.lower_ for t in doc[first:np_head.i + 1]]
            lemma = np_head.lemma_.lower()
            for k in range(len(words) - 1):
                sector = self.agents.get(" ".join(words[k:]))
                if sector is None:
                    sector = self.agents.get(" ".join([*words[k:-1], lemma]))
                if sector is not None:
                    return sector
        # 'army officers', 'police officers', 'government officials': a modifier that
        # names an institution decides over the head that names a rank.
        for tok in np_head.lefts:
            if tok.dep_ == "compound" and tok.i >= start:
                sector = agent_sector(self.agents, tok)
                if sector is not None:
                    return sector
        return agent_sector(self.agents, np_head)

    # ------------------------------------------------------------------ attribution
    def _according_to(self, sent: SpacySpan, block: Block) -> Span | None:
        for phrase in self.cues.attributions:
            width = len(phrase)
            for tok in sent:
                if tok.lower_ != phrase[0] or tok.i + width > sent.end:
                    continue
                words = sent.doc[tok.i:tok.i + width]
                if tuple(t.lower_ for t in words) != phrase:
                    continue
                last = words[-1]
                objects = [c for c in _kids(last) if c.dep_ == "pobj"]
                end_tok = max((o.right_edge for o in objects), key=lambda t: t.i,
                              default=last)
                start, end = tok.idx, end_tok.idx + len(end_tok.text)
                return Span(block.text[start:end], block.start + start, block.start + end)
        return None

    def _speaker(self, clause: Token, block: Block) -> Span | None:
        """'X said Y attacked Z': the event in the reported clause is attributed to X."""
        tok = clause
        while tok.dep_ in ("ccomp", "conj") and tok.head.i != tok.i:
            tok = tok.head
            if tok.lemma_.lower() in self.cues.speech and tok.i != clause.i:
                subjects = [c for c in _kids(tok) if c.dep_ in SUBJECT_DEPS]
                if subjects:
                    subject = subjects[0]
                    left, right = subject.left_edge, subject.right_edge
                    start, end = left.idx, right.idx + len(right.text)
                    return Span(block.text[start:end], block.start + start,
                                block.start + end)
                return None
        return None


# ---------------------------------------------------------------------- parse helpers
def _is_passive(verb: Token) -> bool:
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return True
    return any(c.dep_ in PASSIVE_DEPS for c in _kids(verb))


def _agents(verb: Token) -> list[Token]:
    return [g for c in _kids(verb) if c.dep_ == "agent" for g in _kids(c)
            if g.dep_ == "pobj"]


def _subjects(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject of a verb, inherited through coordination, control and clauses."""
    subjects = [c for c in _kids(verb) if c.dep_ in SUBJECT_DEPS]
    if not subjects and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # 'USAID provided ...': an acronym the tagger took for an adverb is a name, the
        # finite verb's subject
        subjects = [c for c in _kids(verb) if c.dep_ in ("advmod", "npadvmod")
                    and c.i < verb.i and _acronym(c)]
    if verb.dep_ == "relcl" and subjects and all(s.tag_ in RELATIVES for s in subjects):
        return [verb.head], depth == 0  # 'the envoy, who condemned ...': the envoy
    if subjects or depth > 4:
        return subjects, depth == 0
    head = verb.head
    if head.i == verb.i:
        return [], depth == 0
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        if _is_passive(head):
            return _agents(head), False
        return _subjects(head, depth + 1)
    if verb.dep_ == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in _kids(head) if c.dep_ == "dobj"]
            if not objects:
                objects = [g for c in _kids(head) if c.dep_ == "prep" and c.lower_ == "on"
                           for g in _kids(c) if g.dep_ == "pobj"]
            if objects:
                return objects, False
        raised = [c for c in _kids(head) if c.dep_ == "nsubjpass"]
        if raised:  # 'Chile is said to have restored ties', 'Peru was forced to withdraw'
            return raised, False
        return _subjects(head, depth + 1)
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or _to_clause(verb)):
        # 'fled, leaving ...', 'sent inspectors to investigate': the clause's subject
        if _is_passive(head):
            return _agents(head), False
        return _subjects(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj" \
            and head.lemma_.lower() in DOCUMENTS \
            and head.head.lemma_.lower() in ISSUING:
        # 'issued a statement demanding that ...': who issues the text
        return _subjects(head.head, depth + 1)
    if verb.dep_ == "acomp" and head.pos_ in ("VERB", "AUX") and verb.lower_ in READY:
        # 'Chile is about to restore ties', 'Peru is ready to send troops'
        return _subjects(head, depth + 1)
    if verb.dep_ == "relcl":
        return [head], False
    held = _held_to_account(verb)
    if held is not None:  # 'India and Pakistan were guilty of violating the truce'
        return _subjects(held, depth + 1)
    return [], depth == 0


def _held_to_account(tok: Token) -> Token | None:
    """The verb whose subject an act is laid on by 'guilty of' or 'responsible for'
    ('X was guilty of violating the truce', 'X is responsible for mass killings')."""
    prep = tok.head
    if tok.dep_ not in ("pcomp", "pobj") or prep.dep_ != "prep" \
            or prep.lower_ not in ("of", "for"):
        return None
    adjective = prep.head
    if adjective.lower_ not in ACCOUNTABLE or adjective.dep_ != "acomp" \
            or adjective.head.pos_ not in ("AUX", "VERB"):
        return None
    return adjective.head


# Words that make a name an organisation's ('Oromo Liberation Front', 'Patriotic Union').
BODY_WORDS = frozenset({
    "front", "party", "movement", "army", "council", "union", "association", "committee",
    "group", "brigade", "brigades", "forces", "league", "alliance", "coalition",
    "government", "ministry", "agency", "court", "bank", "company", "corporation",
    "organization", "organisation", "federation", "congress", "assembly", "militia",
    "authority", "commission", "institute", "foundation", "service", "guard", "police",
    "senate", "parliament", "legislature", "cabinet", "office", "department",
    "administration", "campaign", "board", "tribunal", "society", "network", "fund",
    "secretariat", "delegation"})


def _acronym(head: Token) -> bool:
    """Is the word an acronym ('FLN', 'UNITA'), which the tagger may read as a common
    noun?"""
    text = head.text
    return len(text) >= 2 and text.isalpha() and text.isupper()


def _names_a_body(head: Token) -> bool:
    """Is a name no dictionary knows an organisation's: an acronym ('FLN', 'UNITA') or a
    name whose words say it is a body ('Oromo Liberation Front')? A person's or a
    place's name is not ('Maria Cortes', 'the Nile')."""
    if _acronym(head):
        return True
    words = [t.lower_ for t in head.lefts if t.dep_ in ("compound", "amod")] + [head.lower_]
    return any(w in BODY_WORDS for w in words)


def _official(entity: Entity, at: dict[int, Mention], doc: Doc, block: Block) -> bool:
    """Does the entity stand for a state by its name, its government or an
    intergovernmental body (not its people: 'Kenyans', 'thousands of Kenyans')?"""
    if not entity.code or entity.pending:
        return False
    if entity.code[:3] == "IGO" or entity.sector == "GOV":
        return True
    if entity.sector is not None or entity.country is None:
        return False
    start = entity.start - block.start
    mention = next((m for m in at.values() if doc[m.start].idx == start), None)
    return mention is not None and mention.entry.kind in ("name", "capital") \
        and entity.phrase is not None and entity.phrase.text == entity.entity_text


def _complement(tok: Token, entry: LexiconEntry, fired: dict[int, LexiconEntry]
                ) -> tuple[Token, tuple[str, ...]] | None:
    """The clause a trigger's recipient may come from ('threatened to attack X'; a
    denial's or claim's 'that' clause too), with the slots to read there: the
    complement's own entry's when it is a trigger, else the default verb frame
    ('refused to deploy troops in Iraq')."""
    complements = ("xcomp", "ccomp") if entry.modality == "denied" \
        or entry.id.startswith("claim.") else ("xcomp",)
    for child in _kids(tok):
        if child.dep_ in complements and child.pos_ in ("VERB", "AUX"):
            slots = (*fired[child.i].recipient, *COMPLEMENT_RECIPIENT) \
                if child.i in fired else COMPLEMENT_RECIPIENT
            return child, tuple(slots)
    return None


def _hearsay(clause: Token) -> bool:
    """'Chile is said to have restored ties', 'Peru is believed to be about to strike':
    an act told through a passive verb of saying or believing is hedged."""
    for _ in range(3):
        if clause.dep_ not in ("xcomp", "acomp"):
            return False
        clause = clause.head
        if clause.lemma_.lower() in HEARSAY and any(c.dep_ == "nsubjpass"
                                                    for c in _kids(clause)):
            return True
    return False


_KIDS: dict[int, tuple[Token, ...]] = {}  # of the block being coded (see _new_document)
_PHRASES: dict[tuple[int, bool], Span] = {}  # the same, for _phrase
_DATELINE: list[int] = []  # where the block's dateline ends (0: none), once read


def _new_document() -> None:
    """Forget the children and phrases read from the last block: called where coding of
    a block begins (``code_block``, ``mention_refs``)."""
    _KIDS.clear()
    _PHRASES.clear()
    _DATELINE.clear()


def _kids(tok: Token) -> tuple[Token, ...]:
    """A token's children, read once per block: ``Token.children`` scans the whole
    stretch of its subtree, and the coder asks a trigger's many times."""
    kids = _KIDS.get(tok.i)
    if kids is None:
        kids = _KIDS[tok.i] = tuple(tok.children)
    return kids


def _members(entity: Entity, members: tuple[str, ...]) -> list[Entity]:
    """The parties a collective name stands for ('the Baltic states'), each with the
    sector its phrase names; the entity itself for a name of one actor."""
    if not members:
        return [entity]
    sector = entity.sector
    return [replace(entity, code=code + sector if sector and len(code) == 3 else code,
                    country=code[:3]) for code in members]


def _acl_parties(clause: Token) -> list[Token]:
    """Who a noun's clause names: its object ('an invitation to attend a meeting of X'), a
    passive participle's 'by' agent ('positions held by separatist fighters') or whom it
    is laid on ('sanctions imposed on X', 'a ban placed on X'), or where a present
    participle leads ('the roads leading into Iraq'), or who sent it ('weapons shipped
    from Iran')."""
    out = [g for g in _kids(clause) if g.dep_ == "dobj"]
    if clause.tag_ == "VBN":
        out.extend(_agents(clause))
        if clause.lemma_.lower() in LAYING:
            out.extend(g for c in _kids(clause) if c.dep_ == "prep" and c.lower_ in (
                "on", "against", "upon") for g in _kids(c) if g.dep_ == "pobj")
        elif clause.lemma_.lower() in SENT:
            out.extend(g for c in _kids(clause) if c.dep_ == "prep" and c.lower_ == "from"
                       for g in _kids(c) if g.dep_ == "pobj")
    elif clause.tag_ == "VBG":  # 'the roads leading into Iraq'
        out.extend(g for c in _kids(clause) if c.dep_ == "prep"
                   and c.lower_ in ("into", "to", "toward", "towards")
                   for g in _kids(c) if g.dep_ == "pobj")
    elif clause.tag_ == "VB" and clause.lemma_.lower() in MEETING:
        # 'an invitation to meet with Kim', 'an offer to talk with the rebels'
        out.extend(g for c in _kids(clause) if c.dep_ == "prep" and c.lower_ == "with"
                   for g in _kids(c) if g.dep_ == "pobj")
    return out


def _to_phrases(head: Token) -> list[Token]:
    """The 'to' phrases of a noun ('the parties to the conflict'), also when the parser
    hangs the phrase right after it from its verb ('urged the parties to the conflict
    to ...')."""
    out = [c for c in _kids(head) if c.dep_ == "prep" and c.lower_ == "to"]
    after = head.right_edge.i + 1
    if not out and after < len(head.doc) and head.dep_ in ("dobj", "pobj"):
        nxt = head.doc[after]
        if nxt.dep_ == "prep" and nxt.lower_ == "to" and nxt.head.i in (head.head.i,
                                                                         head.head.head.i):
            out.append(nxt)
    return out


def _to_clause(clause: Token) -> bool:
    """'to fight': a clause with the infinitive marker."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in _kids(clause))


def _after_complement(verb: Token, prep: Token) -> bool:
    """Does a preposition come after the verb's complement clause? It is no particle of
    the verb then, but hangs from the clause's end ('agreed to lift the embargo, with
    conditions attached' is not 'agreed with')."""
    return any(c.dep_ in ("xcomp", "ccomp") and c.i < prep.i for c in _kids(verb))


def _after_object(verb: Token, prep: Token, entry: LexiconEntry) -> bool:
    """Does the preposition of a verb of going that names where it goes come after the
    verb's object? The verb is used otherwise then: 'left for Lima' is a trip to Peru,
    'left Kabul for the withdrawal' is not."""
    return entry.lemma in ERRANDS and entry.recipient[:1] == (f"prep:{prep.lower_}",) \
        and any(c.dep_ == "dobj" and c.i < prep.i for c in _kids(verb))


def _partaking(verb: Token) -> bool:
    """'engaged in', 'participated in', 'took part in': a verb of taking part."""
    lemma = verb.lemma_.lower()
    return lemma in PARTAKING or (lemma == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "part" for c in _kids(verb)))


def _qualifies(mention: Mention, doc: Doc) -> bool:
    """'the Russian language', 'Arabic script': a nationality word that only says which
    language is meant names no party ('Uzbek-language broadcasts' are a community's)."""
    last = doc[mention.end - 1]
    return mention.entry.kind in ("adjective", "demonym") \
        and last.dep_ in ("amod", "compound") and last.head.i >= mention.end \
        and last.head.lemma_.lower() in LANGUAGE_WORDS \
        and last.head.dep_ not in ("amod", "compound", "nmod")


def _describes(mention: Mention, doc: Doc, recipient: bool = False) -> bool:
    """'Iranian-backed', 'Saudi-owned', 'Israeli-occupied': a name joined to a participle
    describes what it modifies; it is not itself a party ('-led' is: a Saudi-led
    coalition is Saudi Arabia's). The holder of a place can be acted on, though:
    'captured a Russian-held village' is aimed at Russia."""
    end = mention.end
    if not (end + 1 < len(doc) and doc[end].text == "-"
            and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text)):
        return False
    word = doc[end + 1].lower_
    return word in DESCRIBING or (word in HOLDING and not recipient)


def _amount(tok: Token) -> bool:
    """Does the word head an amount ('$5 million', '300 tonnes', 'two shipments')?"""
    return tok.ent_type_ in AMOUNT_TYPES or tok.like_num or tok.lemma_.lower() in CONTAINERS \
        or any(c.dep_ == "nummod" for c in _kids(tok))


def _verb_lemmas(verb: Token) -> set[str]:
    """The tagger's lemma and the plain stems of the word, for the few inflections the
    lemmatizer gets wrong ('staged' -> 'stag')."""
    word = verb.lower_
    out = {verb.lemma_.lower(), word}
    for suffix in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.add(word[:-len(suffix)])
    return out


def _domestic(actor: _Role, tok: Token, block: Block) -> _Role:
    """A protest or concession with no one named is aimed at the actor's own state: the
    country, with no sector ('Algerians blocked roads' -> DZA)."""
    country = next((e.country for e in actor.entities if e.country), None)
    if country is None or len({e.country for e in actor.entities}) > 1:
        return _Role((), True)
    return _Role((_context_entity(tok, tok, country, country, None,
                                  "context:actor's country", block),), False)


@cache
def _union(first: frozenset[int], second: frozenset[int]) -> frozenset[int]:
    return first | second


def _orders(verb: Token, noun: Token, fired: dict[int, LexiconEntry]) -> bool:
    """Is ``noun`` an event noun that ``verb``, a verb of command, takes as its object?"""
    return verb.lemma_ in ORDERING and verb.pos_ == "VERB" and noun.dep_ == "dobj" \
        and noun.head.i == verb.i and noun.i in fired and fired[noun.i].pos == "NOUN"


def _object_owners(tok: Token) -> list[Token]:
    """The names that modify what a verb acts on, or the thing a measure of it counts:
    'received Chinese air defence systems', 'took delivery of French jets', 'received a
    second batch of Chinese drones'."""
    objects = [c for c in _kids(tok) if c.dep_ in ("dobj", "nsubjpass")]
    things = list(objects)
    for o in objects:
        for p in _kids(o):
            if p.dep_ == "prep" and p.lower_ == "of":
                things.extend(g for g in _kids(p) if g.dep_ == "pobj")
    return [c for t in things for c in _kids(t) if c.dep_ in ("amod", "compound", "poss")
            and c.pos_ in ("ADJ", "PROPN")]


# Verbs whose subject holds the goods they take as object ('using drones supplied by X').
USING = frozenset({"use", "operate", "deploy", "field", "receive", "acquire", "get",
                   "buy", "fly", "employ", "possess", "have", "obtain"})
# Verbs whose goods, as subject, reach the place their preposition names ('howitzers
# supplied by India arrived in Armenia').
ARRIVING = frozenset({"arrive", "reach", "land", "go"})


def _goods_holders(tok: Token) -> list[Token]:
    """Who has the goods a participle describes: the subject of the verb that takes them
    as object, or the place they arrive in."""
    if tok.dep_ != "acl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return []
    goods, verb = tok.head, tok.head.head
    if goods.dep_ == "dobj" and verb.lemma_ in USING:
        return _subjects(verb)[0]
    if goods.dep_ in ("nsubj", "nsubjpass") and verb.lemma_ in ARRIVING:
        return [g for p in _kids(verb) if p.dep_ == "prep" and p.lower_ in ("in", "to", "at")
                for g in _kids(p) if g.dep_ == "pobj"]
    return []


@cache
def _ids(strings: StringStore, words: frozenset[str]) -> frozenset[int]:
    """Words as the numbers ``Doc.to_array`` gives: a symbol's number for spaCy's own
    labels, else the string's hash."""
    return frozenset(int(strings[word]) for word in words)


def _group_start(head: Token) -> Token:
    """The first word of a group's name: its leftmost adjective or compound ('separatist
    fighters')."""
    return min((c for c in head.lefts if c.dep_ in ("amod", "compound")),
               key=lambda t: t.i, default=head)


def _context_entity(first: Token, last: Token, code: str, country: str | None,
                    sector: str | None, source: str, block: Block) -> Entity:
    """An entity coded from its context (a place, the actor's or recipient's country),
    spanning the tokens first..last."""
    start, end = first.idx, last.idx + len(last.text)
    return Entity(entity_text=block.text[start:end], code=code, country=country,
                  sector=sector, start=block.start + start, end=block.start + end,
                  source=source)


def _coordinated(np_head: Token, head: Token) -> bool:
    """Is the phrase at ``np_head`` one of several coordinated parties ('Togo, Benin and
    Ghana'), not the whole phrase or an apposition to it?"""
    if np_head.i != head.i and np_head.dep_ != "conj":
        return False
    return np_head.dep_ == "conj" or any(c.dep_ == "conj" for c in _kids(np_head))


def _phrase(head: Token, block: Block, own: bool = False) -> Span:
    """The noun phrase headed by ``head`` without its clauses ('the envoy, who arrived
    on Monday' is 'the envoy') and, for a common noun, without what it is about or for
    ('a request for talks' is 'a request'), as document offsets; ``own``: without the
    phrases coordinated with it ('Togo' of 'Togo and Benin'). Read once per block."""
    key = (head.i, own)
    known = _PHRASES.get(key)
    if known is None:
        known = _PHRASES[key] = _read_phrase(head, block, own)
    return known


def _read_phrase(head: Token, block: Block, own: bool) -> Span:
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    if doc[left].idx < DATELINE_REACH and left < right:
        # 'BAKU, Sept. 21 (Wire) - Israel supplied ...': the parser makes the dateline the
        # subject, or hangs it on the subject; the phrase that names it begins after it
        if not _DATELINE:
            dateline = DATELINE.match(doc.text, 0, DATELINE_REACH)
            _DATELINE.append(dateline.end() if dateline is not None else 0)
        while left < right and doc[left].idx < _DATELINE[0]:
            left += 1
    stack = [t for t in _kids(head) if t.i > head.i]
    while stack:  # the words after the head, down the tree
        tok = stack.pop()
        if (own and tok.head.i == head.i and tok.dep_ in ("conj", "cc")) or \
                tok.dep_ in PHRASE_CUTS or (tok.dep_ in ("npadvmod", "prep") and (
                    _when(tok) or _why(tok))) or (
                tok.dep_ == "prep" and tok.head.i == head.i and tok.lower_ in ABOUT_PREPS
                and head.pos_ != "PROPN") or (
                tok.dep_ == "prep" and tok.head.i == head.i and tok.lower_ == "of"
                and head.dep_ in ("dobj", "nsubjpass")
                and head.head.lemma_.lower() in CHARGING) or (
                tok.dep_ == "appos" and tok.head.i == head.i and _described(tok)):
            right = min(right, tok.left_edge.i - 1)
        stack.extend(_kids(tok))
    while right > left and (doc[right].is_punct or doc[right].dep_ in ("cc", "case")) \
            and not (doc[right].is_right_punct and doc[left:right].text.count("(")
                     > doc[left:right].text.count(")")):  # 'Amnesty International (AI)'
        right -= 1
    while left < right and doc[left].is_punct:
        left += 1
    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
    return Span(block.text[start:end], block.start + start, block.start + end)


def _sum(head: Token) -> bool:
    """Does a phrase name a sum of money or a share ('$80 million', '6 million euros',
    '94% of its arms'): what is given or taken, never what an event is done to."""
    word = head.lower_
    return word in CURRENCY_SIGNS or head.lemma_.lower() in CURRENCY_WORDS \
        or word in PERCENT_WORDS or (head.like_num and any(
            c.lower_ in CURRENCY_SIGNS or c.lower_ in PERCENT_WORDS for c in head.children))


def _own_thing(head: Token, sector: Callable[[Token], str | None]) -> bool:
    """Is a phrase something the doer acts with or on of its own, not what the event is
    done to: 'its borders', 'his condolences', 'their policy'; not a group named by an
    agent noun ('her colleagues', 'their troops')."""
    return _pronoun_owned(head) and head.lemma_.lower() not in GROUPS \
        and sector(head) is None


def _parties_named_before(head: Token) -> bool:
    """Does a group phrase count off parties already told of ('both governments', 'each
    side', 'the two sides'), not a group of the actor's own?"""
    kids = _kids(head)
    return any(c.lower_ in ("both", "each", "either", "neither") for c in kids) or (
        any(c.dep_ == "nummod" for c in kids) and any(c.lower_ == "the" for c in kids))


def _pronoun_owned(head: Token) -> bool:
    """Does a possessive pronoun own the phrase ('its troops', 'their borders')?"""
    return any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in _kids(head))


def _described(appos: Token) -> bool:
    """Is an apposition a description ('FGM, a practice banned in 2020'), not a second
    name of the same party ('Khalifa, the prime minister')? An indefinite article says so,
    and so does a rank ('Haifa, Israel's third largest city', 'the camp, the seventh
    attack this month'); not a title ('X, the former prime minister')."""
    return any((d.dep_ == "det" and d.lower_ in ("a", "an"))
               or (d.dep_ == "amod" and (d.tag_ == "JJS" or d.lower_ in RANKS))
               for d in _kids(appos))


def _peacekeeping(clause: Token) -> bool:
    """Does a deployment's own clause call it peacekeeping ('sent troops to the UN
    peacekeeping mission', 'deployed soldiers as peacekeepers', 'sent troops to serve as
    a peacekeeping force')? Coordinated and reported clauses, and subordinate ones with a
    subject of their own, say nothing of it."""
    for child in _kids(clause):
        if child.dep_ in ("conj", "ccomp", "parataxis") or (
                child.dep_ == "advcl" and any(g.dep_ in SUBJECT_DEPS for g in _kids(child))):
            continue
        if any(t.lower_ in PEACEKEEPING or t.lemma_.lower() in PEACEKEEPING
               for t in child.subtree):
            return True
    return False


def _when(tok: Token) -> bool:
    """Does this word say when, not who ('on Sunday', 'last week', 'in 2019')? A date
    attached to a participant's phrase is no part of it ('Barack Obama on Sunday')."""
    if tok.dep_ == "npadvmod":
        return _is_time(tok)
    return tok.dep_ == "prep" and any(c.dep_ == "pobj" and _is_time(c) for c in _kids(tok))


def _why(tok: Token) -> bool:
    """Does this phrase say why or how the act was done, not who ('in virtue of ...',
    'in response to ...', 'due to security concerns')? The parser often hangs it on the
    participant before it."""
    if tok.dep_ != "prep":
        return False
    word = tok.lower_
    if word in ("due", "because"):
        return True
    return word in ("in", "as") and any(c.dep_ == "pobj" and c.lemma_.lower() in REASONS
                                        for c in _kids(tok))


def _is_time(tok: Token) -> bool:
    """A day, month, year or other word of time ('Sunday', 'March', '2019', 'week')."""
    word = tok.lower_
    return word in TIMES or tok.lemma_.lower() in TIMES or (
        len(word) == 4 and word.isdigit() and word[:2] in ("19", "20"))


def _mood(tok: Token, clause: Token) -> str:
    """What the auxiliaries and a condition make of an act: 'could impose sanctions if
    the talks collapse' is hypothetical, 'will withdraw unless ...' threatened, 'will
    visit' intended ('said it would send troops' too), anything else actual. A noun event
    is hypothetical as the subject of 'would' or 'could' ('a blockade would disrupt
    supplies')."""
    verbs = [clause]
    if clause.dep_ == "xcomp":
        verbs.append(clause.head)  # 'will seek to impose'
    subject = tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "nsubjpass") \
        and tok.head is not clause
    if subject:
        verbs.append(tok.head)
    aux = {c.lower_ for v in verbs for c in _kids(v) if c.dep_ == "aux"}
    marks = {m.lower_ for v in verbs for c in _kids(v) if c.dep_ == "advcl"
             for m in _kids(c) if m.dep_ == "mark"}
    condition = not marks.isdisjoint(CONDITIONS)
    if "unless" in marks and aux & (POSSIBLE | FUTURE):
        return "threatened"  # 'will withdraw its troops unless ...': an ultimatum
    if aux & POSSIBLE or (aux & FUTURE and (condition or (subject and "would" in aux))):
        return "hypothetical"
    return "intended" if aux & FUTURE else "actual"


def _narrowing(tok: Token) -> set[str]:
    """The words an entry's ``object`` list is matched against: a verb's object ('struck
    a deal'); a noun's modifiers, its 'of' object and the preposition it follows, which
    say what kind of thing it is ('a hunger strike', "the teachers' strike", 'went on
    strike', 'a suspension of flights')."""
    if tok.pos_ != "NOUN":
        objects = [c for c in _kids(tok) if c.dep_ in ("dobj", "nsubjpass")]
        objects += [g for c in _kids(tok)  # 'handed in their weapons': the particle's
                    if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in PARTICLES)
                    for g in _kids(c) if g.dep_ == "pobj"]
        words = {c.lemma_.lower() for c in objects}
        for obj in objects:  # 'sent a shipment of weapons': what the shipment holds
            if obj.lemma_.lower() in CONTAINERS or obj.lower_ in CONTAINERS:
                words.update(o.lemma_.lower() for o in _prep_objects(obj, "of"))
            elif obj.lemma_.lower() in ACTIVITIES:  # 'ended its mediation efforts'
                words.update(c.lemma_.lower() for c in _kids(obj)
                             if c.dep_ in ("compound", "amod", "nmod"))
        return words
    words = {c.lemma_.lower() for c in _kids(tok)
             if c.dep_ in ("amod", "compound", "poss", "nmod")}
    words.update(o.lemma_.lower() for o in _prep_objects(tok, "of"))
    if tok.dep_ == "pobj":
        words.add(tok.head.lower_)
    return words


def _that(clause: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in _kids(clause))


def _content_of(clause: Token, fired: dict[int, LexiconEntry]) -> bool:
    """Is this clause what a demand or warning asks for ('demanded that Israel ease the
    blockade', 'its demand that Israel ease ...', 'reiterated its demand that X')? The
    trigger whose entry reads its recipient from a clausal complement keeps the clause as
    its content, as a control verb keeps its 'to' complement; a clause coordinated with
    it too ('... ease the blockade and free the prisoners')."""
    while clause.dep_ == "conj" and clause.head.i != clause.i \
            and clause.head.pos_ in ("VERB", "AUX"):
        clause = clause.head
    head = clause.head
    if head.i == clause.i:
        return False
    heads: list[Token] = []
    if clause.dep_ == "ccomp":
        heads.append(head)
        if _that(clause):  # 'reiterated its demand that X ...': the support verb's object
            heads.extend(c for c in _kids(head) if c.dep_ == "dobj")
    elif clause.dep_ == "acl" and head.pos_ == "NOUN" and _that(clause):
        heads.append(head)
    # A denial keeps what it denies too: 'denied that its troops had fired on X' is one
    # statement, never an attack coded as fact; so is the content of the accusation it
    # rejects ('rejected accusations that its troops had fired on X').
    if clause.dep_ == "acl" and head.pos_ == "NOUN" and head.dep_ == "dobj" \
            and head.head.i in fired and fired[head.head.i].modality == "denied":
        return True
    return any(h.i in fired and ("ccomp" in fired[h.i].recipient
                                 or fired[h.i].modality == "denied") for h in heads)


def _with_conjuncts(heads: Sequence[Token]) -> list[Token]:
    """Heads and, after each, the words coordinated with it."""
    out: list[Token] = []
    for head in heads:
        stack = [head]
        while stack:
            tok = stack.pop()
            if tok not in out:
                out.append(tok)
                stack.extend(reversed([c for c in _kids(tok) if c.dep_ == "conj"]))
    return out


def _clauses(tok: Token) -> list[Token]:
    """A trigger and the clauses that carry its action on: its complement, its purpose
    ('fired to disperse'), and a participle ('demonstrated, calling for')."""
    out = [tok, *(c for c in _kids(tok) if c.dep_ == "xcomp" or (c.dep_ == "advcl" and (
        c.tag_ == "VBG" or _to_clause(c))))]
    # 'sent arms to help defend X': the complement of the purpose's own verb
    return [*out, *(g for c in out[1:] for g in _kids(c) if g.dep_ == "xcomp")]


def _objects(tok: Token, passive: bool, support: Token | None = None) -> list[Token]:
    """What a trigger acts on: its object (the subject, when passive), the object of its
    complement or purpose clause ('refused to commit troops', 'fired to disperse
    protesters'), and its prepositional objects, in that order."""
    out: list[Token] = []
    verbs = _clauses(tok)
    if support is not None:
        # 'imposed a curfew in Cizre'; 'began a hunger strike to protest against X's
        # decision': the support verb's purpose too
        verbs.extend(_clauses(support))
    for k, verb in enumerate(verbs):
        for c in _kids(verb):
            if c.dep_ == ("nsubjpass" if passive and k == 0 else "dobj"):
                out.append(c)
            elif c.dep_ == "ccomp":  # 'warned that police would not tolerate rallies'
                out.extend(g for g in _kids(c) if g.dep_ in ("nsubj", "dobj"))
            elif c.dep_ == "prep" and c.lower_ in PARTICLES and not passive:
                # a particle parsed as a preposition: 'cordoned off the roads'
                out.extend(g for g in _kids(c) if g.dep_ == "pobj")
    if passive and tok.dep_ == "acl":
        out.append(tok.head)  # 'a camp attacked by militiamen'
    for k, verb in enumerate(verbs):
        # a noun's or a passive's 'by' names the doer ('a bombing by X', 'was shelled by
        # X'), never what is acted on
        doer = verb.pos_ == "NOUN" or (passive if k == 0 else _is_passive(verb))
        out.extend(g for c in _kids(verb) if c.dep_ in ("prep", "dative")
                   and c.lower_ in OWNER_PREPOSITIONS and not (doer and c.lower_ == "by")
                   for g in _kids(c) if g.dep_ in ("pobj", "pcomp"))
    if support is not None and support.lemma_.lower() in ERRANDS:
        # 'arrived in Amman on a visit': where the errand goes
        out.extend(g for c in _kids(support) if c.dep_ == "prep"
                   and c.lower_ in ("in", "to", "at")
                   for g in _kids(c) if g.dep_ == "pobj")
    participle = tok
    while participle.dep_ == "conj" and participle.head.i != participle.i:
        participle = participle.head  # 'killing one and arresting 12'
    if participle.dep_ == "advcl" and participle.head.pos_ == "VERB" and (
            participle.tag_ == "VBG" or _to_clause(participle)):
        # ('sent inspectors to Bosnia to investigate': the purpose's place is the clause's)
        # 'launched fire against X, killing 50': the participle's victims are the clause's
        out.extend(_objects(participle.head, _is_passive(participle.head)))
    return out


def _prep_objects(tok: Token, word: str) -> list[Token]:
    """The objects of ``tok``'s preposition ``word``; read from a table built once per
    token, as every slot of every trigger asks."""
    tables: dict[int, dict[str, list[Token]]] | None = tok.doc.user_data.get(_PREPS)
    if tables is None:
        tables = tok.doc.user_data[_PREPS] = {}
    table = tables.get(tok.i)
    if table is None:
        table = tables[tok.i] = _prep_table(tok)
    return list(table.get(word, ()))


# Kept with the document, not in the per-block cache below: measured faster there
# (a module-level table of tokens slowed the whole run by about 0.2 s in 3,000 sentences).
_PREPS = "dyads.preps"


def _prep_table(tok: Token) -> dict[str, list[Token]]:
    direct: dict[str, list[Token]] = {}
    hung: dict[str, list[Token]] = {}  # 'pulled out of Mali': the preposition hangs off
    for c in _kids(tok):                # the particle
        dep = c.dep_
        if dep in ("prep", "dative"):
            objects = [g for g in _kids(c) if g.dep_ == "pobj"]
            if objects:
                direct.setdefault(c.lower_, []).extend(objects)
        if dep in ("prt", "advmod", "prep"):
            for p in _kids(c):
                if p.dep_ == "prep":
                    objects = [g for g in _kids(p) if g.dep_ == "pobj"]
                    if objects:
                        hung.setdefault(p.lower_, []).extend(objects)
    return {**hung, **direct}


def _noun_phrase(head: Token, of: bool = True) -> Iterable[tuple[Token, Token]]:
    """(phrase head, token) for the tokens of a noun phrase and its coordinated phrases.

    Relative clauses and prepositional phrases are left out, except 'of' ('the government
    of Armenia'), so an actor is never taken from an unrelated part of the sentence.
    """
    stack = [(head, head)]
    while stack:
        np_head, tok = stack.pop()
        yield np_head, tok
        for child in _kids(tok):
            if child.dep_ == "conj" and tok.i != np_head.i:
                stack.append((np_head, child))  # 'Hungarian and Romanian officials'
            elif child.dep_ == "appos" and _described(child):
                continue  # 'Pakistan, a key U.S. ally': a description, not a second actor
            elif child.dep_ == "conj" or child.dep_ == "appos":
                stack.append((child, child))
            elif child.dep_ in NP_DEPS:
                stack.append((np_head, child))
            elif of and child.dep_ == "prep" and child.lower_ == "of" and tok.i == np_head.i \
                    and not any(c.dep_ == "poss" for c in _kids(tok)):
                # 'the government of Armenia'; not "Russia's invasion of Ukraine", whose
                # 'of' names what the owner acts on
                stack.extend((np_head, g) for g in _kids(child) if g.dep_ == "pobj")

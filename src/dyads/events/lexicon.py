"""The event trigger lexicon and the cue words for modality, hedging and attribution.

``dyads/data/lexicon/events.jsonl``: one trigger per line, for example::

    {"id": "aid.supply.v", "lemma": "supply", "pos": "VERB", "cameo": "070",
     "recipient": ["dobj", "dative", "prep:to", "prep:for"],
     "example": {"text": "Israel supplied artillery to Azerbaijan.",
                 "actor": "ISR", "recipient": "AZE"}}

``actor`` and ``recipient`` are ordered lists of dependency slots (see ``SLOTS``);
``particle`` and ``object`` narrow a trigger to a phrasal verb or a verb-object pair; a
noun's ``object`` lists the modifiers, or the preposition before it, that say what kind it
is ("hunger strike", "went on strike").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..datafiles import data_path, read_jsonl
from ..errors import DataError
from ..models import MODALITIES
from .ontology import Ontology

KEYS = ("id", "lemma", "pos", "particle", "object", "cameo", "actor", "recipient", "mode",
        "modality", "example")
SLOT = re.compile(r"^(nsubj|nsubjpass|agent|dobj|dative|poss|amod|compound|support|ccomp|cond|"
                  r"objmod|user|"
                  r"obj:[a-z]+|"
                  r"prep:[a-z]+)$")
DEFAULT_SLOTS = {
    "VERB": (("nsubj", "agent"),
             ("dobj", "dative", "prep:to", "prep:against", "prep:on", "prep:with")),
    "NOUN": (("poss", "amod", "compound", "prep:by", "prep:from", "support"),
             ("prep:on", "prep:against", "prep:to", "prep:with", "prep:of", "prep:for")),
    # a predicate adjective: 'Chile is sceptical about the plan'; its actor is the
    # subject of the verb it completes ('is', 'remains', 'seems')
    "ADJ": (("support",),
            ("prep:about", "prep:of", "prep:over", "prep:on", "prep:with", "prep:toward",
             "prep:towards", "ccomp")),
}


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    id: str
    lemma: str
    pos: str
    cameo: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    particle: str | None = None
    objects: frozenset[str] = frozenset()  # the JSON key is "object"
    mode: str | None = None
    modality: str | None = None
    example: dict[str, object] | None = None

    @property
    def specificity(self) -> int:
        return (self.particle is not None) + bool(self.objects)


@dataclass(frozen=True)
class Lexicon:
    # (lemma, pos) -> entries, most specific first
    index: dict[tuple[str, str], tuple[LexiconEntry, ...]]
    entries: tuple[LexiconEntry, ...] = field(default=())
    # Every trigger lemma as written and capitalised: a fast first test per token.
    lemmas: frozenset[str] = field(default=frozenset())

    # Inflected forms of the verb triggers -> lemma, for the words the lemmatizer gets
    # wrong ('cordoned' -> 'cordone', 'staged' -> 'stag').
    forms: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.lemmas:
            words = {lemma for lemma, _ in self.index}
            object.__setattr__(self, "lemmas", frozenset(
                words | {w.capitalize() for w in words} | {w.upper() for w in words}))
        if not self.forms:
            forms: dict[str, str] = {}
            for lemma, pos in sorted(self.index):
                if pos == "VERB":
                    for form in inflections(lemma):
                        forms.setdefault(form, lemma)
            object.__setattr__(self, "forms", forms)

    def __len__(self) -> int:
        return len(self.entries)


def inflections(lemma: str) -> list[str]:
    """The regular inflections of an English verb: 'cordon' -> 'cordons', 'cordoned',
    'cordoning'; 'stage' -> 'stages', 'staged', 'staging'; 'ally' -> 'allied'; 'plan' ->
    'planned'. Some are not words; they are only ever looked up."""
    out = [lemma + "s", lemma + "es"]
    if lemma.endswith("e"):
        out += [lemma + "d", lemma[:-1] + "ing"]
    else:
        out += [lemma + "ed", lemma + "ing"]
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        out += [lemma[:-1] + "ied", lemma[:-1] + "ies"]
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" \
            and lemma[-3] not in "aeiou":
        out += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]
    return out


def _slots(path: Path, line_no: int, value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(s, str) and SLOT.match(s)
                                              for s in value):
        raise DataError(str(path), line_no, f"{key!r} must be a list of slots",
                        "slots: nsubj, agent, dobj, dative, poss, amod, compound, support, ccomp, "
                        "cond, "
                        "obj:<word>, "
                        "prep:<word>")
    return tuple(value)


def load_lexicon(ontology: Ontology, paths: tuple[Path, ...] = ()) -> Lexicon:
    paths = paths or (data_path("lexicon", "events.jsonl"),)
    entries: list[LexiconEntry] = []
    seen_ids: dict[str, str] = {}
    seen_keys: dict[tuple[str, str, str | None, frozenset[str]], str] = {}
    for path in paths:
        for line_no, row in read_jsonl(path, required=("id", "lemma", "pos", "cameo"),
                                       allowed=KEYS):
            where = f"{path.name}:{line_no}"
            entry_id = str(row["id"])
            if entry_id in seen_ids:
                raise DataError(str(path), line_no, f"id {entry_id!r} already used at "
                                f"{seen_ids[entry_id]}", "ids must be unique")
            pos = row["pos"]
            if pos not in DEFAULT_SLOTS:
                raise DataError(str(path), line_no, f"pos {pos!r} is not VERB, NOUN or ADJ")
            cameo = str(row["cameo"])
            if cameo not in ontology:
                raise DataError(str(path), line_no, f"unknown CAMEO code {cameo!r}",
                                "see dyads/data/ontology/cameo.jsonl")
            modality = row.get("modality")
            if modality is not None and modality not in MODALITIES:
                raise DataError(str(path), line_no, f"unknown modality {modality!r}",
                                "one of " + ", ".join(MODALITIES))
            lemma = str(row["lemma"])
            if not lemma or lemma != lemma.lower() or " " in lemma:
                raise DataError(str(path), line_no, f"bad lemma {lemma!r}",
                                "one lower-case token")
            obj = row.get("object", [])
            if not isinstance(obj, list):
                raise DataError(str(path), line_no, "'object' must be a list of lemmas")
            default_actor, default_recipient = DEFAULT_SLOTS[pos]
            entry = LexiconEntry(
                id=entry_id, lemma=lemma, pos=pos, cameo=cameo,
                actor=_slots(path, line_no, row["actor"], "actor") if "actor" in row
                else default_actor,
                recipient=_slots(path, line_no, row["recipient"], "recipient")
                if "recipient" in row else default_recipient,
                particle=row.get("particle"), objects=frozenset(map(str, obj)),
                mode=row.get("mode"), modality=modality, example=row.get("example"),
            )
            key = (entry.lemma, entry.pos, entry.particle, entry.objects)
            if key in seen_keys:
                raise DataError(str(path), line_no, f"trigger {entry.lemma}/{entry.pos} with "
                                f"the same particle and object is already at {seen_keys[key]}")
            seen_ids[entry_id] = where
            seen_keys[key] = where
            entries.append(entry)
    index: dict[tuple[str, str], list[LexiconEntry]] = {}
    for entry in entries:
        index.setdefault((entry.lemma, entry.pos), []).append(entry)
    frozen = {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in index.items()}
    return Lexicon(frozen, tuple(entries))


@dataclass(frozen=True)
class Cues:
    control: dict[str, tuple[str | None, bool]]  # lemma -> (modality, negated)
    hedges: frozenset[str]
    attributions: tuple[tuple[str, ...], ...]
    speech: frozenset[str]
    support: frozenset[str]
    # modal -> CAMEO code of the demand it makes of a reported clause's subject ('said
    # Libya must hand over the suspects')
    obligations: dict[str, str] = field(default_factory=dict)


def load_cues(path: Path | None = None) -> Cues:
    path = path or data_path("lexicon", "cues.jsonl")
    control: dict[str, tuple[str | None, bool]] = {}
    hedges: set[str] = set()
    attributions: list[tuple[str, ...]] = []
    speech: set[str] = set()
    support: set[str] = set()
    obligations: dict[str, str] = {}
    for line_no, row in read_jsonl(path, required=("kind",),
                                   allowed=("kind", "lemma", "text", "modality", "negated",
                                            "cameo")):
        kind = row["kind"]
        if kind == "control":
            modality = row.get("modality")
            if modality is not None and modality not in MODALITIES:
                raise DataError(str(path), line_no, f"unknown modality {modality!r}")
            control[str(row["lemma"])] = (modality, bool(row.get("negated", False)))
        elif kind == "hedge":
            hedges.add(str(row["text"]).lower())
        elif kind == "attribution":
            attributions.append(tuple(str(row["text"]).lower().split()))
        elif kind == "speech":
            speech.add(str(row["lemma"]))
        elif kind == "support":
            support.add(str(row["lemma"]))
        elif kind == "obligation":
            cameo = str(row.get("cameo", ""))
            if not re.fullmatch(r"\d{3,4}", cameo):
                raise DataError(str(path), line_no, f"bad CAMEO code {cameo!r}",
                                "an obligation names the CAMEO code of its demand, "
                                "e.g. \"100\"")
            obligations[str(row["text"]).lower()] = cameo
        else:
            raise DataError(str(path), line_no, f"unknown cue kind {kind!r}",
                            "control, hedge, attribution, speech, support or obligation")
    return Cues(control, frozenset(hedges), tuple(attributions), frozenset(speech),
                frozenset(support), obligations)

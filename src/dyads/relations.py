"""Relations stated without an event: supply shares and dependence ('X depends on Y for
40% of its oil', '70% of X's arms imports came from Y', 'Y is X's largest arms supplier')
and stances ('X, an ally of Y', 'X regards Y as an enemy', 'X and Y are rivals').

An event says that something happened; a relation says how things stand. dyads keeps the
two apart: a relation is never an event record. Relations feed ``dyads system``: supply
relations become flows, stances become stance edges.

The words are data (``data/lexicon/relations.jsonl``): the verbs, adjectives and nouns of
dependence and supply, and the nouns of alliance and rivalry. The rules that read them
walk the dependency parse around those words only, so a sentence without one costs one
set lookup per token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .datafiles import data_path, read_jsonl
from .errors import DataError
from .models import Entity, Sentence, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .commodities import FlowRules

RELATION_KINDS = ("depend", "source", "share", "supplier", "stance")
STANCE_KINDS = ("alliance", "rivalry")
# A share: '40%', '40 percent', 'as much as 70 per cent', 'half', 'two-thirds'.
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)", re.IGNORECASE)
FRACTIONS = (("three-quarters", 75.0), ("three quarters", 75.0), ("two-thirds", 66.7),
             ("two thirds", 66.7), ("half", 50.0), ("a third", 33.3), ("one-third", 33.3),
             ("one third", 33.3), ("a quarter", 25.0), ("one-quarter", 25.0),
             ("a fifth", 20.0))
VIEW_VERBS = frozenset({"see", "view", "regard", "perceive", "consider", "treat", "describe",
                        "call", "brand", "label"})
COPULA = frozenset({"be", "become", "remain"})


@dataclass(frozen=True, slots=True)
class RelationWords:
    """The words of ``data/lexicon/relations.jsonl`` by kind."""

    depend: frozenset[str]  # verbs, adjectives and nouns of dependence, with 'on'
    source: frozenset[str]  # verbs of coming from: 'came from', 'originated from'
    share: frozenset[str]  # verbs of making up a share: 'accounted for', 'made up'
    supplier: frozenset[str]  # nouns of supplying: 'supplier', 'source', 'provider'
    stances: dict[str, str]  # noun -> alliance or rivalry

    @property
    def lemmas(self) -> frozenset[str]:
        return self.depend | self.source | self.share | self.supplier | frozenset(self.stances)


@lru_cache(maxsize=2)
def load_relation_words(path: Path | None = None) -> RelationWords:
    path = path or data_path("lexicon", "relations.jsonl")
    kinds: dict[str, set[str]] = {k: set() for k in RELATION_KINDS if k != "stance"}
    stances: dict[str, str] = {}
    for line_no, row in read_jsonl(path, required=("kind", "lemmas"),
                                   allowed=("kind", "lemmas", "stance", "note")):
        kind = row["kind"]
        if kind not in RELATION_KINDS:
            raise DataError(str(path), line_no, f"kind {kind!r} is not one of "
                            + ", ".join(RELATION_KINDS))
        lemmas = row["lemmas"]
        if not isinstance(lemmas, list) or not all(isinstance(w, str) and w == w.lower()
                                                   and w.strip() for w in lemmas):
            raise DataError(str(path), line_no, "lemmas must be a list of lower-case words")
        if kind == "stance":
            stance = row.get("stance")
            if stance not in STANCE_KINDS:
                raise DataError(str(path), line_no, f"stance {stance!r} is not one of "
                                + ", ".join(STANCE_KINDS))
            stances.update(dict.fromkeys(lemmas, stance))
        else:
            kinds[kind].update(lemmas)
    return RelationWords(frozenset(kinds["depend"]), frozenset(kinds["source"]),
                         frozenset(kinds["share"]), frozenset(kinds["supplier"]), stances)


@dataclass(frozen=True, slots=True)
class SupplyRelation:
    """Goods that come from ``supplier`` to ``recipient``, stated as a standing fact."""

    supplier: Entity
    recipient: Entity
    commodity: str
    category: str | None
    share: float | None
    words: Span  # the word the relation hangs on ('depends', 'came', 'supplier')
    sentence: Sentence
    hedged: bool
    rule: str
    goods: str = ""  # the commodity words as written ('arms imports' gives 'arms')
    period: str | None = None  # ISO date or interval, when the sentence says (facts)


@dataclass(frozen=True, slots=True)
class Stance:
    """How ``holder`` stands towards ``other``: ``alliance`` or ``rivalry``. A stance
    stated of both ('X and Y are rivals') is ``mutual``."""

    kind: str
    holder: Entity
    other: Entity
    mutual: bool
    words: Span
    sentence: Sentence
    hedged: bool
    rule: str


Relation = SupplyRelation | Stance
Goods = tuple[str, str | None, str]  # commodity, category, the words as written


def share_of(text: str) -> float | None:
    match = PERCENT.search(text)
    if match:
        return float(match.group(1))
    lower = text.lower()
    for words, value in FRACTIONS:
        if re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", lower):
            return value
    return None


class RelationFinder:
    """Finds supply relations and stances in a parsed block."""

    def __init__(self, words: RelationWords, flow_rules: FlowRules,
                 hedges: frozenset[str]) -> None:
        self.words = words
        self.flow_rules = flow_rules
        self.hedges = hedges
        self._lemmas = words.lemmas
        self._wanted: frozenset[int] | None = None

    def __call__(self, doc: Doc, sentences: Sequence[Sentence],
                 entities: Iterable[Entity], offset: int) -> list[Relation]:
        """Relations of a block; ``entities`` are its actor mentions with document
        offsets (the block starts at ``offset``); sentence indices are the block's."""
        if self._wanted is None:  # the words' numbers, as Doc.to_array gives them
            self._wanted = frozenset(int(doc.vocab.strings[w]) for w in self._lemmas)
        wanted = self._wanted
        rows = doc.to_array(["LEMMA", "LOWER"]).tolist()
        hits = [doc[i] for i, (lemma, lower) in enumerate(rows)
                if lemma in wanted or lower in wanted]
        if not hits:
            return []
        at: dict[int, Entity] = {}
        for entity in entities:
            if not entity.code:
                continue
            for t in doc.char_span(entity.start - offset, entity.end - offset,
                                   alignment_mode="expand") or ():
                at.setdefault(t.i, entity)
        if not at:
            return []
        found: list[Relation] = []
        sent_starts = [s.start for s in doc.sents]
        for tok in hits:
            k = _sentence_of(sent_starts, tok.i)
            sentence = sentences[k]
            found.extend(self._relations(tok, at, sentence, offset))
        return found

    # ----------------------------------------------------------------- the rules
    def _relations(self, tok: Token, at: dict[int, Entity], sentence: Sentence,
                   offset: int) -> list[Relation]:
        key = tok.lemma_ if tok.lemma_ in self._lemmas else tok.lower_
        hedged = self._hedged(sentence)
        words = Span(tok.text, offset + tok.idx, offset + tok.idx + len(tok.text))
        w = self.words
        out: list[Relation] = []
        if key in w.depend:
            out.extend(self._depend(tok, at, sentence, words, hedged))
        if key in w.source and tok.pos_ == "VERB":
            out.extend(self._came_from(tok, at, sentence, words, hedged))
        if key in w.share and tok.pos_ == "VERB":
            out.extend(self._made_up(tok, at, sentence, words, hedged))
        if key in w.supplier and tok.pos_ == "NOUN":
            out.extend(self._supplier(tok, at, sentence, words, hedged))
        if key in w.stances and tok.pos_ == "NOUN":
            out.extend(self._stance(tok, w.stances[key], at, sentence, words, hedged))
        return out

    def _hedged(self, sentence: Sentence) -> bool:
        lower = sentence.text.lower()
        return any(h in lower for h in self.hedges) or "according to" in lower

    def _goods(self, *phrases: Token | None) -> list[Goods]:
        return self._goods_in(" ".join(_text(p) for p in phrases if p is not None))

    def _goods_in(self, text: str) -> list[Goods]:
        """(commodity, category, words) named in a text (see ``FlowRules.goods``)."""
        return [(item.commodity, item.category, words)
                for item, words in self.flow_rules.goods(text)]

    def _supplies(self, supplier: Entity | None, recipient: Entity | None,
                  goods: list[Goods], share: float | None, words: Span,
                  sentence: Sentence, hedged: bool, rule: str) -> list[Relation]:
        if supplier is None or recipient is None or not goods:
            return []
        if (supplier.country or supplier.code) == (recipient.country or recipient.code):
            return []
        return [SupplyRelation(supplier, recipient, c, cat, share, words, sentence, hedged,
                               rule, text) for c, cat, text in goods]

    def _depend(self, tok: Token, at: dict[int, Entity], sentence: Sentence, words: Span,
                hedged: bool) -> list[Relation]:
        """'X depends on Y for 40% of its oil', 'X is dependent on Russian gas', 'X's
        reliance on Y for arms'."""
        on = _prep(tok, "on", "upon")
        if on is None:
            return []
        target = _pobj(on)
        if target is None:
            return []
        for_ = _prep(tok, "for")
        goods_phrase = _pobj(for_) if for_ is not None else None
        supplier = _party(target, at) or _first_within(target, at)
        holder = _holder(tok, at)
        goods = self._goods(goods_phrase, target)
        share = share_of(_text(goods_phrase)) if goods_phrase is not None else None
        return self._supplies(supplier, holder, goods, share, words, sentence, hedged,
                              "relation:depend")

    def _came_from(self, tok: Token, at: dict[int, Entity], sentence: Sentence,
                   words: Span, hedged: bool) -> list[Relation]:
        """'70% of X's arms imports came from Y'."""
        subject = _child(tok, "nsubj")
        if subject is None:
            return []
        # 'From 2015 to 2019, ... came from China': the 'from' that names a supplier.
        origins = [_pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"]
        supplier = next((p for p in (_party(o, at) for o in origins if o is not None) if p),
                        None)
        recipient = _owner(subject, at)
        share = share_of(_text(subject))
        return self._supplies(supplier, recipient, self._goods(subject), share,
                              words, sentence, hedged, "relation:came_from")

    def _made_up(self, tok: Token, at: dict[int, Entity], sentence: Sentence, words: Span,
                 hedged: bool) -> list[Relation]:
        """'Y accounted for 70% of X's arms imports', 'Y's weapons made up 70% of ...'."""
        subject = _child(tok, "nsubj")
        if subject is None:
            return []
        share_phrase = _pobj(_prep(tok, "for")) if _prep(tok, "for") is not None \
            else _child(tok, "dobj")
        if share_phrase is None:
            return []
        share = share_of(_text(share_phrase))
        if share is None:
            return []
        return self._supplies(_party(subject, at), _owner(share_phrase, at),
                              self._goods(share_phrase, subject), share, words, sentence,
                              hedged, "relation:share")

    def _supplier(self, tok: Token, at: dict[int, Entity], sentence: Sentence,
                  words: Span, hedged: bool) -> list[Relation]:
        """'Y is X's largest arms supplier', 'Y, the main supplier of gas to X,'."""
        supplier = _predicated(tok, at)
        recipient = _owner(tok, at, own_only=True)
        for prep in ("to", "for"):
            p = _prep(tok, prep)
            if recipient is None and p is not None and _pobj(p) is not None:
                recipient = _party(_pobj(p), at)  # type: ignore[arg-type]
        of = _prep(tok, "of")
        goods_phrase = _pobj(of) if of is not None else None
        if recipient is None and goods_phrase is not None:
            recipient = _owner(goods_phrase, at)
        goods = self._goods(goods_phrase) or self._goods_modifiers(tok)
        return self._supplies(supplier, recipient, goods, None, words, sentence, hedged,
                              "relation:supplier")

    def _goods_modifiers(self, tok: Token) -> list[Goods]:
        return self._goods_in(" ".join(c.text for c in tok.children
                                       if c.dep_ in ("compound", "amod", "nmod")
                                       and c.i < tok.i))

    def _stance(self, tok: Token, kind: str, at: dict[int, Entity], sentence: Sentence,
                words: Span, hedged: bool) -> list[Relation]:
        """'X is Y's ally', 'X, an ally of Y,', 'X and Y are rivals', 'X sees Y as an
        enemy'; 'an ally against Z' adds rivalry with Z."""
        other = _owner(tok, at, own_only=True)
        of = _prep(tok, "of")
        if other is None and of is not None and _pobj(of) is not None:
            other = _party(_pobj(of), at)  # type: ignore[arg-type]
        holders: list[Entity] = []
        mutual = False
        viewer = _viewer(tok, at)
        if viewer is not None:  # 'X regards Y as an enemy': X's stance towards Y
            holder, seen = viewer
            return self._stance_pairs(kind, holder, [seen], False, words, sentence, hedged,
                                      "relation:regard") + \
                self._against(tok, holder, at, words, sentence, hedged)
        subject = _predicated_all(tok, at)
        if other is None and len(subject) >= 2 and tok.tag_ == "NNS":
            holders, mutual = subject, True  # 'X and Y are rivals'
        else:
            holders = subject
        out: list[Relation] = []
        if mutual:
            for i, a in enumerate(holders):
                for b in holders[i + 1:]:
                    out.append(Stance(kind, a, b, True, words, sentence, hedged,
                                      "relation:stance"))
            return out
        if other is not None:
            out = self._stance_pairs(kind, other, holders, True, words, sentence, hedged,
                                     "relation:stance") if kind == "alliance" else \
                self._stance_pairs(kind, other, holders, False, words, sentence, hedged,
                                   "relation:stance")
        for holder in holders:
            out.extend(self._against(tok, holder, at, words, sentence, hedged))
        return out

    @staticmethod
    def _stance_pairs(kind: str, holder: Entity, others: list[Entity], mutual: bool,
                      words: Span, sentence: Sentence, hedged: bool,
                      rule: str) -> list[Relation]:
        return [Stance(kind, holder, other, mutual, words, sentence, hedged, rule)
                for other in others
                if (other.country or other.code) != (holder.country or holder.code)]

    def _against(self, tok: Token, holder: Entity, at: dict[int, Entity], words: Span,
                 sentence: Sentence, hedged: bool) -> list[Relation]:
        against = _prep(tok, "against")
        if against is None or _pobj(against) is None:
            return []
        enemy = _party(_pobj(against), at)  # type: ignore[arg-type]
        if enemy is None:
            return []
        return self._stance_pairs("rivalry", holder, [enemy], False, words, sentence,
                                  hedged, "relation:against")


# --------------------------------------------------------------------- parse helpers
def _sentence_of(starts: list[int], i: int) -> int:
    from bisect import bisect_right

    return max(0, bisect_right(starts, i) - 1)


def _text(tok: Token | None) -> str:
    if tok is None:
        return ""
    sub = list(tok.subtree)
    return tok.doc[sub[0].i:sub[-1].i + 1].text


def _child(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def _prep(tok: Token, *words: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("prep", "agent")
                 and c.lower_ in words), None)


def _pobj(prep: Token | None) -> Token | None:
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _party(tok: Token, at: dict[int, Entity]) -> Entity | None:
    """The actor a phrase names: its head, else a name modifying it ('Israeli weapons',
    "Israel's weapons"), else the object of its 'of' ('most of its arms from Israel')."""
    if tok.i in at:
        return at[tok.i]
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i in at:
            return at[c.i]
    of = _prep(tok, "of")
    if of is not None and _pobj(of) is not None:
        return _party(_pobj(of), at)  # type: ignore[arg-type]
    for c in tok.children:
        if c.dep_ == "appos" and c.i in at:
            return at[c.i]
    return None


def _first_within(tok: Token, at: dict[int, Entity]) -> Entity | None:
    """The first name anywhere in a phrase: for a phrase the parser has run on past its
    end ('on Russian gas worried officials')."""
    return next((at[t.i] for t in tok.subtree if t.i in at), None)


def _owner(tok: Token, at: dict[int, Entity], own_only: bool = False) -> Entity | None:
    """Whose the phrase's goods or share are: the possessor ("Azerbaijan's arms imports",
    'of Azerbaijan's imports'); with ``own_only`` only the phrase's own possessor."""
    for c in tok.children:
        if c.dep_ == "poss" and c.i in at:
            return at[c.i]
    if own_only:
        return None
    of = _prep(tok, "of")
    if of is not None and _pobj(of) is not None:
        return _owner(_pobj(of), at)  # type: ignore[arg-type]
    return None


def _holder(tok: Token, at: dict[int, Entity]) -> Entity | None:
    """Who depends: a verb's subject ('X depends on'), an adjective's subject through its
    copula ('X is dependent on'), a noun's possessor ("X's dependence on")."""
    if tok.pos_ == "NOUN":
        owner = _owner(tok, at, own_only=True)
        if owner is not None:
            return owner
        return _predicated(tok, at)
    head = tok
    if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "amod") and tok.head.lemma_ in COPULA:
        head = tok.head
    elif tok.pos_ == "ADJ" and tok.dep_ == "amod":
        return _party(tok.head, at)  # 'the oil-dependent X' is rare; the noun's name
    subject = _child(head, "nsubj") or _child(head, "nsubjpass")
    if subject is None and head.dep_ in ("xcomp", "conj", "relcl", "advcl"):
        subject = _child(head.head, "nsubj")
        if head.dep_ == "relcl":
            return _party(head.head, at)
    return _party(subject, at) if subject is not None else None


def _predicated_all(tok: Token, at: dict[int, Entity]) -> list[Entity]:
    """The actors a noun is said of: the subject(s) of its copula ('X and Y are allies',
    'X is an ally'), or the name it stands in apposition to ('X, an ally of Y,')."""
    subject = None
    if tok.dep_ == "attr" and tok.head.lemma_ in COPULA:
        subject = _child(tok.head, "nsubj")
    elif tok.dep_ == "appos":
        subject = tok.head
    elif tok.dep_ in ("npadvmod", "dobj", "pobj", "nsubj"):
        appos = next((c for c in tok.children if c.dep_ == "appos"), None)
        if appos is not None:
            subject = appos  # "Russia's ally Belarus"
    if subject is None:
        return []
    found: list[Entity] = []
    for t in _listed(subject):
        entity = _party(t, at)
        if entity is not None and entity not in found:
            found.append(entity)
    return found


def _listed(tok: Token) -> list[Token]:
    """A name and the names listed with it: its conjuncts, and a list the parser hangs on
    it as an apposition ('Mali, Burkina Faso and Niger': Faso appos, Niger its conj)."""
    out = [tok, *tok.conjuncts]
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            out += [c, *c.conjuncts]
    return out


def _predicated(tok: Token, at: dict[int, Entity]) -> Entity | None:
    found = _predicated_all(tok, at)
    return found[0] if found else None


def _viewer(tok: Token, at: dict[int, Entity]) -> tuple[Entity, Entity] | None:
    """'X regards Y as an enemy' -> (X, Y); 'which it perceives as an archenemy' -> (it,
    the noun the clause describes)."""
    prep = tok.head
    if not (tok.dep_ == "pobj" and prep.lower_ == "as"):
        return None
    verb = prep.head
    if verb.lemma_ not in VIEW_VERBS:
        return None
    subject = _child(verb, "nsubj")
    if subject is not None and subject.tag_ == "WDT" and verb.dep_ == "relcl":
        subject = verb.head  # 'Armenia, which regards Azerbaijan as a threat'
    seen_tok = _child(verb, "dobj")
    if seen_tok is not None and seen_tok.tag_ == "WDT" and verb.dep_ == "relcl":
        seen_tok = verb.head  # 'Iran, which Israel regards as an enemy'
    if subject is None or seen_tok is None:
        return None
    holder, seen = _party(subject, at), _party(seen_tok, at)
    if holder is None and subject.pos_ == "PRON" and subject.lower_ in ("it", "they"):
        # 'Greece ..., which it regards as a rival': the pronoun is the main clause's subject
        main = _child(subject.sent.root, "nsubj")
        holder = _party(main, at) if main is not None else None
    if holder is None or seen is None:
        return None
    return holder, seen

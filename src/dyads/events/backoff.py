"""A learned back-off for sentences that no lexicon entry codes.

The lexicon knows a few thousand triggers; news uses more verbs than that ('abandoned
its ties with', 'contributed a million dollars to'). When no trigger in a sentence gives
an event, the back-off reads the sentence's main predicate and its words, guesses the
PLOVER category, a public statement (CAMEO 01) or none with a linear model, and the coder
fills the roles from the parse with the default verb frame. Its events say so: ``rule``
is ``backoff:<category>`` and the confidence is scaled by the model's probability.

The model is multinomial logistic regression over sparse features (the predicate's lemma,
the control verbs above it, its object and prepositions, the sentence's content words) and
the parser's own token vectors for the predicate and the sentence (``doc.tensor``). It is
trained by ``scripts/train_backoff.py`` on ``data/training/sentences.jsonl`` only: 3,542
sentences written for this project, never a benchmark. The weights ship as
``data/backoff/model.json``; at run time only NumPy is needed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..datafiles import data_path
from ..errors import DataError

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

MODEL_FORMAT = 1
NONE = "NONE"
# A public statement (CAMEO 01): an event PLOVER leaves out, coded with ``event`` null.
STATEMENT = "STATEMENT"
# Verbs that report another clause: the predicate is the reported one ('X said Y attacked
# Z' is about the attack).
REPORTING = frozenset({"say", "tell", "report", "announce", "add", "state", "claim", "note",
                       "confirm", "insist", "write", "quote", "declare", "assert", "reveal",
                       "indicate", "believe", "think", "understand", "learn", "hear"})
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ"})
# Weight of the dense (token vector) part against the sparse indicators, as trained.
DENSE_SCALE = 0.3


def predicate(sent: SpacySpan) -> tuple[Token, list[Token]]:
    """The word a sentence is mainly about and the verbs above it ('is about to restore'
    gives 'restore' under 'be'; 'X said Y attacked Z' gives 'attacked' under 'say')."""
    tok = sent.root
    chain = [tok]
    for _ in range(4):
        nxt = None
        if tok.lemma_.lower() in REPORTING:
            nxt = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if nxt is None:
            nxt = next((c for c in tok.children
                        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            for c in tok.children:
                if c.dep_ == "acomp":  # 'is about to', 'is set to'
                    nxt = next((g for g in c.children if g.dep_ == "xcomp"), None)
                    if nxt is not None:
                        break
        if nxt is None:
            break
        tok = nxt
        chain.append(tok)
    return tok, chain


def features(sent: SpacySpan, head: Token, chain: list[Token]) -> list[str]:
    """Sparse indicator features of a sentence around its predicate ``head``."""
    lemma = head.lemma_.lower()
    out = ["p:" + lemma]
    out.extend("c:" + c.lemma_.lower() for c in chain[:-1])
    for c in head.children:
        dep = c.dep_
        if dep in ("dobj", "nsubjpass", "attr"):
            obj = c.lemma_.lower()
            out += ["o:" + obj, f"po:{lemma}_{obj}"]
        elif dep in ("prep", "prt", "agent"):
            out += ["r:" + c.lower_, f"pr:{lemma}_{c.lower_}"]
        elif dep == "neg":
            out.append("neg")
    out.extend("w:" + t.lemma_.lower() for t in sent if t.pos_ in CONTENT_POS)
    return out


def dense(sent: SpacySpan, head: Token) -> np.ndarray | None:
    """The parser's vectors for the predicate and the sentence's mean, or ``None`` when
    the model gives none."""
    tensor = sent.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(sent.doc):
        return None
    part = tensor[sent.start:sent.end]
    return np.concatenate([tensor[head.i], part.mean(axis=0)]) * DENSE_SCALE


@dataclass(frozen=True, slots=True)
class Guess:
    event: str
    cameo: str
    probability: float
    predicate: Token


class Backoff:
    """The trained model: ``guess(sent)`` gives the likeliest category, or ``None`` when
    'no event' is likelier or the likeliest category is below the threshold."""

    def __init__(self, model: dict[str, Any], source: str = "<model>") -> None:
        try:
            if model.get("format") != MODEL_FORMAT:
                raise ValueError(f"format {model.get('format')!r}, expected {MODEL_FORMAT}")
            self.classes: tuple[str, ...] = tuple(model["classes"])
            self.cameo: dict[str, str] = dict(model["cameo"])
            self.threshold = float(model["threshold"])
            self.bias = np.asarray(model["bias"], dtype=np.float32)
            names = list(model["features"])
            self.index = {name: k for k, name in enumerate(names)}
            self.weights = np.asarray([model["features"][n] for n in names],
                                      dtype=np.float32).reshape(len(names), len(self.classes))
            self.dense = np.asarray(model["dense"], dtype=np.float32) \
                if model.get("dense") else None
            self.trained_on: dict[str, Any] = dict(model.get("trained_on", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(source, None, f"not a dyads back-off model: {exc}") from None
        missing = [c for c in self.classes if c != NONE and c not in self.cameo]
        if missing:
            raise DataError(source, None, f"no CAMEO code for {', '.join(missing)}")
        self.none = self.classes.index(NONE) if NONE in self.classes else -1

    def scores(self, feats: list[str], vector: np.ndarray | None) -> np.ndarray:
        rows = [self.index[f] for f in feats if f in self.index]
        z = self.bias.copy()
        if rows:
            z += self.weights[rows].sum(axis=0)
        if self.dense is not None and vector is not None \
                and vector.shape[0] == self.dense.shape[0]:
            z += vector @ self.dense
        z -= z.max()
        e = np.exp(z)
        result: np.ndarray = e / e.sum()
        return result

    def guess(self, sent: SpacySpan) -> Guess | None:
        head, chain = predicate(sent)
        if head.pos_ not in ("VERB", "AUX", "NOUN"):
            return None
        p = self.scores(features(sent, head, chain), dense(sent, head))
        best = int(p.argmax())
        if best == self.none or p[best] < self.threshold:
            return None
        event = self.classes[best]
        return Guess(event, self.cameo[event], float(p[best]), head)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_backoff(path: str | Path | None = None) -> Backoff:
    """The shipped model (``data/backoff/model.json``) or another one."""
    file = Path(path) if path is not None else data_path("backoff", "model.json")
    try:
        model = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(str(file), None, f"cannot be read: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise DataError(str(file), exc.lineno, f"not valid JSON: {exc.msg}") from None
    if not isinstance(model, dict):
        raise DataError(str(file), None, "not a JSON object")
    return Backoff(model, str(file))

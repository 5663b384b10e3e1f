"""Find actor dictionary strings in a parsed text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..phrases import PhraseIndex
from .dictionary import STOP_KIND, ActorDictionary, ActorEntry

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Mention:
    """Tokens ``start``..``end`` (exclusive) of a Doc name ``entry``."""

    start: int
    end: int
    entry: ActorEntry


class ActorMatcher:
    """Case-sensitive matching of every dictionary string; the longest match wins."""

    requires = ("token.orth", "token.pos")
    assigns = ("mentions",)

    def __init__(self, nlp: Language, actors: ActorDictionary) -> None:
        self.actors = actors
        self.index = PhraseIndex(nlp, actors.entries.items())

    def __call__(self, doc: Doc) -> list[Mention]:
        # Longest first, then leftmost; drop anything overlapping a kept match.
        ordered = sorted(self.index.matches(doc), key=lambda m: (m[0] - m[1], m[0]))
        if not ordered:
            return []
        taken: set[int] = set()
        mentions = []
        for start, end, entry in ordered:
            if any(i in taken for i in range(start, end)):
                continue
            if entry.ambiguous and _inside_longer_name(doc, start, end):
                continue
            if _stance_prefix(doc, start):
                continue  # 'pro-Iranian', 'anti-Western' describe a stance, not an actor
            taken.update(range(start, end))
            if entry.kind != STOP_KIND:
                mentions.append(Mention(start, end, entry))
        mentions.sort(key=lambda m: m.start)
        return mentions


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """An ambiguous string next to another proper noun ('Michael Jordan', 'Georgia Tech')."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return any(t is not None and t.pos_ == "PROPN" and t.is_title for t in (before, after))


STANCE_PREFIXES = frozenset({"pro", "anti"})


def _stance_prefix(doc: Doc, start: int) -> bool:
    """'pro-Iranian militia', 'anti-American protests': the name follows 'pro-'/'anti-'."""
    return start >= 2 and doc[start - 1].text == "-" and \
        doc[start - 2].lower_ in STANCE_PREFIXES and \
        doc[start - 2].idx + len(doc[start - 2].text) == doc[start - 1].idx

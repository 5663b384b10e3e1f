"""Find actor dictionary strings in a parsed text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..phrases import PhraseIndex, words_of
from .dictionary import PERSON_KIND, STOP_KIND, ActorDictionary, ActorEntry

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
        self.misspelt = MisspeltNames(actors.entries)

    def __call__(self, doc: Doc) -> list[Mention]:
        # Longest first, then leftmost; drop anything overlapping a kept match.
        ordered = sorted(self.index.matches(doc), key=lambda m: (m[0] - m[1], m[0]))
        ordered += self.misspelt.matches(doc, {i for s, e, _ in ordered for i in range(s, e)})
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


class MisspeltNames:
    """One-word names written with one letter missing or added, or two letters swapped
    ('Ethopia', 'Quatar', 'Phillipines'), as wire copy often has them. A capitalised word
    of six letters or more that no entry matched is read as the one name (of five letters
    or more, with the same first letter) it is that close to; when names of two actors are
    as close, or none is, it is not read at all. People's names are left out: a surname is
    too often one letter from a word ('Marbles', 'Marles')."""

    MIN_LENGTH = 6
    MIN_NAME = 5

    def __init__(self, entries: dict[str, ActorEntry]) -> None:
        self.known = frozenset(entries)
        self.entries = entries
        self._near: dict[str, set[str]] = {}
        for text, entry in entries.items():
            if entry.kind in (STOP_KIND, PERSON_KIND) or entry.ambiguous \
                    or len(text) < self.MIN_NAME \
                    or not text.isalpha() or not text[0].isupper():
                continue
            for key in _deletions(text):
                self._near.setdefault(key, set()).add(text)

    def matches(self, doc: Doc, taken: set[int]) -> list[tuple[int, int, ActorEntry]]:
        found = []
        known, shortest = self.known, self.MIN_LENGTH
        for i, word in enumerate(words_of(doc)):  # strings first: no Token for most words
            if len(word) < shortest or not word[0].isupper() or i in taken \
                    or word in known or not word.isalpha() or not word.istitle() \
                    or doc[i].pos_ not in NAMEISH:
                continue
            names = {name for key in _deletions(word) for name in self._near.get(key, ())
                     if name[0] == word[0] and _one_edit(word, name)}
            codes = {self.entries[name].code for name in names}
            if len(codes) == 1:
                found.append((i, i + 1, self.entries[min(names)]))
        return found


# The tagger reads an unknown capitalised word as any of these ('Somalai' as a noun).
NAMEISH = frozenset({"PROPN", "NOUN", "ADJ"})


def _deletions(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def _one_edit(a: str, b: str) -> bool:
    """One letter dropped or added, or two neighbours swapped (not equal). A letter
    replaced by another is not read: 'Gxndor' may be a name of its own, while dropped,
    doubled and swapped letters are how wire copy misspells and transliterates names."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


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

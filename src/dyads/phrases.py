"""Exact, case-sensitive matching of many phrases in tokenised text.

spaCy's PhraseMatcher needs a Doc per phrase, and building 25,000 of them costs about a
second in every process that loads the dictionaries. The phrases here are looked up by
their first token instead; a phrase is split on spaces when the tokenizer would split it
the same way (plain words), and tokenised otherwise ("U.S.", "Kim Jong-un").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")
PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


class PhraseIndex(Generic[T]):
    """Phrases (as text) and a value for each; ``matches`` finds every occurrence."""

    def __init__(self, nlp: Language, phrases: Iterable[tuple[str, T]]) -> None:
        rules = set(nlp.tokenizer.rules or ())  # type: ignore[union-attr]
        plain: list[tuple[tuple[str, ...], T]] = []
        other: list[tuple[str, T]] = []
        for text, value in phrases:
            split = text.split(" ")
            if PLAIN.fullmatch(text) and not any(w in rules for w in split):
                plain.append((tuple(split), value))
            else:
                other.append((text, value))
        tokenised = nlp.tokenizer.pipe([text for text, _ in other])  # type: ignore[union-attr]
        for (_, value), doc in zip(other, tokenised, strict=True):
            plain.append((tuple(t.text for t in doc), value))
        self._first: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for words, value in plain:
            if words and words[0]:
                self._first.setdefault(words[0], []).append((words, value))
        for candidates in self._first.values():
            candidates.sort(key=lambda c: -len(c[0]))

    def __len__(self) -> int:
        return sum(len(c) for c in self._first.values())

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, T]]:
        """(start, end, value) of every phrase occurrence, longest first at each start."""
        words = words_of(doc)
        first = self._first
        for i, word in enumerate(words):
            candidates = first.get(word)
            if candidates is None:
                continue
            for phrase, value in candidates:
                end = i + len(phrase)
                if end <= len(words) and (len(phrase) == 1 or
                                          tuple(words[i:end]) == phrase):
                    yield i, end, value


def words_of(doc: Doc) -> list[str]:
    """The token texts of a Doc, built once and shared by every index that reads it."""
    words: list[str] | None = doc.user_data.get(_WORDS)
    if words is None or len(words) != len(doc):
        words = [t.text for t in doc]
        doc.user_data[_WORDS] = words
    return words


_WORDS = "dyads.words"


def longest(found: Iterable[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """The matches to keep: longest first, then leftmost, none overlapping a kept one;
    returned in text order."""
    taken: set[int] = set()
    kept = []
    for start, end, value in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if not any(i in taken for i in range(start, end)):
            taken.update(range(start, end))
            kept.append((start, end, value))
    kept.sort(key=lambda m: m[0])
    return kept

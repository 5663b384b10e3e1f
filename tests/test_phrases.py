"""Phrase lookup by first token: the same matches the tokenizer's own splitting gives."""

from __future__ import annotations

from dyads.phrases import PhraseIndex, longest
from dyads.pipeline import Pipeline


def test_plain_and_tokenised_phrases_match(pipeline: Pipeline) -> None:
    index = PhraseIndex(pipeline.nlp, [("Kim Jong-un", "person"), ("U.S.", "state"),
                                       ("North Korea", "state"), ("Korea", "state"),
                                       ("Côte d'Ivoire", "state")])
    doc = pipeline.nlp("Kim Jong-un told U.S. envoys that North Korea and Côte d'Ivoire "
                       "agreed.")
    found = [(doc[s:e].text, v) for s, e, v in longest(index.matches(doc))]
    assert found == [("Kim Jong-un", "person"), ("U.S.", "state"), ("North Korea", "state"),
                     ("Côte d'Ivoire", "state")]


def test_matching_is_case_sensitive_and_whole_token(pipeline: Pipeline) -> None:
    index = PhraseIndex(pipeline.nlp, [("Chad", "state")])
    doc = pipeline.nlp("Chadian troops met chad and Chad.")
    assert [(s, e) for s, e, _ in index.matches(doc)] == [(5, 6)]

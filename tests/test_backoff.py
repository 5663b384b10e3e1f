"""The learned back-off: the shipped model, its guesses, and how the coder uses them."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dyads.datafiles import data_path
from dyads.errors import DataError
from dyads.events import load_ontology
from dyads.events.backoff import NONE, STATEMENT, Backoff, file_digest, load_backoff, predicate
from dyads.pipeline import Pipeline
from dyads.settings import Settings

from .conftest import code

PLOVER = {"AGREE", "ACCUSE", "ASSAULT", "AID", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
          "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT",
          "THREATEN"}


@pytest.fixture(scope="module")
def backoff() -> Backoff:
    return load_backoff()


def test_model_covers_every_category_with_a_code_of_that_category(backoff: Backoff) -> None:
    assert set(backoff.classes) == PLOVER | {NONE, STATEMENT}
    ontology = load_ontology()
    for event, cameo in backoff.cameo.items():
        assert ontology[cameo].event == (None if event == STATEMENT else event), (event, cameo)
    assert 0.0 < backoff.threshold < 1.0


def test_model_was_trained_on_the_current_training_data(backoff: Backoff) -> None:
    # Editing training/sentences.jsonl needs `python scripts/train_backoff.py`.
    assert backoff.trained_on["sha256"] == file_digest(
        data_path("training", "sentences.jsonl"))


def test_predicate_looks_through_reporting_and_control_verbs(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("Officials said Peru was about to expel the envoy.")
    head, chain = predicate(next(iter(doc.sents)))
    assert head.text == "expel"
    assert chain[0].text == "said"


@pytest.mark.parametrize(("text", "event"), [
    ("Quito doled out emergency food parcels to families in Manabi.", "AID"),
    ("The opposition leader berated the cabinet over the bungled census.", "ACCUSE"),
    ("The two navies conducted a joint drill in the Arabian Sea.", "COOPERATE"),
])
def test_guesses_a_category_for_unlisted_verbs(pipeline: Pipeline, backoff: Backoff,
                                               text: str, event: str) -> None:
    guess = backoff.guess(next(iter(pipeline.nlp(text).sents)))
    assert guess is not None and guess.event == event


@pytest.mark.parametrize("text", [
    "The cathedral choir rehearsed a new hymn on Sunday morning.",
    "Heavy snow closed the mountain pass for the rest of the week.",
])
def test_no_guess_for_sentences_without_political_events(pipeline: Pipeline,
                                                         backoff: Backoff, text: str) -> None:
    assert backoff.guess(next(iter(pipeline.nlp(text).sents))) is None


def test_coder_codes_a_sentence_no_trigger_matches(pipeline: Pipeline) -> None:
    text = "Norway handed a million dollars to Haiti for reconstruction."
    (event,) = code(pipeline, text)
    assert event["rule"] == "backoff:aid"
    assert event["event"] == "AID" and event["cameo"] == "070"
    assert [a["code"] for a in event["actor"]] == ["NOR"]
    assert [r["code"] for r in event["recipient"]] == ["HTI"]
    assert event["confidence"] < 0.85  # below a lexicon event's


def test_lexicon_events_come_first(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Iran condemned Britain over the seizure of its tanker.")
    assert event["rule"].startswith("lexicon:")


def test_backoff_can_be_turned_off(pipeline: Pipeline) -> None:
    settings = replace(pipeline.settings, backoff=False)
    plain = Pipeline(settings, nlp=pipeline.nlp, actors=pipeline.actors)
    assert code(plain, "Norway handed a million dollars to Haiti for reconstruction.") == []


def test_bad_model_file_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps({"format": 99}), encoding="utf-8")
    with pytest.raises(DataError, match="not a dyads back-off model"):
        load_backoff(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(DataError, match="not valid JSON"):
        load_backoff(bad)
    with pytest.raises(DataError, match="cannot be read"):
        load_backoff(tmp_path / "missing.json")


def test_settings_default_turns_backoff_on() -> None:
    assert Settings().backoff is True

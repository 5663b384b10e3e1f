"""dyads runs the model's attribute rules from a table; the annotations must be exactly
those of the model's own ruler."""

from __future__ import annotations

import json
from typing import Any

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from dyads.datafiles import data_path
from dyads.nlp import load_model
from dyads.nlp.attributes import TableAttributeRuler, use_table_attribute_ruler
from dyads.pipeline import Pipeline

# Words the model's multi-token and word-specific rules are about, in sentences of ours.
AWKWARD = [
    "The minister said they ain't gonna sign it, and aides gotta explain why.",
    "Let's be clear: there is no deal, and there were never talks.",
    "There's a ceasefire, there're observers and there was shelling overnight.",
    "They ain't leaving.   \n\n  The envoy wanna meet the rebels.",
    "U.S. forces withdrew; the E.U. didn't object.",
    "",
]


def _texts() -> list[str]:
    texts = list(AWKWARD)
    texts += [p.read_text(encoding="utf-8") for p in sorted(data_path("sample").glob("*.txt"))]
    with data_path("training", "sentences.jsonl").open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n % 5 == 0:  # a fifth of the training sentences, some 600
                texts.append(json.loads(line)["text"])
    with data_path("gold", "sentences.jsonl").open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines]
    return texts


def _annotations(nlp: Any, texts: list[str]) -> list[list[tuple[Any, ...]]]:
    return [[(t.pos, t.tag, str(t.morph), t.lemma_, t.dep) for t in doc]
            for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def models(pipeline: Pipeline) -> tuple[Any, Any]:
    stock = load_model(pipeline.model_name, ner=False, table_rules=False)
    return stock, pipeline.nlp


def test_dyads_loads_the_table_in_the_rulers_place(models: tuple[Any, Any]) -> None:
    stock, tabled = models
    assert isinstance(tabled.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert not isinstance(stock.get_pipe("attribute_ruler"), TableAttributeRuler)
    order = [p for p in tabled.pipe_names if p != "ner"]
    assert order == stock.pipe_names


def test_table_sets_exactly_what_the_models_ruler_sets(models: tuple[Any, Any]) -> None:
    stock, tabled = models
    texts = _texts()
    assert len(texts) > 800
    expected = _annotations(stock, texts)
    got = _annotations(tabled, texts)
    wrong = [(text, e, g) for text, e, g in zip(texts, expected, got, strict=True) if e != g]
    assert not wrong, f"{len(wrong)} texts differ, first: {wrong[0]}"


def test_words_the_rules_single_out_are_changed(models: tuple[Any, Any]) -> None:
    # The table is not a no-op: these rules set lemmas and parts of speech the tagger's
    # tag alone would not give.
    _, tabled = models
    doc = tabled("Let's go, they ain't gonna stay.")
    by_text = {t.text: t for t in doc}
    assert by_text["'s"].lemma_ == "us"
    assert by_text["ai"].lemma_ == "be"
    assert by_text["na"].lemma_ == "to"
    arrays = doc.to_array([POS, TAG, MORPH, LEMMA, DEP])
    assert arrays.shape == (len(doc), 5)


def test_a_ruler_the_table_cannot_do_is_kept(pipeline: Pipeline) -> None:
    nlp = load_model(pipeline.model_name, ner=False, table_rules=False)
    ruler = nlp.get_pipe("attribute_ruler")
    # A quantifier ("OP") is beyond a per-token table.
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], {"LEMMA": "very"})
    assert TableAttributeRuler.from_ruler(ruler) is None
    assert use_table_attribute_ruler(nlp) is False
    assert nlp.get_pipe("attribute_ruler") is ruler


def test_a_later_rule_wins_over_an_earlier_one(pipeline: Pipeline) -> None:
    nlp = load_model(pipeline.model_name, ner=False, table_rules=False)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "envoy"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "envoy"}]], {"LEMMA": "second"}, index=1)
    ruler.add([[{"LOWER": "envoy", "TAG": "NN"}]], {"LEMMA": "third"})
    ruler.add([[{"LOWER": "ambassador"}]], {"LEMMA": "fourth"})
    ruler.add([[{"LOWER": "the"}, {"LOWER": "ambassador"}]], {"LEMMA": "fifth"}, index=-1)
    text = "The envoy met the ambassador."
    expected = [t.lemma_ for t in nlp(text)]
    assert use_table_attribute_ruler(nlp) is True
    assert [t.lemma_ for t in nlp(text)] == expected == [
        "the", "third", "meet", "the", "fifth", "."]

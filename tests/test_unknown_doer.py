"""A doer the text names and no dictionary knows is kept: an organisation's name or a
group named by an agent noun is an actor '---' (country unknown, as in CAMEO) plus the
sector its noun names, with lower confidence; people's and places' names are not."""

from __future__ import annotations

from dataclasses import replace

from dyads.pipeline import Pipeline

from .conftest import code


def _actors(pipeline: Pipeline, text: str) -> list[tuple[str, str, str | None]]:
    return [(a["code"], a["source"], a["country"]) for r in code(pipeline, text)
            for a in r["actor"]]


def test_an_unknown_organisation_is_kept_with_an_unknown_country(pipeline: Pipeline) -> None:
    events = code(pipeline, "The Ogaden Liberation Front attacked a convoy near Jijiga.")
    assert events
    (actor,) = events[0]["actor"]
    assert (actor["code"], actor["country"], actor["source"]) == ("---", None, "unknown")
    assert actor["entity_text"] == "The Ogaden Liberation Front"
    # 0.2 below the same act by a known state
    known = code(pipeline, "Eritrea attacked a convoy near Jijiga.")
    assert events[0]["confidence"] < known[0]["confidence"]


def test_an_acronym_and_an_agent_noun_are_bodies(pipeline: Pipeline) -> None:
    assert _actors(pipeline, "The ZLF claimed responsibility for the bombing.")[0][:2] == (
        "---", "unknown")
    assert ("---COP", "unknown", None) in _actors(pipeline, "Police arrested two "
                                                           "opposition leaders.")


def test_a_persons_or_a_places_name_is_no_body(pipeline: Pipeline) -> None:
    assert code(pipeline, "Maria Ortega criticised the ruling.") == []
    assert code(pipeline, "The Volta supplies most of the region's water.") == []


def test_the_setting_turns_it_off(pipeline: Pipeline) -> None:
    off = Pipeline(replace(pipeline.settings, unknown_actors=False), nlp=pipeline.nlp)
    assert code(off, "The Ogaden Liberation Front attacked a convoy near Jijiga.") == [] \
        or all(r["actor"] == [] for r in code(off, "The Ogaden Liberation Front attacked "
                                                   "a convoy near Jijiga."))


def test_a_body_named_by_a_name_and_a_description_is_no_pronoun(pipeline: Pipeline) -> None:
    # 'the government' alone looks back for its state; 'the Ontario government' is named,
    # a body no dictionary knows, not a description waiting for an antecedent.
    assert ("---GOV", "unknown", None) in _actors(
        pipeline, "The Ontario government urged the truckers to end their blockade.")
    assert code(pipeline, "The government urged the truckers to end their blockade.") == []

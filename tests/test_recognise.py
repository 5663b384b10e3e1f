"""Entity recognition: every person, organisation, nationality and place a text names,
typed, with the source that decided."""

from __future__ import annotations

from dyads.actors.recognise import recognise
from dyads.pipeline import Pipeline


def _found(pipeline: Pipeline, text: str) -> list[tuple[str, str, str]]:
    return [(r.text, r.type, r.code) for r in next(recognise(pipeline, [text]))]


def test_types_follow_what_the_name_does(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Turkey said Kurdish fighters entered a village in Syria.")
    assert ("Turkey", "organisation", "TUR") in found  # a state that acts
    assert ("Syria", "location", "SYR") in found  # a place


def test_agent_phrases_and_titles(pipeline: Pipeline) -> None:
    found = _found(pipeline, "The Foreign Secretary praised Iraqi security forces.")
    assert ("Foreign Secretary", "person", "") in found
    assert ("Iraqi", "nationality", "IRQ") in found
    assert ("Iraqi security forces", "organisation", "IRQ") in found


def test_sources_are_recorded(pipeline: Pipeline) -> None:
    found = next(recognise(pipeline, ["Nikol Pashinyan met the UN envoy."]))
    sources = {r.text: r.source.split(":")[0] for r in found}
    assert sources["Nikol Pashinyan"] == "dictionary"
    assert sources["UN"] == "dictionary"


def test_places_stay_places(pipeline: Pipeline) -> None:
    found = _found(pipeline, "The minister visited Turkey. Syria is a humanitarian crisis.")
    assert ("Turkey", "location", "TUR") in found
    assert ("Syria", "location", "SYR") in found
    found = _found(pipeline, "Britain urged Turkey to open the border.")
    assert ("Turkey", "organisation", "TUR") in found


def test_peoples_are_nationalities_without_codes(pipeline: Pipeline) -> None:
    found = _found(pipeline, "Yazidi families fled as Kurdish fighters advanced.")
    assert ("Yazidi", "nationality", "") in found
    assert ("Kurdish", "nationality", "") in found


def test_bodies_named_by_agent_nouns(pipeline: Pipeline) -> None:
    found = _found(pipeline, "The regime shelled the town while security forces withdrew.")
    assert ("regime", "organisation", "") in found
    assert ("security forces", "organisation", "") in found

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


def test_groups_and_group_pronouns_are_organisations(pipeline: Pipeline) -> None:
    found = _found(pipeline, "We will keep helping our partners, and the coalition said "
                             "that civilians must be protected.")
    assert ("We", "organisation", "") in found
    assert ("partners", "organisation", "") in found
    assert ("coalition", "organisation", "") in found
    assert ("civilians", "organisation", "") in found
    # One official is a person's role, not a body; a possessive pronoun is not a party.
    found = _found(pipeline, "An official said their convoy was stopped.")
    assert not [f for f in found if f[0] in ("official", "their")]


def test_states_act_in_lists_with_partners_and_as_committed_parties(
        pipeline: Pipeline) -> None:
    found = _found(pipeline, "Coalition members include Norway, Denmark and Chile.")
    assert ("Chile", "organisation", "CHL") in found  # as the first of the list goes
    found = _found(pipeline, "Norway is committed to working with Chile.")
    assert ("Norway", "organisation", "NOR") in found
    assert ("Chile", "organisation", "CHL") in found
    found = _found(pipeline, "Peru is a key player in the region. Peru is a large country.")
    assert ("Peru", "organisation", "PER") in found
    assert ("Peru", "location", "PER") in found
    found = _found(pipeline, "Brazilian airstrikes hit the depot; the Chile-Peru "
                             "partnership grew.")
    assert ("Chile", "organisation", "CHL") in found


def test_a_state_beginning_a_name_is_its_nationality(pipeline: Pipeline) -> None:
    found = _found(pipeline, "U.S. Central Command said the raid was over.")
    assert ("U.S.", "nationality", "USA") in found
    assert ("Islam", "nationality", "") in _found(pipeline, "They abuse the name of Islam.")

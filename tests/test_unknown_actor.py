"""A hostile act whose doer goes unnamed is still an event, with an empty actor; other
acts need an actor."""

from __future__ import annotations

from dyads.pipeline import Pipeline

from .conftest import code


def test_an_attack_whose_doer_is_unnamed_keeps_its_victim(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Two Malian soldiers were killed by a roadside bomb near Gao.")
    assert event["event"] == "ASSAULT"
    assert event["actor"] == []
    assert [r["code"][:3] for r in event["recipient"]] == ["MLI"]
    assert event["confidence"] < 0.7


def test_an_unnamed_doer_is_no_event_for_cooperation(pipeline: Pipeline) -> None:
    assert code(pipeline, "Food parcels were handed to Malian villagers near Gao.") == []


def test_an_unnamed_doer_is_no_event_for_a_sanction(pipeline: Pipeline) -> None:
    # Only force and coercion keep an event without a doer; a frozen tie needs one.
    assert code(pipeline, "Relations with Mali were frozen after the coup.") == []


def test_an_event_that_is_frozen_takes_no_place(pipeline: Pipeline) -> None:
    assert code(pipeline, "Kenya's talks with Somalia have been frozen since March.") == []
    # one that stalled took place first
    assert code(pipeline, "Kenya's talks with Somalia stalled in March.")


def test_a_title_before_an_unknown_name_gives_the_sector(pipeline: Pipeline) -> None:
    # 'Judge Maria Cortes' is in no dictionary: her title says she is the judiciary, and an
    # investigation of Peruvian officers is domestic
    (event,) = code(pipeline, "Judge Maria Cortes opened an investigation into Peruvian "
                              "army officers.")
    assert event["event"] == "ACCUSE"
    assert [a["code"] for a in event["actor"]] == ["PERJUD"]
    assert [r["code"] for r in event["recipient"]] == ["PERMIL"]
    # an unknown name with no title is still no one
    assert code(pipeline, "Maria Cortes opened an investigation into Peruvian army "
                          "officers.") == []


def test_an_investigation_or_concession_on_a_states_soil_is_aimed_at_it(
        pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The IAEA sent inspectors to a uranium plant in central Iran.")
    assert [r["code"] for r in event["recipient"]] == ["IRN"]
    events = code(pipeline, "Serbia eased emergency measures in Montenegro on Wednesday.")
    assert events and events[0]["event"] == "CONCEDE"
    assert [r["code"] for r in events[0]["recipient"]] == ["MNE"]


def test_a_titled_unknown_name_is_an_unknown_doer_of_its_sector(pipeline: Pipeline) -> None:
    # 'Senator Irene Valdez' is in no dictionary and nothing says whose senator she is:
    # the title still says who acts, a legislator of a country the text does not name
    (event,) = code(pipeline, "Senator Irene Valdez urged Bolivia to free the detained "
                              "miners.")
    assert event["event"] == "REQUEST"
    (actor,) = event["actor"]
    assert actor["code"] == "---LEG" and actor["source"] == "unknown"
    assert actor["phrase"]["text"] == "Senator Irene Valdez"
    assert [r["code"][:3] for r in event["recipient"]] == ["BOL"]
    # without a title the name is still no one
    assert code(pipeline, "Irene Valdez urged Bolivia to free the detained miners.") == []


def test_a_name_described_in_apposition_takes_the_descriptions_state(
        pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Tomas Ilves, a Uruguayan official, condemned the raid on "
                              "the embassy.")
    (actor,) = event["actor"]
    assert actor["code"] == "URYGOV"
    # the description is not part of the name's phrase, and names no second actor
    assert actor["phrase"]["text"] == "Tomas Ilves"
    # a name a dictionary knows keeps its own code over its description
    (event,) = code(pipeline, "Uruguay, a close Argentine partner, condemned the raid.")
    assert [a["code"] for a in event["actor"]] == ["URY"]


def test_an_acronym_the_tagger_reads_as_a_common_noun_is_still_a_body(
        pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The FLN condemned the bombing of the ferry.")
    (actor,) = event["actor"]
    assert actor["code"] == "---" and actor["source"] == "unknown"


def test_a_named_body_no_dictionary_knows_is_an_unknown_doer(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The Global Campaign for Fair Wages called for sanctions "
                              "against Bolivia.")
    (actor,) = event["actor"]
    assert actor["source"] == "unknown" and actor["code"].startswith("---")
    assert actor["phrase"]["text"] == "The Global Campaign for Fair Wages"


def test_a_reported_pronoun_is_the_unknown_speaker(pipeline: Pipeline) -> None:
    # 'she' is Senator Valdez, whom no dictionary knows: the speaker is the doer
    (event,) = code(pipeline, "Senator Irene Valdez says she is pessimistic about the "
                              "fishing deal with Peru.")
    (actor,) = event["actor"]
    assert actor["code"] == "---LEG" and actor["phrase"]["text"] == "Senator Irene Valdez"
    # a speaker a dictionary knows is still read through coreference
    (event,) = code(pipeline, "Chile said it was sceptical about the talks with Peru.")
    assert [a["code"] for a in event["actor"]] == ["CHL"]
    assert event["actor"][0]["antecedent"]["text"] == "Chile"

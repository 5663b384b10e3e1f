"""Recipients found beyond the verb's own object: a 'that' clause's subject, a
complement's object, the maker of a rejected offer, the owner of what a trigger acts on,
and an unnamed group or place coded from its context."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code

CASES = [
    ("Kenya demanded that Uganda withdraw its troops from the border.", "KEN", "UGA"),
    ("Peru threatened to impose tariffs on Chilean wine.", "PER", "CHL"),
    ("Norway refused to send troops to Mali.", "NOR", "MLI"),
    ("India rejected an offer from Nepal.", "IND", "NPL"),
    ("Serbian farmers demonstrated in Croatia on Monday.", "SRB", "HRV"),
    ("Peru threatened to close the border unless Bolivia paid its debts.", "PER", "BOL"),
    # The party that must comply outranks a place in the complement.
    ("Peru threatened to halt flights to Chile if Bolivia raised its tariffs.", "PER", "BOL"),
    ("Kenya demanded an apology from Somalia.", "KEN", "SOM"),
    # The complement is a trigger of its own ('deploy'), whose frame names no recipient.
    ("Norway refused to deploy engineers in Mali.", "NOR", "MLI"),
    # The owner of what the trigger acts on, through the phrases inside it.
    ("Kenya denounced as a crime Somalia's seizure of the port.", "KEN", "SOM"),
    ("Peru rejected an invitation to attend a meeting of Bolivian parties.", "PER", "BOL"),
    ("Peru opened its borders to travellers but was refusing admittance to Bolivians, the "
     "biggest group.", "PER", "BOL"),
    ("Peru reiterated its demand that Chile lift the ban.", "PER", "CHL"),
    # A particle the parser reads as a preposition ('cordoned off the roads'), a trigger
    # the lemmatizer gets wrong ('cordoned' -> 'cordone'), and where a road leads.
    ("Soldiers from Chad cordoned off the roads leading into Sudan.", "TCD", "SDN"),
    # Criticism of what happened in a place, with no party named, is aimed at its state.
    ("Amnesty International condemned the killing of protesters in Iran.", "NGO", "IRN"),
    # The owner of a condemned act, not what the act was done to.
    ("Peru condemned Chile's seizure of Bolivian trucks.", "PER", "CHL"),
    ("Chilean forces launched artillery and rocket fire against Peruvian positions, killing "
     "12 soldiers.", "CHL", "PER"),
    # The trigger's own object before its purpose clause's.
    ("Peru demanded a meeting of the UN Security Council to discuss Chile's naval build-up.",
     "PER", "IGO"),
    # Who must withdraw, not where from.
    ("Kenya demanded the withdrawal of Ugandan troops from Somalia.", "KEN", "UGA"),
    # A people acted on in a state's territory are that state's civilians.
    ("Serb forces killed three ethnic Albanians in a clash in southern Serbia.", "SRB", "SRB"),
    ("Rwanda accused Congolese troops of shelling the border town.", "RWA", "COD"),
    # A passive participle's 'by' agent inside the object.
    ("Kenya denied claims of torture made by the Somali foreign minister.", "KEN", "SOM"),
    # Mediation among parties, as between them.
    ("Norway halted its mediation among the Sudanese factions.", "NOR", "SDN"),
    ("Qatar mediated among the Libyan factions.", "QAT", "LBY"),
    # What the acted-on thing is about.
    ("Peru welcomed the latest reports about Bolivia.", "PER", "BOL"),
    ("Chile dismissed rumours about Argentina's navy.", "CHL", "ARG"),
    # The subject of the 'that' clause of the trigger's object, passive too.
    ("Peru expressed hope that Bolivia would ratify the treaty.", "PER", "BOL"),
    ("Chile expressed the hope that Peru could be persuaded to return.", "CHL", "PER"),
    # Who sent what the trigger acts on.
    ("Kenya welcomed the aid sent from Tanzania.", "KEN", "TZA"),
    # Calm asked for in a place is asked of the parties there.
    ("The Kenyan president appealed for calm in Uganda after the vote.", "KEN", "UGA"),
    ("Norway called for a ceasefire in Yemen on Monday.", "NOR", "YEM"),
    # Who gets what an amount measures: the 'to' phrase of the aid, not the sum.
    ("Denmark has provided nearly 2 million euros in relief funding to Malawi since March.",
     "DNK", "MWI"),
]


CONTEXT_CASES = [
    # An unnamed group acted on: the country of the place the phrase names, else the
    # actor's (the event is domestic).
    ("Egyptian police dispersed the demonstrators.", "EGYCVL", "context:actor's country"),
    ("Malian troops shelled bases held by rebel fighters.", "MLIREB",
     "context:actor's country"),
    ("The Turkish government accepted demands from rebels in Aleppo.", "SYRREB",
     "context:place"),
    # An attack or protest with no party named: the state on whose soil it happened.
    ("Peruvian prisoners rioted at a jail in northern Chile.", "CHL", "context:place"),
]


@pytest.mark.parametrize(("text", "recipient", "source"), CONTEXT_CASES)
def test_recipient_from_context(pipeline: Pipeline, text: str, recipient: str,
                                source: str) -> None:
    first = code(pipeline, text)[0]
    assert [(r["code"], r["source"]) for r in first["recipient"]] == [(recipient, source)]


def test_no_context_recipient_without_a_group_or_place(pipeline: Pipeline) -> None:
    # One official is not a group, and a demonym in a later phrase is not a place.
    first = code(pipeline, "Egyptian police detained an official in the "
                           "Palestinian uprising.")[0]
    assert first["recipient"] == []


@pytest.mark.parametrize(("text", "actor", "recipient"), CASES)
def test_recipient(pipeline: Pipeline, text: str, actor: str, recipient: str) -> None:
    records = code(pipeline, text)
    assert records, text
    coded = [([a["code"][:3] for a in r["actor"]], [x["code"][:3] for x in r["recipient"]])
             for r in records]
    assert ([actor], [recipient]) in coded, coded


def test_a_foreign_group_is_not_the_actors_own(pipeline: Pipeline) -> None:
    first = code(pipeline, "Bolivian police detained foreign journalists.")[0]
    assert first["recipient"] == []


def test_a_place_outranks_the_actors_country(pipeline: Pipeline) -> None:
    # Victims with no nationality, killed on another state's soil, are that state's.
    first = code(pipeline, "Two Chilean bombers killed 23 people in Lima.")[0]
    assert [(r["code"], r["source"]) for r in first["recipient"]] == [("PER",
                                                                        "context:place")]


def test_a_participle_in_a_list_acts_on_its_clauses_object(pipeline: Pipeline) -> None:
    records = code(pipeline, "Bolivian police fired on protesters, wounding four and "
                             "arresting 12.")
    arrest = next(r for r in records if r["trigger"]["text"] == "arresting")
    assert [(r["code"], r["source"]) for r in arrest["recipient"]] == [
        ("BOLCVL", "context:actor's country")]


def test_a_protest_naming_no_one_is_aimed_at_the_protesters_state(
        pipeline: Pipeline) -> None:
    first = code(pipeline, "Kenyan students rioted on Monday.")[0]
    assert [(r["code"], r["source"]) for r in first["recipient"]] == [
        ("KEN", "context:actor's country")]


def test_joint_actors_are_not_each_others_recipient(pipeline: Pipeline) -> None:
    first = code(pipeline, "Chile and Peru held talks on a Peruvian troop withdrawal.")[0]
    assert [a["code"] for a in first["actor"]] == ["CHL", "PER"]
    assert first["recipient"] == []


def test_a_preposition_after_the_complement_is_no_particle(pipeline: Pipeline) -> None:
    # 'with conditions attached' ends the complement: this is 'agree to', not 'agree with'
    (event,) = code(pipeline, "The US Congress agreed to lift the embargo on Cuba, and "
                              "with conditions attached, on Venezuela.")
    assert (event["event"], event["cameo"]) == ("AGREE", "030")
    (event,) = code(pipeline, "France agreed with Germany on the need for a common budget.")
    assert event["cameo"] == "019"


def test_the_parties_to_a_conflict_are_coded_by_its_country(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The Red Cross asked the parties to the war in Yemen to "
                              "protect civilians.")
    assert [r["code"] for r in event["recipient"]] == ["YEM"]
    # with no place, no one
    (event,) = code(pipeline, "The Red Cross asked the parties to the war to protect "
                              "civilians.")
    assert event["recipient"] == []


def test_a_language_is_no_party(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The Latvian parliament cancelled restrictions on the use of "
                              "the Russian language in schools.")
    assert "RUS" not in [r["code"][:3] for r in event["recipient"]]


def test_a_support_verbs_purpose_names_the_recipient(pipeline: Pipeline) -> None:
    events = code(pipeline, "Syrian refugees began a hunger strike on Monday to protest "
                            "against Greece's asylum rules.")
    strike = next(e for e in events if e["trigger"]["text"] == "strike")
    assert [r["code"][:3] for r in strike["recipient"]] == ["GRC"]

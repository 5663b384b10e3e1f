"""A noun trigger told through another verb: taking part in it ('engaged in ethnic
cleansing', 'took part in joint exercises'), and a verb whose object is a measure or a
container of what the act is about ('sent a shipment of weapons', 'handed over 700 kg of
medicine')."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "event", "actor", "recipient"), [
    ("Sudanese troops engaged in ethnic cleansing in Darfur.", "ASSAULT", "SDNMIL", "SDN"),
    ("Serbian forces were engaged in heavy fighting with Kosovar rebels.", "ASSAULT",
     "SRBMIL", "XKXREB"),
    ("Chad took part in joint military exercises with Niger.", "COOPERATE", "TCD", "NER"),
    ("Syrian troops were involved in the attack on the Turkish convoy.", "ASSAULT", "SYRMIL",
     "TUR"),
])
def test_taking_part_in_an_event_is_acting_it(pipeline: Pipeline, text: str, event: str,
                                              actor: str, recipient: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert events[0]["event"] == event
    assert [a["code"] for a in events[0]["actor"]] == [actor]
    assert [r["code"] for r in events[0]["recipient"]] == [recipient]


@pytest.mark.parametrize(("text", "event", "cameo", "actor", "recipient"), [
    ("Iran sent a shipment of rockets to Yemen.", "AID", "072", "IRN", "YEM"),
    ("Swedish nurses handed over 700 kg of vaccines to doctors in Chad.", "AID", "073", "SWE",
     "TCDMED"),
    ("Italian charities delivered $20,000 worth of medicine to Tunisia.", "AID", "073", "ITA",
     "TUN"),
])
def test_a_measure_of_something_is_that_thing(pipeline: Pipeline, text: str, event: str,
                                              cameo: str, actor: str, recipient: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert (events[0]["event"], events[0]["cameo"]) == (event, cameo)
    assert [a["code"][:3] for a in events[0]["actor"]] == [actor]
    assert [r["code"] for r in events[0]["recipient"]] == [recipient]


def test_a_measure_of_something_else_is_not_an_arms_delivery(pipeline: Pipeline) -> None:
    # 'a shipment of grain' is no weapon: the weapons sense of 'send' does not fire
    events = code(pipeline, "Iran sent a shipment of grain to Yemen.")
    assert all(e["cameo"] != "072" for e in events)


@pytest.mark.parametrize(("text", "event", "actor", "recipient"), [
    ("Ghana and Togo held three rounds of talks in Accra.", "CONSULT", ["GHA", "TGO"], []),
    ("Brazil began a week of air drills near Venezuela.", "MOBILIZE", ["BRA"], ["VEN"]),
])
def test_a_stretch_of_an_activity_is_that_activity(pipeline: Pipeline, text: str, event: str,
                                                   actor: list[str],
                                                   recipient: list[str]) -> None:
    # 'held three rounds of talks': the support verb holds the talks through the measure
    events = code(pipeline, text)
    assert events, text
    assert events[0]["event"] == event
    assert events[0]["rule"].startswith("lexicon:")
    assert [a["code"][:3] for a in events[0]["actor"]] == actor
    assert [r["code"][:3] for r in events[0]["recipient"]] == recipient


def test_an_ordered_act_is_the_orderers_act(pipeline: Pipeline) -> None:
    events = code(pipeline, "The Bolivian president ordered the arrest of two Chilean "
                             "journalists.")
    assert [(e["event"], e["cameo"]) for e in events] == [("COERCE", "173")]
    assert events[0]["actor"][0]["code"] == "BOLGOV"
    # an order to someone to act is still a demand
    events = code(pipeline, "Bolivia ordered Chilean troops to leave the border area.")
    assert [e["event"] for e in events][:1] == ["REQUEST"]


def test_what_is_defied_is_no_event_of_its_own(pipeline: Pipeline) -> None:
    # 'a ban by the army' is what the paper defied: background, not a new ban
    events = code(pipeline, "A Kenyan newspaper defied a ban imposed by the Ugandan army.")
    assert [(e["event"], e["cameo"][:3]) for e in events] == [("REJECT", "128")]
    # a ban imposed is news
    events = code(pipeline, "The Ugandan army imposed a ban on the Kenyan newspaper.")
    assert events and events[0]["actor"][0]["code"] == "UGAMIL"
    assert events[0]["event"] != "REJECT"


def test_coordinated_objects_share_the_support_verb(pipeline: Pipeline) -> None:
    # 'air' is the verb's object, 'strikes' its conjunct: both are launched by the army
    events = code(pipeline, "The Chilean army launched air and artillery strikes on "
                            "Peruvian troops.")
    strikes = [e for e in events if e["trigger"]["text"] == "strikes"]
    assert [a["code"] for a in strikes[0]["actor"]] == ["CHLMIL"]
    assert [r["code"] for r in strikes[0]["recipient"]] == ["PERMIL"]

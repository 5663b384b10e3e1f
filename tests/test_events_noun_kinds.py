"""A noun trigger's modifiers say what kind of thing it is: a hunger strike, a general
strike, a workers' strike and going on strike are protests (CAMEO 143), not attacks."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "actor"), [
    ("Bolivian miners went on strike over unpaid wages.", "BOL"),
    ("The Colombian teachers' strike entered its third week.", "COL"),
    ("Nepalese transport unions began a general strike against fuel prices.", "NPL"),
    ("Jailed Egyptian activists are continuing a hunger strike in Cairo.", "EGY"),
])
def test_a_labour_or_hunger_strike_is_a_protest(pipeline: Pipeline, text: str,
                                                actor: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert (events[0]["event"], events[0]["cameo"]) == ("PROTEST", "143")
    assert events[0]["actor"][0]["code"][:3] == actor
    assert all(e["event"] != "ASSAULT" for e in events)


def test_a_military_strike_is_still_an_attack(pipeline: Pipeline) -> None:
    events = code(pipeline, "A Russian strike on Ukrainian positions killed four soldiers.")
    strike = next(e for e in events if e["trigger"]["text"] == "strike")
    assert strike["event"] == "ASSAULT"
    assert [r["code"][:3] for r in strike["recipient"]] == ["UKR"]


@pytest.mark.parametrize(("text", "recipient"), [
    ("Latvia announced a suspension of rail links with Belarus.", "BLR"),
    ("Sweden confirmed the suspension of development aid to Somalia.", "SOM"),
])
def test_a_suspension_of_ties_or_aid_reduces_relations(pipeline: Pipeline, text: str,
                                                       recipient: str) -> None:
    """The 'of' object says what is suspended: links, aid, talks (CAMEO 16)."""
    events = code(pipeline, text)
    top = max(events, key=lambda e: e["confidence"])
    assert top["event"] == "SANCTION" and top["cameo"].startswith("16"), events
    assert [r["code"][:3] for r in top["recipient"]] == [recipient]


def test_a_suspension_of_other_things_is_no_sanction(pipeline: Pipeline) -> None:
    events = code(pipeline, "Ecuador announced a suspension of classes in Quito after "
                            "the earthquake.")
    assert all(e["event"] != "SANCTION" for e in events), events


def test_evacuating_the_wounded_is_aid(pipeline: Pipeline) -> None:
    events = code(pipeline, "Turkish ambulances evacuated the wounded from the Syrian "
                            "border town.")
    assert [(e["event"], e["cameo"]) for e in events] == [("AID", "073")], events
    assert events[0]["actor"][0]["code"][:3] == "TUR"


@pytest.mark.parametrize(("text", "event", "actor"), [
    ("Georgian troops remained on high alert near the South Ossetian line.", "MOBILIZE",
     "GEO"),
    ("Jordanian police stayed on alert in Amman after the bombing.", "MOBILIZE", "JOR"),
    ("Zambian nurses remained on strike for a second month.", "PROTEST", "ZMB"),
])
def test_staying_on_alert_or_on_strike_is_the_subjects_act(pipeline: Pipeline, text: str,
                                                           event: str, actor: str) -> None:
    """'remained on alert': the subject of a verb of staying acts the state 'on' names."""
    events = code(pipeline, text)
    assert [e["event"] for e in events] == [event], events
    assert events[0]["actor"][0]["code"][:3] == actor


def test_a_participle_that_describes_a_noun_trigger_is_not_an_event(
        pipeline: Pipeline) -> None:
    # 'targeting' says what the sanctions do; 'adopted' lets the sanctions name their
    # actor.
    records = code(pipeline, "The European Union adopted new sanctions targeting "
                             "Belarusian potash exports.")
    assert [(r["event"], [a["code"] for a in r["actor"]],
             [x["code"] for x in r["recipient"]]) for r in records] == [
        ("SANCTION", ["IGOEUR"], ["BLR"])]


def test_a_states_protest_is_diplomatic(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Vietnam protested against the presence of Chinese survey "
                              "ships near its coast.")
    assert (event["event"], event["cameo"]) == ("ACCUSE", "111")
    # its people's protest is a demonstration
    records = code(pipeline, "Thousands of Vietnamese protested against the new tax.")
    assert [r["event"] for r in records] == ["PROTEST"]

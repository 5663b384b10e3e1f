"""'ready', 'willing' and 'prepared' to act: the subject's offer, coded as its intent to
act (AGREE, CAMEO 030) or, for a hostile act, its threat (THREATEN, 130); 'unable to'
asserts nothing. A name joined to '-member' describes a state, it is
not a second actor ('OPEC-member Nigeria')."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "actor"), [
    ("Peru is ready to send aid to Haiti.", "PER"),
    ("Egypt is prepared to reopen the Rafah crossing.", "EGY"),
    ("Norway said it was willing to mediate between Sudan and Chad.", "NOR"),
    ("Brazil is willing to send material to Paraguay.", "BRA"),
])
def test_an_offer_is_the_subject_s_intended_act(pipeline: Pipeline, text: str,
                                                actor: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert [a["code"][:3] for a in events[0]["actor"]] == [actor]
    assert events[0]["modality"] == "intended"
    assert (events[0]["event"], events[0]["cameo"]) == ("AGREE", "030")
    assert events[0]["rule"].startswith("offer:")


def test_a_hostile_offer_is_a_threat(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Azerbaijan is prepared to shell Armenian positions.")
    assert (event["event"], event["modality"]) == ("THREATEN", "threatened")
    assert [r["code"][:3] for r in event["recipient"]] == ["ARM"]


def test_unable_to_asserts_nothing(pipeline: Pipeline) -> None:
    assert code(pipeline, "Peru is unable to send troops to Haiti.") == []


def test_a_member_state_is_one_actor(pipeline: Pipeline) -> None:
    events = code(pipeline, "EU-member Hungary is willing to supply gas to Serbia.")
    assert events
    assert [a["code"][:3] for a in events[0]["actor"]] == ["HUN"]


def test_a_purpose_s_complement_names_the_recipient(pipeline: Pipeline) -> None:
    events = code(pipeline, "Norway sent engineers to help rebuild Haiti.")
    assert events
    assert [r["code"][:3] for r in events[0]["recipient"]] == ["HTI"]


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Iran vowed to attack Israel.", "IRN", "ISR"),
    ("Hamas pledged to fight Israel.", "PSE", "ISR"),
    ("France vowed to impose sanctions on Iran.", "FRA", "IRN"),
])
def test_a_promise_of_a_hostile_act_is_a_threat(pipeline: Pipeline, text: str, actor: str,
                                                recipient: str) -> None:
    (event,) = code(pipeline, text)
    assert (event["event"], event["cameo"], event["modality"]) == ("THREATEN", "130",
                                                                  "threatened")
    assert [a["code"][:3] for a in event["actor"]] == [actor]
    assert [r["code"][:3] for r in event["recipient"]] == [recipient]


@pytest.mark.parametrize("text", [
    "Russia pledged to send troops to Syria.",  # a deployment to an ally
    "Russia promised not to attack Ukraine.",  # a promise of restraint
    "Japan vowed to strengthen its alliance with Australia.",
])
def test_other_promises_stay_promises(pipeline: Pipeline, text: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert (events[0]["event"], events[0]["modality"]) == ("AGREE", "intended")


def test_a_vow_not_to_do_a_cooperative_act_is_a_refusal(pipeline: Pipeline) -> None:
    events = code(pipeline, "Chile vowed not to lift its blockade of the Bolivian port.")
    vow = [e for e in events if e["trigger"]["text"] == "vowed"]
    assert [(e["event"], e["cameo"], e["modality"]) for e in vow] == [
        ("REJECT", "120", "actual")]
    # a vow not to attack stays a promise
    events = code(pipeline, "Chile vowed not to attack Bolivia.")
    assert [e["event"] for e in events if e["trigger"]["text"] == "vowed"] == ["AGREE"]


def test_a_threatened_offensive_is_one_threat(pipeline: Pipeline) -> None:
    # the offensive is what is threatened, not a second event; the threat is aimed at
    # whom the offensive would be
    events = code(pipeline, "Chile threatened to launch a new offensive against Bolivian "
                            "rebels.")
    assert [e["event"] for e in events] == ["THREATEN"]
    assert [r["code"][:3] for r in events[0]["recipient"]] == ["BOL"]
    events = code(pipeline, "Chile warned it would launch a military operation in southern "
                            "Bolivia.")
    assert [e["event"] for e in events] == ["THREATEN"]
    assert events[0]["modality"] == "threatened"  # a warning of an attack threatens it
    assert [r["code"] for r in events[0]["recipient"]] == ["BOL"]

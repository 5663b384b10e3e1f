"""Statements (CAMEO 01): comments voiced, policy options weighed and accusations
rejected are statements, not the acts they talk about."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "cameo", "actor"), [
    ("The Icelandic premier voiced deep concern over whaling by Norway.", "012", "ISL"),
    ("Malaysia's trade minister voiced confidence about the palm oil talks.", "013", "MYS"),
    ("Senegal expressed skepticism about the Malian transition timetable.", "012", "SEN"),
    ("Austria is weighing stricter checks on its Slovenian border.", "014", "AUT"),
])
def test_voiced_and_weighed_are_statements(pipeline: Pipeline, text: str, cameo: str,
                                           actor: str) -> None:
    events = code(pipeline, text)
    assert [e["cameo"] for e in events] == [cameo], events
    assert events[0]["event"] is None
    assert [a["code"][:3] for a in events[0]["actor"]] == [actor]


def test_considering_an_act_is_not_the_act(pipeline: Pipeline) -> None:
    events = code(pipeline, "Uruguay is considering sending peacekeepers to Congo.")
    assert [e["cameo"] for e in events] == ["014"], events
    assert [a["code"][:3] for a in events[0]["actor"]] == ["URY"]


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Tanzania rejected Rwandan accusations of hosting rebel camps.", "TZA", "RWA"),
    ("Armenia dismissed Azerbaijani allegations of mining the border roads.", "ARM", "AZE"),
])
def test_rejected_accusation_is_a_denial(pipeline: Pipeline, text: str, actor: str,
                                         recipient: str) -> None:
    events = code(pipeline, text)
    top = max(events, key=lambda e: e["confidence"])
    assert top["cameo"] == "016" and top["modality"] == "denied", events
    assert [a["code"][:3] for a in top["actor"]] == [actor]
    assert [r["code"][:3] for r in top["recipient"]] == [recipient]


def test_rejected_accusation_keeps_its_content(pipeline: Pipeline) -> None:
    """The act the rejected accusation alleges is never coded as a fact."""
    events = code(pipeline, "Belarus rejected accusations that its guards had beaten "
                            "Polish journalists.")
    assert [(e["cameo"], e["modality"]) for e in events] == [("016", "denied")], events
    assert [r["code"][:3] for r in events[0]["recipient"]] == ["POL"]


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Serbia defended the Hungarian government's handling of the migrant crisis.", "SRB",
     "HUN"),
    ("Belarus defended the Russian president against Western criticism.", "BLR", "RUS"),
])
def test_defending_a_policy_or_a_leader_is_verbal_support(pipeline: Pipeline, text: str,
                                                          actor: str, recipient: str) -> None:
    top = max(code(pipeline, text), key=lambda e: e["confidence"])
    assert (top["event"], top["cameo"]) == ("SUPPORT", "052"), top
    assert [a["code"][:3] for a in top["actor"]] == [actor]
    assert [r["code"][:3] for r in top["recipient"]] == [recipient]


def test_troops_defending_a_town_is_no_verbal_support(pipeline: Pipeline) -> None:
    events = code(pipeline, "Armenian troops defended the village against Azerbaijani "
                            "assaults.")
    assert all(e["cameo"] != "052" for e in events), events


@pytest.mark.parametrize(("text", "cameo", "actor", "recipient"), [
    ("Ghana said it was sceptical about Togo's plan for a customs union.", "012", "GHA",
     "TGO"),
    ("Peru remains optimistic that Chile will sign the fisheries accord.", "013", "PER",
     "CHL"),
    ("Austria has long been critical of Hungary's treatment of judges.", "111", "AUT",
     "HUN"),
])
def test_a_predicate_adjective_is_a_statement_of_its_subject(
        pipeline: Pipeline, text: str, cameo: str, actor: str, recipient: str) -> None:
    (event,) = code(pipeline, text)
    assert event["cameo"] == cameo
    assert [a["code"][:3] for a in event["actor"]] == [actor]
    assert [r["code"][:3] for r in event["recipient"]] == [recipient]


def test_an_adjective_before_a_noun_describes_and_says_nothing(pipeline: Pipeline) -> None:
    events = code(pipeline, "A sceptical Ghanaian official read the Togolese statement.")
    assert all(e["trigger"]["text"] != "sceptical" for e in events)
    (event,) = code(pipeline, "Ghana is not optimistic about the talks with Togo.")
    assert event["negated"] is True

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

"""Verbs of going that name where the trip goes: 'left for Lima' is a visit to Peru."""

from __future__ import annotations

from dyads.pipeline import Pipeline

from .conftest import code


def test_leaving_for_a_capital_is_a_visit(pipeline: Pipeline) -> None:
    records = code(pipeline, "The Bolivian foreign minister left for Santiago on Monday.")
    visits = [r for r in records if r["event"] == "CONSULT"]
    assert [(r["cameo"], [a["code"][:3] for a in r["actor"]],
             [x["code"][:3] for x in r["recipient"]]) for r in visits] == [
        ("042", ["BOL"], ["CHL"])]


def test_leaving_a_place_for_a_purpose_is_no_visit(pipeline: Pipeline) -> None:
    # the object is the place left, and 'for' says why: no trip to anyone
    records = code(pipeline, "Chilean soldiers started leaving Bolivia for the planned "
                             "handover of the bases.")
    assert not [r for r in records if r["cameo"] == "042"]

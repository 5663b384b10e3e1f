"""Exercises, drills and war games: a show of force (CAMEO 150) by one state, military
cooperation (062) when forces of several states hold them together."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import cameos


@pytest.mark.parametrize("text", [
    "The Chilean and Peruvian navies began a joint naval exercise off Arica.",
    "Kenya, Uganda and Tanzania are participating in a naval exercise off Mombasa.",
    "The war games were staged by Egyptian and Sudanese forces.",
])
def test_drills_held_by_several_states_are_cooperation(pipeline: Pipeline,
                                                        text: str) -> None:
    assert cameos(pipeline, text) == ["062"]


@pytest.mark.parametrize("text", [
    "Russian forces held large military exercises near the Polish border.",
    "Chinese war games near Taiwan alarmed Japan.",
])
def test_drills_of_one_state_are_a_show_of_force(pipeline: Pipeline, text: str) -> None:
    assert cameos(pipeline, text) == ["150"]

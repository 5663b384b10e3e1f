"""Names misspelt as wire copy misspells them: a letter dropped or added, two swapped."""

from __future__ import annotations

import pytest

from dyads.actors.matcher import _one_edit
from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "actor"), [
    ("Somalai accused Kenya of meddling.", "SOM"),        # swapped letters
    ("Tanzaniia accused Kenya of meddling.", "TZA"),      # a letter added
    ("Venezula accused Guyana of provocations.", "VEN"),  # a letter dropped
    ("Quatar condemned the attack on Oman.", "QAT"),      # added, against a short name
    ("Ghanna accused Togo of meddling.", "GHA"),
])
def test_a_misspelt_state_is_read(pipeline: Pipeline, text: str, actor: str) -> None:
    events = code(pipeline, text)
    assert events and events[0]["actor"][0]["code"] == actor
    assert events[0]["actor"][0]["source"].startswith("dictionary")


@pytest.mark.parametrize("text", [
    "Somelia accused Kenya of meddling.",   # a letter replaced: may be another name
    "Tomalia accused Kenya of meddling.",   # first letter wrong
    "Somal accused Kenya of meddling.",     # shorter than six letters
])
def test_what_is_not_read(pipeline: Pipeline, text: str) -> None:
    actors = [a["code"] for e in code(pipeline, text) for a in e["actor"]]
    assert not any(a[:3] == "SOM" for a in actors)


def test_one_edit() -> None:
    assert _one_edit("Ethopia", "Ethiopia") and _one_edit("Quatar", "Qatar")
    assert _one_edit("Somalai", "Somalia")
    assert not _one_edit("Somelia", "Somalia")  # substitution
    assert not _one_edit("Somalia", "Somalia")
    assert not _one_edit("Sudanese", "Sudan")

"""The ConfliBERT class scorer reads a record's PentaClass as CAMEO codes it: an act only
intended is an intent (03) or a threat (13), a refused cooperative act a rejection (12)."""

from __future__ import annotations

import pytest

import dyads
from dyads.eval.sets import cameo_penta_class
from dyads.pipeline import Pipeline

CASES = [
    ("Chile released the two fishermen.", "released", 2),
    ("Chile will release the two fishermen.", "release", 1),
    ("Peru will not lift the embargo on Bolivia.", "lift", 3),
    ("Bolivia will shell the border posts of Peru.", "shell", 3),
    ("Peru shelled the border posts of Bolivia.", "shelled", 4),
]


@pytest.mark.parametrize(("text", "trigger", "penta"), CASES)
def test_penta_class_as_cameo_codes_the_record(pipeline: Pipeline, text: str, trigger: str,
                                               penta: int) -> None:
    events = [e for e in dyads.code_text(text, pipeline) if e.trigger.text == trigger]
    assert events, f"no event on {trigger!r} in {text!r}"
    assert cameo_penta_class(events[0]) == penta

"""The ConfliBERT class scorer reads a record's PentaClass as CAMEO codes it: an act only
intended is an intent (03) or a threat (13), a refused cooperative act a rejection (12)."""

from __future__ import annotations

import pytest

import dyads
from dyads.eval.sets import cameo_penta_class, main_event, top_event
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


def test_the_main_event_is_the_one_stated_first(pipeline: Pipeline) -> None:
    # the news is the recall; the shelling, though more surely coded, is its cause
    events = dyads.code_text("Peru recalled its ambassador after Chilean troops shelled a "
                             "Peruvian border post.", pipeline)
    assert [e.trigger.text for e in events] == ["recalled", "shelled"]
    assert top_event(events).trigger.text == "shelled"  # type: ignore[union-attr]
    assert main_event(events).trigger.text == "recalled"  # type: ignore[union-attr]
    assert main_event([]) is None and top_event([]) is None

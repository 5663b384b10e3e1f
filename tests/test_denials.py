"""A denial is one statement with modality 'denied'; what it denies is never coded as
an event that happened."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("Azerbaijan denied that its soldiers had shelled Armenian border posts.", "AZE", "ARM"),
    ("Serbia denied that its police had arrested Kosovo customs officers.", "SRB", "XKX"),
    ("Turkey denied bombing Kurdish villages in northern Iraq.", "TUR", "IRQ"),
])
def test_denied_act_is_the_denial_not_a_fact(pipeline: Pipeline, text: str, actor: str,
                                             recipient: str) -> None:
    events = code(pipeline, text)
    assert [e["modality"] for e in events] == ["denied"], events
    (event,) = events
    assert event["cameo"] == "016" and event["event"] is None
    assert [a["code"][:3] for a in event["actor"]] == [actor]
    assert [r["code"][:3] for r in event["recipient"]] == [recipient]


"""What a demand asks for is not a second event: the 'that' clause of a trigger whose
entry reads its recipient from a clausal complement is governed by it, as a control
verb's 'to' complement is; a text's participle speaks for whoever issues the text."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "cameo", "actor", "recipient"), [
    ("Norway demanded that Sweden lift the embargo on fishing boats.", "100", "NOR", "SWE"),
    ("Chile renewed its demand that Argentina withdraw troops from the border.",
     "100", "CHL", "ARG"),
    ("Peru urged that Bolivia release the detained fishermen and reopen the port.",
     "020", "PER", "BOL"),
])
def test_the_content_of_a_demand_is_not_its_own_event(pipeline: Pipeline, text: str,
                                                      cameo: str, actor: str,
                                                      recipient: str) -> None:
    events = code(pipeline, text)
    assert [(e["cameo"], [a["code"][:3] for a in e["actor"]],
             [r["code"][:3] for r in e["recipient"]]) for e in events] == \
        [(cameo, [actor], [recipient])]
    assert events[0]["modality"] == "requested"


def test_a_statement_speaks_for_whoever_issues_it(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The Danish government issued a statement urging Iceland "
                              "to resume whaling talks.")
    assert event["event"] == "REQUEST"
    assert event["actor"][0]["code"] == "DNKGOV"
    assert event["recipient"][0]["code"] == "ISL"


def test_a_blocked_resolution_is_not_the_blocker_s_demand(pipeline: Pipeline) -> None:
    events = code(pipeline, "Finland vetoed a resolution demanding that Estonia "
                            "reopen its consulate.")
    assert all(e["event"] != "REQUEST" for e in events)

"""National bodies named by their own name code as their state with a sector."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("The FBI arrested two Russian nationals in Ohio on Tuesday.", "USACOP", "RUS"),
    ("The Knesset condemned the Iranian missile launches.", "ISRLEG", "IRN"),
    ("The Tatmadaw shelled villages held by Karen rebels.", "MMRMIL", None),
    ("Xinhua criticised the Philippine coast guard over the collision.", "CHNMED", "PHL"),
])
def test_agencies_code_their_state_and_sector(pipeline: Pipeline, text: str, actor: str,
                                              recipient: str | None) -> None:
    events = code(pipeline, text)
    assert events, text
    assert [a["code"] for a in events[0]["actor"]] == [actor]
    if recipient is not None:
        assert [r["code"][:3] for r in events[0]["recipient"]] == [recipient]

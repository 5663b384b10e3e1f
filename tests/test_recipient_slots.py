"""Recipients found beyond the verb's own object: a 'that' clause's subject, a
complement's object, and the maker of a rejected offer."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code

CASES = [
    ("Kenya demanded that Uganda withdraw its troops from the border.", "KEN", "UGA"),
    ("Peru threatened to impose tariffs on Chilean wine.", "PER", "CHL"),
    ("Norway refused to send troops to Mali.", "NOR", "MLI"),
    ("India rejected an offer from Nepal.", "IND", "NPL"),
    ("Serbian farmers demonstrated in Croatia on Monday.", "SRB", "HRV"),
    ("Peru threatened to close the border unless Bolivia paid its debts.", "PER", "BOL"),
    ("Kenya demanded an apology from Somalia.", "KEN", "SOM"),
    # The complement is a trigger of its own ('deploy'), whose frame names no recipient.
    ("Norway refused to deploy engineers in Mali.", "NOR", "MLI"),
]


@pytest.mark.parametrize(("text", "actor", "recipient"), CASES)
def test_recipient(pipeline: Pipeline, text: str, actor: str, recipient: str) -> None:
    records = code(pipeline, text)
    assert records, text
    first = records[0]
    assert [a["code"][:3] for a in first["actor"]] == [actor]
    assert [r["code"][:3] for r in first["recipient"]] == [recipient]

"""Sectors from agent words: who in a state acted."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code

CASES = [
    ("Israeli lawmakers condemned the decision by Poland.", "ISRLEG"),
    ("Syrian refugees protested against Lebanon.", "SYRREF"),
    ("Turkish journalists criticised Greece.", "TURJRN"),
    ("Pakistani judges rejected the appeal from India.", "PAKJUD"),
    ("Iranian clerics condemned Sweden.", "IRNREL"),
    ("Chinese businessmen signed a deal with Kenya.", "CHNBUS"),
    ("Armenian separatists attacked Azerbaijani positions.", "ARMREB"),
    ("Ukrainian diplomats met Polish officials.", "UKRGOV"),
]


@pytest.mark.parametrize(("text", "actor"), CASES)
def test_agent_word_gives_the_sector(pipeline: Pipeline, text: str, actor: str) -> None:
    records = code(pipeline, text)
    assert records, text
    assert [a["code"] for a in records[0]["actor"]] == [actor]

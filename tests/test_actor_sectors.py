"""Sectors from agent words: who in a state acted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

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


def test_an_agent_phrase_may_end_in_an_of_phrase(pipeline: Pipeline, tmp_path: Path) -> None:
    # An agent file may list 'X of Y' titles ('Minister of Fisheries'): the head noun with
    # its 'of' phrase, before the head noun alone ('ministry' is GOV).
    agents = tmp_path / "agents.jsonl"
    agents.write_text('{"word": "ministry of fisheries", "sector": "AGR"}\n',
                      encoding="utf-8")
    settings = replace(pipeline.settings, agents=(str(agents),))
    local = Pipeline(settings, nlp=pipeline.nlp)
    records = code(local, "The Peruvian Ministry of Fisheries condemned Chile on Monday.")
    assert [a["code"] for a in records[0]["actor"]] == ["PERAGR"]

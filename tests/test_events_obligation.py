"""'X said Y must do Z' is X's demand of Y, not Z coded as Y's act: a modal of obligation
in reported speech makes the speaker's verb a REQUEST aimed at the clause's subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.errors import DataError
from dyads.events.lexicon import load_cues
from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "cameo", "actor", "recipient"), [
    ("Norway said Sweden must lift the embargo on fishing boats.", "100", "NOR", "SWE"),
    ("Canada declared that Cuba must release the prisoners or face sanctions.",
     "100", "CAN", "CUB"),
    ("The Peruvian foreign minister insisted that Chile should withdraw its ambassador.",
     "020", "PER", "CHL"),
    ("Kenya told Uganda it must reopen the border.", "100", "KEN", "UGA"),
])
def test_a_reported_obligation_is_the_speaker_s_demand(pipeline: Pipeline, text: str,
                                                       cameo: str, actor: str,
                                                       recipient: str) -> None:
    events = code(pipeline, text)
    assert [(e["event"], e["cameo"], [a["code"][:3] for a in e["actor"]],
             [r["code"][:3] for r in e["recipient"]]) for e in events] == \
        [("REQUEST", cameo, [actor], [recipient])]
    assert events[0]["modality"] == "requested"
    assert events[0]["rule"].startswith("cue:obligation.")


@pytest.mark.parametrize(("text", "cameo", "actor", "recipient"), [
    ("The Kenyan president issued a sharp reminder to Uganda that it must reopen the border.",
     "100", "KEN", "UGA"),
    ("Chile sent Peru a message that it must release the fishermen.", "100", "CHL", "PER"),
    ("Norway sent a note to Sweden that Swedish trawlers should leave its waters.",
     "020", "NOR", "SWE"),
])
def test_a_noun_of_speech_says_the_obligation_too(pipeline: Pipeline, text: str, cameo: str,
                                                 actor: str, recipient: str) -> None:
    events = code(pipeline, text)
    assert [(e["event"], e["cameo"], [a["code"][:3] for a in e["actor"]],
             [r["code"][:3] for r in e["recipient"]], e["modality"]) for e in events] == \
        [("REQUEST", cameo, [actor], [recipient], "requested")]


def test_who_receives_a_message_demands_nothing(pipeline: Pipeline) -> None:
    events = code(pipeline, "Brazil received a message that Chile must pay the debt.")
    assert all(e["event"] != "REQUEST" for e in events)


def test_the_speaker_s_own_duty_is_no_demand(pipeline: Pipeline) -> None:
    events = code(pipeline, "Israel said it must defend its borders.")
    assert all(e["event"] != "REQUEST" for e in events)


def test_a_plain_report_is_no_demand(pipeline: Pipeline) -> None:
    events = code(pipeline, "Norway said Sweden lifted the embargo on fishing boats.")
    assert all(e["event"] != "REQUEST" for e in events)


def test_obligation_cues_name_a_cameo_code() -> None:
    assert load_cues().obligations == {"must": "100", "should": "020"}


def test_an_obligation_without_a_cameo_code_fails(tmp_path: Path) -> None:
    bad = tmp_path / "cues.jsonl"
    bad.write_text('{"kind": "obligation", "text": "must"}\n', encoding="utf-8")
    with pytest.raises(DataError, match="CAMEO"):
        load_cues(bad)

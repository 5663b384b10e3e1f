"""The first coder on plain sentences written for these tests."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code

# (sentence, PLOVER category, CAMEO root, actor codes, recipient codes)
PLAIN = [
    ("Israel supplied Azerbaijan with artillery.", "AID", "07", ["ISR"], ["AZE"]),
    ("Israel supplied artillery to Azerbaijan.", "AID", "07", ["ISR"], ["AZE"]),
    ("Drones were provided to Azerbaijan by Israel.", "AID", "07", ["ISR"], ["AZE"]),
    ("Russia attacked Ukraine.", "ASSAULT", "19", ["RUS"], ["UKR"]),
    ("Ukraine was attacked by Russia.", "ASSAULT", "19", ["RUS"], ["UKR"]),
    ("Turkish forces launched an offensive against Syria.", "ASSAULT", "19", ["TURMIL"],
     ["SYR"]),
    ("Armenia accused Azerbaijan of war crimes.", "ACCUSE", "11", ["ARM"], ["AZE"]),
    ("France imposed sanctions on Iran.", "SANCTION", "16", ["FRA"], ["IRN"]),
    ("The Egyptian president met the Ethiopian prime minister.", "CONSULT", "04",
     ["EGYGOV"], ["ETHGOV"]),
    ("Kenya called on Somalia to release the prisoners.", "REQUEST", None, ["KEN"], ["SOM"]),
    ("Japan praised India for its restraint.", "SUPPORT", "05", ["JPN"], ["IND"]),
    ("China threatened Taiwan's allies with sanctions.", "THREATEN", "13", ["CHN"], []),
    ("Serbia rejected the proposal from Kosovo.", "REJECT", "12", ["SRB"], []),
    ("Brazil and Argentina signed a trade agreement.", "SUPPORT", "05", ["ARG", "BRA"], []),
]


@pytest.mark.parametrize(("text", "category", "root", "actors", "recipients"), PLAIN)
def test_plain_sentence(pipeline: Pipeline, text: str, category: str, root: str | None,
                        actors: list[str], recipients: list[str]) -> None:
    events = code(pipeline, text)
    assert events, f"no event for {text!r}"
    event = events[0]
    assert event["event"] == category, event
    if root is not None:
        assert event["cameo"].startswith(root), event
    assert sorted(a["code"] for a in event["actor"]) == sorted(actors), event
    if recipients:
        assert sorted(r["code"] for r in event["recipient"]) == sorted(recipients), event


def test_no_event_in_a_sentence_without_one(pipeline: Pipeline) -> None:
    assert code(pipeline, "The weather in Paris was mild on Sunday.") == []


def test_negation(pipeline: Pipeline) -> None:
    event = code(pipeline, "Azerbaijan did not attack Armenia.")[0]
    assert event["negated"] is True
    assert code(pipeline, "Azerbaijan attacked Armenia.")[0]["negated"] is False


def test_threat_keeps_the_complement_recipient(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia threatened to attack Ukraine.")
    assert len(events) == 1
    assert events[0]["event"] == "THREATEN"
    assert events[0]["modality"] == "threatened"
    assert [r["code"] for r in events[0]["recipient"]] == ["UKR"]


def test_hedge_and_attribution(pipeline: Pipeline) -> None:
    hedged = code(pipeline, "Iran reportedly supplied drones to Russia.")[0]
    assert hedged["hedged"] is True and hedged["attribution"] is None
    text = "According to insiders, Israel supplied Azerbaijan with drones."
    attributed = code(pipeline, text)[0]
    assert attributed["hedged"] is True
    span = attributed["attribution"]
    assert text[span["start"]:span["end"]] == "According to insiders"
    plain = code(pipeline, "Israel supplied Azerbaijan with drones.")[0]
    assert plain["hedged"] is False and plain["attribution"] is None


def test_reported_speech_is_attributed_to_the_speaker(pipeline: Pipeline) -> None:
    text = "Armenia said Azerbaijan attacked Armenian villages."
    events = [e for e in code(pipeline, text) if e["event"] == "ASSAULT"]
    assert [a["code"] for a in events[0]["actor"]] == ["AZE"]
    span = events[0]["attribution"]
    assert text[span["start"]:span["end"]] == "Armenia"


def test_no_date_when_the_sentence_has_none(pipeline: Pipeline) -> None:
    # Record schema 1.5: the publication date is no longer copied in as a default.
    event = code(pipeline, "Russia attacked Ukraine.", pub_date="2022-02-24")[0]
    assert event["date"] is None


def test_every_record_names_its_rule_and_offsets(pipeline: Pipeline) -> None:
    text = "Peace talks resumed.\n\nThe Turkish army shelled Syrian positions on Monday."
    events = code(pipeline, text)
    assert events
    for event in events:
        assert event["rule"].startswith("lexicon:")
        trig = event["trigger"]
        assert text[trig["start"]:trig["end"]] == trig["text"]
        for entity in event["actor"] + event["recipient"]:
            assert text[entity["start"]:entity["end"]] == entity["entity_text"]
        info = event["text_info"]
        assert text[info["start"]:info["end"]] == event["text"]


def test_an_event_in_a_modifier_of_a_place_or_occasion_is_background(
        pipeline: Pipeline) -> None:
    records = code(pipeline, "Chilean diplomats held talks with the Peruvian president at a "
                             "dinner hosted by the Bolivian ambassador.")
    confidence = {r["trigger"]["text"]: r["confidence"] for r in records}
    assert confidence["hosted"] < confidence["talks"]


def test_guilty_of_and_responsible_for_lay_the_act_on_the_subject(pipeline: Pipeline) -> None:
    events = code(pipeline, "Chad and Sudan were guilty of violating the border truce.")
    assert [a["code"] for a in events[0]["actor"]] == ["TCD", "SDN"]
    assert events[0]["cameo"] == "196"  # violate a ceasefire
    events = code(pipeline, "Chadian rebels are responsible for the killing of 12 Sudanese "
                            "villagers.")
    assert events[0]["event"] == "ASSAULT"
    assert [a["code"] for a in events[0]["actor"]] == ["TCDREB"]


def test_an_acronym_tagged_as_an_adverb_is_still_the_subject(pipeline: Pipeline) -> None:
    # the tagger reads 'USAID' as an adverb; a word in capitals is a name
    events = code(pipeline, "USAID provided emergency shelter to flood victims in Haiti.")
    assert [a["code"] for a in events[0]["actor"]] == ["USAGOV"]


def test_a_trigger_word_in_a_bodys_name_is_no_event(pipeline: Pipeline) -> None:
    # 'Aid' names the charity, it is not an aid event of its own
    events = code(pipeline, "The Chilean charity Andes Mountain Aid has been delivering "
                            "food to Bolivian villagers.")
    assert [e["trigger"]["text"] for e in events] == ["delivering"]

"""An attack's outcome told by a participle ('..., killing eight') is part of that attack:
one event carrying its toll, not a second attack (the duplicate counts GDELT is known
for). Other participles stay events of their own."""

from __future__ import annotations

from dyads.pipeline import Pipeline

from .conftest import code


def test_a_killing_that_follows_a_strike_is_its_toll(pipeline: Pipeline) -> None:
    records = code(pipeline, "Russian missiles hit a market in Kharkiv, killing eight "
                             "civilians.")
    assert len(records) == 1
    (event,) = records
    assert event["trigger"]["text"] == "hit"
    assert event["id"].endswith(":0")
    assert [(q["kind"], q["value"]) for q in event["quantities"]] == [("dead", 8.0)]


def test_a_riot_that_sets_fire_is_one_protest(pipeline: Pipeline) -> None:
    records = code(pipeline, "Chilean students rioted over fees, setting fire to two "
                             "buses.")
    assert [r["event"] for r in records] == ["PROTEST"]


def test_a_participle_of_another_kind_is_its_own_event(pipeline: Pipeline) -> None:
    records = code(pipeline, "Kenya recalled its ambassador, accusing Somalia of "
                             "meddling.")
    assert sorted(r["event"] for r in records) == ["ACCUSE", "SANCTION"]
    assert sorted(r["id"] for r in records) == [records[0]["id"][:-1] + "0",
                                                records[0]["id"][:-1] + "1"]


def test_a_meeting_held_to_discuss_is_one_meeting(pipeline: Pipeline) -> None:
    records = code(pipeline, "Peru's president met his Chilean counterpart to discuss "
                             "border security.")
    assert [(r["event"], r["trigger"]["text"]) for r in records] == [("CONSULT", "met")]

"""A party that claims its own hostile act claims responsibility for it (CAMEO 015); the
act is still coded, and a claim about another party's act is no claim of responsibility."""

from __future__ import annotations

from dyads.pipeline import Pipeline

from .conftest import code


def test_claiming_ones_own_attack_claims_responsibility(pipeline: Pipeline) -> None:
    events = code(pipeline, "The Chilean rebels claimed that they had attacked a Peruvian "
                            "army post.")
    assert [e["cameo"] for e in events] == ["015", "190"]
    claim = events[0]
    assert claim["actor"][0]["code"] == "CHLREB"  # type: ignore[index]
    assert claim["recipient"][0]["code"] == "PERMIL"  # type: ignore[index]


def test_without_that(pipeline: Pipeline) -> None:
    events = code(pipeline, "Kenyan officials claimed they had shelled two rebel camps.")
    assert events[0]["cameo"] == "015"


def test_a_claim_about_someone_elses_act_is_not_one(pipeline: Pipeline) -> None:
    events = code(pipeline, "Kenya claimed that Somali militants had attacked the border "
                            "post.")
    assert "015" not in [e["cameo"] for e in events]


def test_a_claimed_meeting_is_not_a_claim_of_responsibility(pipeline: Pipeline) -> None:
    events = code(pipeline, "The Chilean rebels claimed that they had met the president.")
    assert "015" not in [e["cameo"] for e in events]

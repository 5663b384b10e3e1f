"""How words compose into one actor: a people qualified by a state, an office holder with
a title, an ambassador 'to' another state, compound actors."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


def _actors(pipeline: Pipeline, text: str) -> list[list[str]]:
    return [[a["code"] for a in r["actor"]] for r in code(pipeline, text, "2024-05-02")]


def test_people_qualified_by_a_state_are_that_state(pipeline: Pipeline) -> None:
    assert _actors(pipeline, "Bosnian Croats accused Serbia of interference.")[0] == ["BIH"]


def test_ambassador_to_another_state_is_his_own_states(pipeline: Pipeline) -> None:
    got = code(pipeline, "The Armenian ambassador to Israel condemned the drone sales.",
               "2024-05-02")
    assert [a["code"] for a in got[0]["actor"]] == ["ARMGOV"]


def test_compound_actors_are_two(pipeline: Pipeline) -> None:
    assert _actors(pipeline, "Hungarian and Romanian officials signed a water treaty.")[0] \
        == ["HUNGOV", "ROUGOV"]


def test_office_holder_by_date(pipeline: Pipeline) -> None:
    # Shipped office holders: a head of government known by name alone.
    got = _actors(pipeline, "Nikol Pashinyan accused Azerbaijan of shelling Jermuk.")
    assert got[0] == ["ARMGOV"]


def test_stance_adjectives_are_not_actors(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("The pro-Russian militia and anti-Turkish protesters met Greek police.")
    found = [doc[m.start:m.end].text for m in pipeline.matcher(doc)]
    assert found == ["Greek"]


def test_generic_groups_are_kept_as_regional_actors(pipeline: Pipeline) -> None:
    assert _actors(pipeline, "Western governments condemned the coup in Niger.")[0] \
        == ["WSTGOV"]
    assert _actors(pipeline, "European diplomats met Iranian officials in Vienna.")[0] \
        == ["EURGOV"]


def test_a_capital_after_an_agent_noun_is_the_government(pipeline: Pipeline) -> None:
    got = code(pipeline, "Officials in Yerevan accused Azerbaijan of shelling Jermuk.")
    assert [a["code"] for a in got[0]["actor"]] == ["ARMGOV"]
    assert [a["code"] for a in got[0]["recipient"]] == ["AZE"]


def test_an_ethnic_group_is_coded_where_it_lives(pipeline: Pipeline) -> None:
    got = code(pipeline, "Ethnic Armenians in Azerbaijan protested against the blockade.")
    assert [(a["code"], a["sector"]) for a in got[0]["actor"]] == [("AZECVL", "CVL")]
    got = code(pipeline, "Serb forces killed three ethnic Albanians in southern Serbia.")
    assert [a["code"] for a in got[0]["recipient"]] == ["SRBCVL"]


def test_capitals_stand_for_governments(pipeline: Pipeline) -> None:
    got = code(pipeline, "Baku rejected an offer from Yerevan.")
    assert [a["code"] for a in got[0]["actor"]] == ["AZEGOV"]
    assert [a["code"] for a in got[0]["recipient"]] == ["ARMGOV"]


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("The Kremlin condemned the Finnish border closure.", "RUSGOV", "FIN"),
    ("Downing Street rejected a Spanish proposal on Gibraltar.", "GBRGOV", "ESP"),
    ("Cuba accused the White House of tightening the embargo.", "CUB", "USAGOV"),
])
def test_seats_of_government_stand_for_governments(pipeline: Pipeline, text: str, actor: str,
                                                   recipient: str) -> None:
    got = max(code(pipeline, text), key=lambda e: e["confidence"])
    assert [a["code"] for a in got["actor"]] == [actor]
    assert next(a["code"] for a in got["recipient"]).startswith(recipient)


def test_breakaway_capital_is_its_government(pipeline: Pipeline) -> None:
    got = code(pipeline, "Tiraspol accused Moldova of blocking the border.")
    assert [(a["code"], a["sector"]) for a in got[0]["actor"]] == [("MDATRN", "GOV")]


def test_older_names_of_states(pipeline: Pipeline) -> None:
    got = code(pipeline, "Vietnamese forces shelled Kampuchean guerrilla camps.")
    assert [a["code"][:3] for a in got[0]["recipient"]] == ["KHM"]


def test_an_institution_modifier_decides_the_sector(pipeline: Pipeline) -> None:
    got = code(pipeline, "Turkish army officers detained two Syrian police officers.")
    assert [a["code"] for a in got[0]["actor"]] == ["TURMIL"]
    assert [a["code"] for a in got[0]["recipient"]] == ["SYRCOP"]

"""Relations stated without an event: supply shares, dependence, suppliers and stances."""

from __future__ import annotations

from pathlib import Path

import pytest

import dyads
from dyads.errors import DataError
from dyads.models import DocumentResult
from dyads.pipeline import Pipeline, cached_pipeline
from dyads.relations import Stance, SupplyRelation, load_relation_words, share_of
from dyads.settings import Settings
from dyads.system import build_system


@pytest.fixture(scope="module")
def relating() -> Pipeline:
    return cached_pipeline(Settings(relations=True))


def _relations(pipeline: Pipeline, text: str) -> list[SupplyRelation | Stance]:
    found: list[SupplyRelation | Stance] = []
    for result in dyads.code_texts([text], pipeline):
        if isinstance(result, DocumentResult):
            found.extend(result.relations)
    return found


def _supplies(pipeline: Pipeline, text: str) -> set[tuple[str, str, str, str | None,
                                                         float | None]]:
    return {(r.supplier.country or r.supplier.code, r.recipient.country or r.recipient.code,
             r.commodity, r.category, r.share)
            for r in _relations(pipeline, text) if isinstance(r, SupplyRelation)}


def _stances(pipeline: Pipeline, text: str) -> set[tuple[str, str, str, bool]]:
    return {(r.kind, r.holder.code, r.other.code, r.mutual)
            for r in _relations(pipeline, text) if isinstance(r, Stance)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Moldova depends on Romania for 90% of its electricity.",
     ("ROU", "MDA", "electricity", None, 90.0)),
    ("Lebanon relies on Turkey for much of its wheat.",
     ("TUR", "LBN", "food", "grain", None)),
    ("Hungary remains heavily dependent on Russian gas.",
     ("RUS", "HUN", "gas", None, None)),
    ("From 2015 to 2019, nearly 60% of Nigeria's military equipment came from China.",
     ("CHN", "NGA", "arms", None, 60.0)),
    ("French warplanes made up about 40 percent of Egypt's arms imports.",
     ("FRA", "EGY", "arms", "aircraft", 40.0)),
    ("Canada accounted for two-thirds of America's crude imports.",
     ("CAN", "USA", "oil", None, 66.7)),
    ("Russia is Armenia's main arms supplier.", ("RUS", "ARM", "arms", None, None)),
    ("Norway has become the largest supplier of gas to Germany.",
     ("NOR", "DEU", "gas", None, None)),
])
def test_supply_relations(relating: Pipeline, text: str,
                          expected: tuple[str, str, str, str | None, float | None]) -> None:
    assert expected in _supplies(relating, text)


@pytest.mark.parametrize("text", [
    "Moldova depends on its farmers.",                       # no goods, no supplier
    "The deal depends on Romania.",                           # no goods
    "Russia made a proposal to Armenia.",                    # 'made' with no share
    "Chile's copper came from its own mines.",              # no supplier named
])
def test_no_supply_relation(relating: Pipeline, text: str) -> None:
    assert _supplies(relating, text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Serbia is Russia's closest ally in the Balkans.", ("alliance", "RUS", "SRB", True)),
    ("Algeria and Morocco are bitter rivals.", ("rivalry", "DZA", "MAR", True)),
    ("Pakistan, an ally of China, signed the pact.", ("alliance", "CHN", "PAK", True)),
    ("Saudi Arabia regards Iran as its main enemy.", ("rivalry", "SAU", "IRN", False)),
    ("India sees France as a partner against China.", ("alliance", "IND", "FRA", False)),
    ("India sees France as a partner against China.", ("rivalry", "IND", "CHN", False)),
    ("Greece bought frigates to deter Turkey, which it regards as its main rival.",
     ("rivalry", "GRC", "TUR", False)),
])
def test_stances(relating: Pipeline, text: str, expected: tuple[str, str, str, bool]) -> None:
    assert expected in _stances(relating, text)


def test_relations_are_hedged_and_never_events(relating: Pipeline) -> None:
    text = "Qatar reportedly depends on Iran for 30% of its gas."
    relations = _relations(relating, text)
    assert relations and all(r.hedged for r in relations)
    assert all(e.rule.split(":")[0] != "relation" for e in dyads.code_text(text, relating))


def test_relations_only_with_the_setting(pipeline: Pipeline) -> None:
    assert _relations(pipeline, "Moldova depends on Romania for 90% of its power.") == []


def test_relations_reach_the_system_with_sentence_evidence(relating: Pipeline) -> None:
    text = ("Sudan and Chad are rivals.\n\nChad buys most of its fuel from Sudan. "
            "Chad depends on Sudan for 70% of its fuel.")
    events, relations = [], []
    for result in dyads.code_texts([text], relating):
        if isinstance(result, DocumentResult):
            events.extend(result.events)
            relations.extend(result.relations)
    system = build_system(events, relations=relations)
    shares = {(f.supplier, f.recipient, f.commodity, f.share): f.evidence
              for f in system.flows}
    assert shares[("SDN", "TCD", "oil", 70.0)] == ("1:2",)  # sentence 2 of document 1
    assert [(s.holder, s.other, s.kind, s.mutual) for s in system.stances] == [
        ("SDN", "TCD", "rivalry", True)]


def test_share_words() -> None:
    assert share_of("as much as 70 per cent of its arms") == 70.0
    assert share_of("roughly 12.5% of imports") == 12.5
    assert share_of("half of its grain") == 50.0
    assert share_of("most of its grain") is None


def test_relation_words_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "relations.jsonl"
    bad.write_text('{"kind": "stance", "stance": "friendship", "lemmas": ["pal"]}\n',
                   encoding="utf-8")
    with pytest.raises(DataError, match=r"relations.jsonl:1: stance 'friendship' is not one"):
        load_relation_words(bad)

"""The project's own articles with their expected systems, coded and scored under pytest
on every machine (they ship with dyads): each headline figure must stay at or above its
floor in floors.json, and the gold file itself must be well formed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.datafiles import data_path
from dyads.errors import DataError
from dyads.eval.project_system import read_systems
from dyads.pipeline import Pipeline

from .conftest import assert_shipped_set_holds_its_floors

COMMODITIES = {"arms", "oil", "gas", "coal", "electricity", "nuclear fuel", "food", "money",
               "humanitarian aid", "technology", "aid"}


def _known_codes() -> set[str]:
    codes: set[str] = set()
    for name in ("countries.jsonl", "organisations.jsonl", "territories.jsonl"):
        for line in data_path("actors", name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//"):
                codes.add(json.loads(line)["code"])
    return codes


def test_project_system_figures_hold_their_floors(pipeline: Pipeline) -> None:
    assert_shipped_set_holds_its_floors("project_system", pipeline)


def test_gold_systems_are_well_formed() -> None:
    articles = read_systems()
    assert len(articles) >= 10
    known = _known_codes()
    assert sum(len(a.flows) for a in articles) >= 30
    assert any(f.share is not None for a in articles for f in a.flows)
    assert any(f.period and "/" in f.period for a in articles for f in a.flows)
    assert any(f.hedged for a in articles for f in a.flows)
    assert sum(len(a.stances) for a in articles) >= 10
    for article in articles:
        assert article.text.count("\n\n") >= 2, article.id  # headline and paragraphs
        for flow in article.flows:
            assert {flow.supplier, flow.recipient} <= known, (article.id, flow)
            assert flow.commodity in COMMODITIES, (article.id, flow)
        for holder, other, kind in article.stances:
            assert {holder, other} <= known and kind.rstrip("~") in ("alliance", "rivalry")
        for source, target, _ in article.dyads:
            assert {source, target} <= known, article.id


def test_a_malformed_gold_system_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "systems.jsonl"
    bad.write_text(json.dumps({"id": "x", "pub_date": "2024-01-01", "text": "t",
                               "flows": [{"supplier": "AZE", "recipient": "ARM",
                                          "commodity": "arms", "amount": 3}]}) + "\n",
                   encoding="utf-8")
    with pytest.raises(DataError, match=r"systems.jsonl:1: malformed expected system"):
        read_systems(bad)


def test_periods_compare_at_the_coarser_precision() -> None:
    from dyads.eval.project_system import same_period

    assert same_period("2019/2024", "2019-03-14/2024-03-14")
    assert same_period("2023", "2023-05-02")
    assert same_period(None, None)
    assert not same_period("2016/2020", "2016/2021")
    assert not same_period("2023", None)
    assert not same_period("2023", "2023-05-02/2024-01-01")

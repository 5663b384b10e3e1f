"""The project's own gold sentences, coded and scored under pytest on every machine (they
ship with dyads; the public benchmarks are not needed): each headline figure must stay at
or above its floor in floors.json."""

from __future__ import annotations

from dyads.eval.gate import check, load_floors
from dyads.eval.project_gold import level, read_gold
from dyads.eval.sets import evaluate
from dyads.pipeline import Pipeline

from .conftest import ROOT


def test_project_gold_figures_hold_their_floors(pipeline: Pipeline) -> None:
    results = evaluate(["project_gold"], pipeline.settings, pipeline=pipeline,
                       baselines=False)
    floors = load_floors(ROOT / "floors.json")
    headline = [f.key for f in results[0].figures if f.headline]
    missing = [k for k in headline if f"project_gold/{k}" not in floors.floors]
    assert not missing, f"no floor for {missing}"
    failures = check(results, floors)
    assert not failures, "\n".join(f.message() for f in failures)


def test_gold_items_read_with_their_events() -> None:
    items = read_gold()
    assert len(items) >= 300
    assert any(not item.events for item in items)
    assert level("IGOUNO") == "IGOUNO" and level("SYRREB") == "SYR"

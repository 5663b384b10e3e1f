"""The project's own gold sentences, coded and scored under pytest on every machine (they
ship with dyads; the public benchmarks are not needed): each headline figure must stay at
or above its floor in floors.json."""

from __future__ import annotations

from dyads.eval.project_gold import level, read_gold
from dyads.pipeline import Pipeline

from .conftest import assert_shipped_set_holds_its_floors


def test_project_gold_figures_hold_their_floors(pipeline: Pipeline) -> None:
    assert_shipped_set_holds_its_floors("project_gold", pipeline)


def test_gold_items_read_with_their_events() -> None:
    items = read_gold()
    assert len(items) >= 300
    assert any(not item.events for item in items)
    assert level("IGOUNO") == "IGOUNO" and level("SYRREB") == "SYR"

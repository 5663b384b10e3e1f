"""The accuracy gate: floors that only rise, checked in CI on the real gold sets, and shown
to catch a broken lexicon entry on a project-written fixture."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from dyads.errors import DataError, UsageError
from dyads.eval.gate import check, cut, load_floors, raise_floors, unfloored
from dyads.eval.plover_json import read_plover_json
from dyads.eval.result import Figure, SetResult
from dyads.eval.sets import SETS, SHIPPED_SETS, evaluate, score_plover
from dyads.events.lexicon import load_lexicon
from dyads.pipeline import Pipeline
from dyads.settings import Settings

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "eval" / "gate"
BENCHMARKS = ROOT.parent / "shared" / "benchmarks"
FLOORS = ROOT / "floors.json"


def _fixture_result(pipeline: Pipeline) -> SetResult:
    records = read_plover_json(FIXTURES / "plover.json")
    return score_plover(records, pipeline, "fixture", baselines=False)


def test_gate_passes_on_the_fixture(pipeline: Pipeline) -> None:
    floors = load_floors(FIXTURES / "floors.json")
    assert check([_fixture_result(pipeline)], floors) == []


def test_a_broken_lexicon_entry_fails_the_gate(pipeline: Pipeline, tmp_path: Path) -> None:
    # Re-code the shelling trigger as a verbal accusation: one lexicon line, wrong.
    lexicon = ROOT / "src" / "dyads" / "data" / "lexicon" / "events.jsonl"
    broken = tmp_path / "events.jsonl"
    lines = []
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] == "assault.shell.v":
            row["cameo"] = "112"
        lines.append(json.dumps(row))
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad = Pipeline(pipeline.settings, nlp=pipeline.nlp, actors=pipeline.actors)
    bad.coder.lexicon = load_lexicon(bad.ontology, (broken,))
    failures = check([_fixture_result(bad)], load_floors(FIXTURES / "floors.json"))
    keys = {f.key for f in failures}
    assert "plover_gsr/event_accuracy" in keys
    assert any("below its floor 1.000" in f.message() for f in failures)


def _result(value: float, key: str = "event_accuracy") -> SetResult:
    result = SetResult("plover_gsr", "t", "fixture", 10)
    result.figures.append(Figure(key, key, value, 10))
    return result


def _floors_file(tmp_path: Path, floors: dict[str, float]) -> Path:
    path = tmp_path / "floors.json"
    path.write_text(json.dumps({"floors": floors, "lowered": []}), encoding="utf-8")
    return path


def test_floors_only_rise(tmp_path: Path) -> None:
    path = _floors_file(tmp_path, {"plover_gsr/event_accuracy": 0.5})
    changes = raise_floors([_result(0.6543)], load_floors(path))
    assert changes == [("plover_gsr/event_accuracy", 0.5, 0.654)]
    assert load_floors(path).floors["plover_gsr/event_accuracy"] == 0.654
    # A lower figure neither lowers the floor nor passes silently.
    with pytest.raises(UsageError, match="refusing to lower"):
        raise_floors([_result(0.6)], load_floors(path))
    assert load_floors(path).floors["plover_gsr/event_accuracy"] == 0.654


def test_lowering_needs_a_reason_and_is_logged(tmp_path: Path) -> None:
    path = _floors_file(tmp_path, {"plover_gsr/event_accuracy": 0.7})
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("# Changelog\n\n## 0.2.0 (unreleased)\n\n- something\n\n"
                         "## 0.1.0\n\n- old\n", encoding="utf-8")
    with pytest.raises(UsageError, match="--reason"):
        raise_floors([_result(0.6)], load_floors(path), lower=True, changelog=changelog)
    raise_floors([_result(0.6)], load_floors(path), lower=True,
                 reason="the gold set was corrected upstream", changelog=changelog)
    floors = load_floors(path)
    assert floors.floors["plover_gsr/event_accuracy"] == 0.6
    assert floors.lowered[0]["reason"] == "the gold set was corrected upstream"
    text = changelog.read_text(encoding="utf-8")
    assert "plover_gsr/event_accuracy 0.700 -> 0.600" in text
    assert text.index("## 0.2.0") < text.index("0.700 -> 0.600") < text.index("- something")


def test_missing_figure_fails_and_bad_file_is_named(tmp_path: Path) -> None:
    floors = load_floors(_floors_file(tmp_path, {"plover_gsr/gone": 0.1}))
    assert [f.key for f in check([_result(0.9)], floors)] == ["plover_gsr/gone"]
    assert unfloored([_result(0.9)], floors) == ["plover_gsr/event_accuracy"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"floors": {"x": 2}}', encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.json"):
        load_floors(bad)
    assert cut(0.99999) == 0.999 and cut(0.5) == 0.5


def test_committed_floor_lowerings_are_in_the_changelog() -> None:
    floors = load_floors(FLOORS)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for entry in floors.lowered:
        assert entry["reason"] and entry["reason"] in changelog, entry


@pytest.mark.slow
@pytest.mark.skipif(not BENCHMARKS.is_dir(),
                    reason="../shared/benchmarks not found: accuracy gate skipped")
def test_accuracy_gate_on_the_public_gold_sets(pipeline: Pipeline) -> None:
    """The CI gate: every headline figure of every set at or above its committed floor."""
    floors = load_floors(FLOORS)
    public = [name for name in SETS if name not in SHIPPED_SETS]  # project_gold: its own test
    results = evaluate(public, replace(Settings(), workers=1), BENCHMARKS, baselines=False,
                       pipeline=pipeline)
    assert [r.name for r in results] == ["plover_gsr", "petrarch_unit", "petrarch_gsr",
                                         "conflibert_class", "conflibert_roles", "re3d"]
    assert unfloored(results, floors) == [], "every headline figure needs a floor"
    failures = check(results, floors)
    assert not failures, "\n".join(f.message() for f in failures)


def test_gate_fixture_is_project_written() -> None:
    # The gate fixture must not come from the public gold data.
    if not BENCHMARKS.is_dir():
        pytest.skip("../shared/benchmarks not found")
    gold = (BENCHMARKS / "plover_gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8")
    for record in read_plover_json(FIXTURES / "plover.json"):
        assert record.text not in gold


def test_copy_of_floors_is_valid(tmp_path: Path) -> None:
    shutil.copy(FLOORS, tmp_path / "floors.json")
    assert load_floors(tmp_path / "floors.json").floors

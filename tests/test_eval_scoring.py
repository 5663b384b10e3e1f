"""Scoring arithmetic, baselines, the report, and `dyads eval` end to end on a small
benchmarks folder laid out like ../shared/benchmarks but written by this project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dyads.eval.baselines import bag_of_words_cv, token_bag_of_words_cv
from dyads.eval.metrics import PRF, accuracy, classify, majority, prf_sets
from dyads.eval.report import render_markdown, update_report
from dyads.eval.result import Figure, SetResult

from .conftest import ROOT, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "eval"


def test_prf_and_sets() -> None:
    prf = prf_sets([("A", "x"), ("A", "x"), ("B", "y")], [("A", "x"), ("C", "z")])
    assert (prf.tp, prf.fp, prf.fn) == (1, 1, 2)
    assert prf.precision == 0.5 and prf.recall == pytest.approx(1 / 3)
    assert prf.f1 == pytest.approx(0.4)
    assert PRF(0, 0, 0).f1 == 0.0
    assert accuracy(["a", "b"], ["a", "c"]) == 0.5


def test_classify_counts_no_prediction_as_wrong() -> None:
    result = classify(["0", "0", "1", "2"], ["0", None, "0", "2"], ("0", "1", "2"))
    assert result.accuracy == 0.5
    assert (result.per_class["0"].tp, result.per_class["0"].fp,
            result.per_class["0"].fn) == (1, 1, 1)
    assert result.per_class["1"].f1 == 0.0
    assert result.confusion["0"] == {"0": 1, "none": 1}
    assert result.macro_f1 == pytest.approx((0.5 + 0.0 + 1.0) / 3)
    assert majority(["b", "a", "b", "a"]) == "a"


def test_bag_of_words_is_cross_validated() -> None:
    texts = [f"troops shelled the town {i}" for i in range(10)] + \
            [f"ministers signed a trade pact {i}" for i in range(10)]
    labels = ["4"] * 10 + ["1"] * 10
    predicted = bag_of_words_cv(texts, labels)
    assert len(predicted) == 20
    assert accuracy(labels, predicted) == 1.0
    tags = token_bag_of_words_cv([["Ostrand", "shelled", "Veloria"]] * 6,
                                 [["S", "O", "T"]] * 6)
    assert tags[0] == ["S", "O", "T"]


def test_report_section_is_replaced_in_place(tmp_path: Path) -> None:
    result = SetResult("plover_gsr", "PLOVER", "x/benchmarks/plover_gsr/f.json", 3)
    result.figures.append(Figure("event_accuracy", "event accuracy", 0.5, 3,
                                 {"majority class": 0.25}))
    text = render_markdown([result], floors=None, command="dyads bench", commit="abc",
                           model="m")
    assert "| plover_gsr | event accuracy (n=3) | **0.500** | majority class 0.250 | - |" \
        in text
    report = tmp_path / "B.md"
    report.write_text("# Benchmarks\n\nhand-written notes\n", encoding="utf-8")
    update_report(report, text)
    update_report(report, text.replace("0.500", "0.600"))
    body = report.read_text(encoding="utf-8")
    assert body.count("## Accuracy") == 1 and "0.600" in body and "hand-written" in body


@pytest.fixture(scope="module")
def mini_benchmarks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A benchmarks folder in the real layout, filled with project-written fixtures."""
    root = tmp_path_factory.mktemp("benchmarks")
    (root / "plover_gsr").mkdir()
    shutil.copy(FIXTURES / "gate" / "plover.json", root / "plover_gsr" / "PLOVER_GSR_CAMEO.json")
    (root / "conflibert_cameo").mkdir()
    shutil.copy(FIXTURES / "bench" / "class_train.tsv", root / "conflibert_cameo")
    shutil.copy(FIXTURES / "bench" / "ner_train.txt", root / "conflibert_cameo")
    shutil.copytree(FIXTURES / "re3d", root / "re3d")
    petrarch = root / "petrarch"
    petrarch.mkdir()
    shutil.copy(FIXTURES / "petrarch" / "records.xml", petrarch / "PETR.UnitTest.records.xml")
    shutil.copy(FIXTURES / "petrarch" / "records.xml", petrarch / "PETR2_GSR_validation.xml")
    shutil.copy(FIXTURES / "petrarch" / "actors.txt", petrarch / "PETR.Validate.actors.txt")
    shutil.copy(FIXTURES / "petrarch" / "agents.txt", petrarch / "PETR.Validate.agents.txt")
    phoenix = root / "phoenix_dictionaries"
    phoenix.mkdir()
    for name in ("Countries", "International", "MilNonState"):
        shutil.copy(FIXTURES / "petrarch" / "actors.txt",
                    phoenix / f"Phoenix.{name}.actors.txt")
    shutil.copy(FIXTURES / "petrarch" / "agents.txt", phoenix / "Phoenix.agents.txt")
    return root


def test_eval_all_on_a_mini_benchmarks_folder(mini_benchmarks: Path, tmp_path: Path) -> None:
    proc = run_cli("eval", "all", "--data", str(mini_benchmarks), "--json", "--errors", "2",
                   cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    sets = {s["name"]: s for s in out["sets"]}
    assert list(sets) == ["plover_gsr", "petrarch_unit", "petrarch_gsr", "conflibert_class",
                          "conflibert_roles", "re3d", "project_gold", "project_system"]
    assert sets["project_gold"]["items"] >= 300  # ships with dyads, whatever --data says
    figures = {s: {f["key"]: f for f in sets[s]["figures"]} for s in sets}
    assert figures["plover_gsr"]["event_accuracy"]["value"] == 1.0
    assert set(figures["plover_gsr"]["event_accuracy"]["baselines"]) == {
        "majority class", "bag-of-words (TF-IDF + linear SVM, 5-fold CV)"}
    assert figures["conflibert_class"]["accuracy"]["n"] == 15
    assert figures["conflibert_class"]["accuracy"]["value"] > 0.5
    assert figures["conflibert_roles"]["actor_precision"]["value"] > 0.5
    assert "pass rate per category" in [t["title"] for t in sets["petrarch_unit"]["tables"]]
    assert all(len(s["errors"]) <= 2 for s in out["sets"])


def test_eval_errors_and_bad_input(mini_benchmarks: Path, tmp_path: Path) -> None:
    proc = run_cli("eval", "conflibert_class", "--data", str(mini_benchmarks), "--errors",
                   "3", "--no-baselines", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "worst misses" in proc.stdout and "rule:" in proc.stdout
    proc = run_cli("eval", "nonsense", "--data", str(mini_benchmarks), cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown set 'nonsense'" in proc.stderr and "Traceback" not in proc.stderr
    proc = run_cli("eval", "re3d", "--data", str(tmp_path / "missing"), cwd=tmp_path)
    assert proc.returncode == 2 and "not a folder" in proc.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_cli("eval", "plover_gsr", "--data", str(empty), cwd=tmp_path)
    assert proc.returncode == 2 and "PLOVER_GSR_CAMEO.json: not found" in proc.stderr


def test_eval_gate_flag(mini_benchmarks: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"floors": {"plover_gsr/event_accuracy": 1.0,
                                             "conflibert_class/accuracy": 1.0}}),
                      encoding="utf-8")
    proc = run_cli("eval", "plover_gsr", "--data", str(mini_benchmarks), "--gate",
                   "--no-baselines", "--floors", str(floors), cwd=tmp_path)
    assert proc.returncode == 0 and "at or above its floor" in proc.stderr
    proc = run_cli("eval", "conflibert_class", "--data", str(mini_benchmarks), "--gate",
                   "--no-baselines", "--floors", str(floors), cwd=tmp_path)
    assert proc.returncode == 1 and "conflibert_class/accuracy" in proc.stderr

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.eval.throughput import END, START, render_markdown, run_throughput, update_report
from dyads.settings import Settings


@pytest.mark.slow
def test_throughput_runs_and_updates_only_its_section(tmp_path: Path) -> None:
    result = run_throughput(Settings(), sentences=120, rounds=1, workers=1)
    assert result.ratio > 0.2
    assert result.events > 0
    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"# Benchmarks\n\nKeep me.\n\n{START}\nold figures\n{END}\n\nAnd me.\n")
    update_report(report, result)
    text = report.read_text()
    assert "Keep me." in text and "And me." in text and "old figures" not in text
    assert "sentences/s" in text and text.count(START) == 1
    assert render_markdown(result).startswith("## Throughput")

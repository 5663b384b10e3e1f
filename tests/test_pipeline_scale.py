"""Workers give the same records as one process; memory stays flat as input grows."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from dyads.ingest import InputOptions, iter_stream
from dyads.models import Block, DocumentResult
from dyads.pipeline import Pipeline, code_paths
from dyads.settings import Settings
from dyads.text import load_boilerplate

from .conftest import SAMPLE, run_cli

LINES = [
    "Russia attacked Ukraine on Thursday.",
    "Israel supplied Azerbaijan with artillery and drones.",
    "The weather in Paris was mild.",
    "France imposed sanctions on Iran after the strikes.",
]


@pytest.mark.slow
def test_two_workers_print_exactly_what_one_prints(tmp_path: Path) -> None:
    one = run_cli("code", str(SAMPLE))
    two = run_cli("code", "--workers", "2", str(SAMPLE))
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    assert one.stdout.count("\n") >= 20


def test_reading_a_large_file_streams_in_flat_memory(tmp_path: Path) -> None:
    # 40 MB of text, one document: the reader never holds more than a block at a time.
    path = tmp_path / "big.txt"
    paragraph = ("Officials in the capital said the talks would continue next week. " * 20
                 + "\n\n").encode()
    with path.open("wb") as handle:
        for _ in range(40 * 1024 * 1024 // len(paragraph)):
            handle.write(paragraph)
    tracemalloc.start()
    blocks = 0
    for item in iter_stream([str(path)], InputOptions(), load_boilerplate()):
        blocks += isinstance(item, Block)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert blocks > 25000
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while reading 40 MB"


def _peak_coding(pipeline: Pipeline, path: Path, lines: int) -> int:
    path.write_text("\n".join(LINES[i % len(LINES)] for i in range(lines)) + "\n")
    tracemalloc.start()
    events = 0
    for result in code_paths([str(path)], pipeline.settings, lines=True, pipeline=pipeline):
        if isinstance(result, DocumentResult):
            events += len(result.events)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert events >= lines // 2
    return peak


@pytest.mark.slow
def test_coding_memory_does_not_grow_with_input(pipeline: Pipeline, tmp_path: Path) -> None:
    small = _peak_coding(pipeline, tmp_path / "small.txt", 1000)
    large = _peak_coding(pipeline, tmp_path / "large.txt", 4000)
    assert large < small * 1.5 + 2_000_000, (small, large)


def test_settings_travel_to_workers_unchanged() -> None:
    import pickle

    settings = Settings(workers=2, actors=("a.jsonl",), batch_size=8)
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_a_long_document_is_handed_over_in_parts(pipeline: Pipeline, tmp_path: Path) -> None:
    from dyads.pipeline import FLUSH_RECORDS

    path = tmp_path / "long.txt"
    path.write_text("Russia attacked Ukraine on Thursday.\n\n" * (FLUSH_RECORDS * 2 + 10))
    parts = [r for r in code_paths([str(path)], pipeline.settings, pipeline=pipeline)
             if isinstance(r, DocumentResult)]
    assert len(parts) >= 3
    assert [p.coded for p in parts] == [False] * (len(parts) - 1) + [True]
    indices = [e.sentence_index for p in parts for e in p.events]
    assert indices == list(range(FLUSH_RECORDS * 2 + 10))
    assert sum(p.sentences for p in parts) == FLUSH_RECORDS * 2 + 10

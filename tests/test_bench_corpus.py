"""The corpus ingest benchmark: the generator (deterministic, the ingest JSONL shape,
near-duplicates and re-posts in it) and the measurement (a real ``dyads ingest`` in a
child process, its counts and peak memory, its section of the report)."""

from __future__ import annotations

import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest

from dyads.datafiles import data_path
from dyads.errors import DataError
from dyads.eval.corpus_bench import (
    END,
    MB,
    START,
    TreeSampler,
    render_markdown,
    run_corpus_bench,
    update_report,
)
from dyads.eval.corpus_gen import CorpusGenerator, load_templates, write_corpus

from .conftest import run_cli

DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'-]+(, [A-Z][a-z]+\.? \d{1,2})? \([A-Z][\w ]+\) - ")


def _corpus(n: int, seed: int) -> str:
    out = io.StringIO()
    write_corpus(out, n, seed=seed)
    return out.getvalue()


def test_the_generator_is_deterministic_for_a_seed() -> None:
    first = _corpus(120, seed=7)
    assert first == _corpus(120, seed=7)
    assert first != _corpus(120, seed=8)
    # A smaller corpus of the same seed is the start of a larger one.
    assert first.startswith(_corpus(40, seed=7))


def test_generated_documents_have_the_ingest_shape() -> None:
    out = io.StringIO()
    counts = write_corpus(out, 400, seed=3)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == counts.documents == 400
    assert counts.originals + counts.rewrites + counts.reposts + counts.resent == 400
    assert 0.06 < counts.rewrites / 400 < 0.2 and counts.reposts > 0 and counts.resent > 0
    assert counts.bytes == len(out.getvalue().encode("utf-8"))
    for row in rows:
        assert set(row) == {"id", "url", "title", "date", "site", "text"}
        assert DATELINE.match(row["text"]), row["text"][:80]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"])
        assert row["url"].startswith("https://") and row["title"]
        assert "{" not in row["text"] and "[" not in row["text"], row["text"]
    texts = [r["text"] for r in rows]
    urls = [(r["url"], r["text"]) for r in rows]
    # Re-posts: the same text at another URL; delivered again: the same URL and text.
    assert len(texts) - len(set(texts)) == counts.reposts + counts.resent
    assert len(urls) - len(set(urls)) == counts.resent
    dates = [r["date"] for r in rows]
    assert dates[0] == "2023-01-02" and dates[-1] > dates[0]


def test_a_document_has_five_to_twenty_template_sentences() -> None:
    generator = CorpusGenerator(seed=11)
    for _ in range(150):
        before = generator.counts.sentences
        generator.next_document()
        assert 5 <= generator.counts.sentences - before <= 21  # 21: a rewrite's update line


def test_a_bad_template_names_the_file_and_line(tmp_path: Path) -> None:
    good = data_path("corpus", "templates.jsonl")
    bad = tmp_path / "templates.jsonl"
    lines = good.read_text(encoding="utf-8").splitlines()
    lines.insert(3, json.dumps({"id": "x", "kind": "event", "stories": ["aid"],
                                "text": "{a} sent {tanks} to {b}."}))
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"templates\.jsonl:4: unknown slot\(s\) tanks"):
        load_templates(bad)
    bad.write_text(json.dumps({"id": "y", "kind": "event", "stories": ["aid"],
                               "text": "{a} [sent|] aid."}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"templates\.jsonl:1: unbalanced or empty choice"):
        load_templates(bad)


def test_the_sampler_reads_this_process() -> None:
    sampler = TreeSampler(os.getpid())
    if not sampler.available:
        pytest.skip("no /proc on this system")
    sampler.sample()
    assert sampler.hwm[os.getpid()] > 10 * MB
    assert 0 < sampler.peak_pss <= sampler.peak_rss * 1.01


@pytest.mark.slow
def test_corpus_ingest_is_measured_end_to_end(tmp_path: Path) -> None:
    result = run_corpus_bench([150], workers=1, seed=5)
    [run] = result.runs
    corpus = result.corpora[150]
    assert run.documents == 150 and run.workers == 1
    # Every line is stored but those delivered again, which the store finds it holds.
    assert run.stored == corpus.distinct and run.already_stored == corpus.resent
    # Exact re-posts always join a cluster; rewrites nearly always; new stories never.
    assert corpus.reposts <= run.duplicates <= corpus.rewrites + corpus.reposts
    assert run.duplicates >= 0.8 * (corpus.rewrites + corpus.reposts)
    assert run.coded == run.stored - run.duplicates
    assert run.events > run.coded and run.sentences > 5 * run.coded
    assert run.skipped == 0
    assert 50 * MB < run.peak_rss_main < 1536 * MB
    assert run.peak >= run.peak_rss_main
    assert run.wall_seconds > run.run_seconds > 0 and run.docs_per_second > 0
    assert not result.over_limit()
    assert replace(result, limit_mb=1).over_limit() == [run]

    report = tmp_path / "BENCHMARKS.md"
    report.write_text(f"# Benchmarks\n\nKeep me.\n\n{START}\nold figures\n{END}\n\nAnd me.\n")
    update_report(report, result)
    text = report.read_text()
    assert "Keep me." in text and "And me." in text and "old figures" not in text
    assert text.count(START) == 1 and "| 150 | 1 |" in text
    assert "every run is under it" in text
    assert render_markdown(result).startswith("## Corpus ingest")


@pytest.mark.slow
def test_the_corpus_bench_command_fails_over_its_memory_limit(tmp_path: Path) -> None:
    report = tmp_path / "BENCHMARKS.md"
    proc = run_cli("bench", "--corpus", "40", "--workers", "1", "--max-memory", "1",
                   "--write", str(report), "--keep-corpus", str(tmp_path / "corpus"))
    assert proc.returncode == 1, proc.stderr
    assert "over 1 MB" in proc.stderr
    text = report.read_text()
    assert "## Corpus ingest" in text and "**over the limit**" in text
    assert "## Accuracy" not in text  # only the corpus section is written
    assert len((tmp_path / "corpus" / "corpus-40.jsonl").read_text().splitlines()) == 40

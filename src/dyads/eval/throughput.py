"""Throughput: ``dyads code`` against a bare spaCy parse of the same sentences.

Both run in one process, alternating (bare, dyads, bare, dyads, ...), so a machine whose
speed drifts affects both alike; the ratio of each pair is reported, with the median.
The sentences are those of the bundled sample corpus (``dyads/data/sample``), repeated
to the requested count. The dyads side is the whole ``dyads code --lines`` path: reading,
language check, blocks, parse, actor matching, coding and JSON serialisation.
"""

from __future__ import annotations

import datetime as dt
import io
import platform
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..datafiles import data_path
from ..export.records import jsonl_line
from ..models import DocumentResult
from ..settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

START = "<!-- throughput:start -->"
END = "<!-- throughput:end -->"


@dataclass(frozen=True)
class ThroughputResult:
    sentences: int
    rounds: int
    bare_seconds: list[float]
    own_parse_seconds: list[float]
    dyads_seconds: list[float]
    ratios: list[float]
    events: int
    workers: int
    one_worker_seconds: float | None
    many_worker_seconds: float | None
    worker_sentences: int
    spacy_model: str
    date: str
    commit: str
    command: str

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    @property
    def coding_ratio(self) -> float:
        """dyads' own parse against the whole of ``dyads code``: what the stages after
        the parse cost, apart from dyads' faster attribute rules."""
        return statistics.median(p / d for p, d in zip(self.own_parse_seconds,
                                                      self.dyads_seconds, strict=True))

    @property
    def own_parse_rate(self) -> float:
        return self.sentences / statistics.median(self.own_parse_seconds)

    @property
    def bare_rate(self) -> float:
        return self.sentences / statistics.median(self.bare_seconds)

    @property
    def dyads_rate(self) -> float:
        return self.sentences / statistics.median(self.dyads_seconds)

    @property
    def speedup(self) -> float | None:
        if self.one_worker_seconds and self.many_worker_seconds:
            return self.one_worker_seconds / self.many_worker_seconds
        return None


def sample_sentences(nlp_pipe: Callable[[list[str]], list[list[str]]]) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_path("sample").glob("*.txt"))]
    blocks = [b.strip() for t in texts for b in re.split(r"\n\s*\n", t) if b.strip()]
    return [s for sents in nlp_pipe(blocks) for s in sents if s.strip()]


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=5, check=False)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def run_throughput(settings: Settings, *, sentences: int = 3000, rounds: int = 3,
                   workers: int = 2,
                   progress: Callable[[str], None] = lambda _: None) -> ThroughputResult:
    from ..nlp import load_model
    from ..pipeline import Pipeline, code_paths

    single = replace(settings, workers=1)
    pipeline = Pipeline(single)
    nlp = pipeline.nlp
    # The bare side is the model as spaCy ships it: dyads' own parse runs the model's
    # attribute rules from a table (dyads.nlp.attributes), which is part of what is timed.
    stock = load_model(pipeline.model_name, single.ner, table_rules=False)
    base = sample_sentences(lambda blocks: [[s.text.replace("\n", " ") for s in d.sents]
                                            for d in nlp.pipe(blocks)])
    corpus = [base[i % len(base)] for i in range(sentences)]
    with tempfile.TemporaryDirectory() as tmp:
        lines_file = Path(tmp) / "sentences.txt"
        lines_file.write_text("\n".join(corpus) + "\n", encoding="utf-8")

        def bare(model: Language = stock) -> float:
            t0 = time.perf_counter()
            # The pipes dyads runs on every text; lazy ones (the recogniser) run only
            # where needed, and their cost is on the dyads side.
            for _ in model.pipe(corpus, batch_size=single.batch_size,
                                disable=list(pipeline.lazy_pipes)):
                pass
            return time.perf_counter() - t0

        def coded(run_settings: Settings, pipe: Pipeline | None) -> tuple[float, int]:
            sink = io.StringIO()
            count = 0
            t0 = time.perf_counter()
            for result in code_paths([str(lines_file)], run_settings, lines=True,
                                     pipeline=pipe):
                if isinstance(result, DocumentResult):
                    for event in result.events:
                        sink.write(jsonl_line(event) + "\n")
                        count += 1
            return time.perf_counter() - t0, count

        bare()  # warm-up: first batches allocate, for every side
        bare(nlp)
        coded(single, pipeline)
        bare_times, own_times, dyads_times, ratios = [], [], [], []
        events = 0
        for r in range(rounds):
            b = bare()
            d, events = coded(single, pipeline)
            own = bare(nlp)
            bare_times.append(b)
            dyads_times.append(d)
            own_times.append(own)
            ratios.append(b / d)
            progress(f"round {r + 1}/{rounds}: bare parse {b:.2f}s, dyads code {d:.2f}s, "
                     f"ratio {b / d:.3f} (dyads' own parse {own:.2f}s)")
        one = many = None
        worker_sentences = 0
        if workers > 1:
            big = Path(tmp) / "workers.txt"
            worker_sentences = sentences * 2
            big.write_text("\n".join(corpus * 2) + "\n", encoding="utf-8")
            lines_file = big
            one, _ = coded(single, pipeline)
            many, _ = coded(replace(single, workers=workers), None)
            progress(f"workers: 1 -> {one:.2f}s, {workers} -> {many:.2f}s "
                     f"(speed-up {one / many:.2f}x, worker start-up included)")
    return ThroughputResult(
        sentences=sentences, rounds=rounds, bare_seconds=bare_times,
        own_parse_seconds=own_times, dyads_seconds=dyads_times, ratios=ratios,
        events=events, workers=workers,
        one_worker_seconds=one, many_worker_seconds=many, worker_sentences=worker_sentences,
        spacy_model=pipeline.model_name, date=dt.date.today().isoformat(), commit=_commit(),
        command=f"dyads bench --sentences {sentences} --rounds {rounds} --workers {workers}",
    )


def render_markdown(result: ThroughputResult) -> str:
    lines = [
        "## Throughput",
        "",
        f"`{result.command}` on {result.date}, commit `{result.commit}`, "
        f"Python {platform.python_version()}, spaCy model `{result.spacy_model}`, "
        f"{result.sentences} sentences of the bundled sample corpus, {result.rounds} "
        "alternating rounds in one process (medians).",
        "",
        "| measure | value | baseline | aim |",
        "|---|---|---|---|",
        f"| bare spaCy parse (the model as shipped, same pipes) | {result.bare_rate:.0f} "
        "sentences/s | - | - |",
        f"| dyads' own parse (the same, its attribute rules run from a table) | "
        f"{result.own_parse_rate:.0f} sentences/s | - | - |",
        f"| `dyads code --lines`, one process (read, parse, match, code, JSON) | "
        f"{result.dyads_rate:.0f} sentences/s | - | - |",
        f"| ratio dyads / bare parse (median of {result.rounds} pairs: "
        f"{', '.join(f'{r:.3f}' for r in result.ratios)}) | **{result.ratio:.3f}** | 1.0 | "
        ">= 0.85 |",
        f"| the stages after the parse: dyads' own parse / dyads code | "
        f"{result.coding_ratio:.3f} | 1.0 | - |",
    ]
    if result.speedup is not None:
        lines.append(
            f"| `--workers {result.workers}` against one worker, {result.worker_sentences} "
            f"sentences, worker start-up included | **{result.speedup:.2f}x** "
            f"({result.one_worker_seconds:.1f}s -> {result.many_worker_seconds:.1f}s) | 1.0x | "
            ">= 1.6x |")
    lines += ["", f"Events coded per run: {result.events}."]
    return "\n".join(lines) + "\n"


def update_report(path: Path, result: ThroughputResult) -> None:
    """Replace the throughput section of a Markdown report (create the file if needed)."""
    from .report import replace_section

    replace_section(path, START, END, render_markdown(result))

"""The corpus ingest benchmark: generated documents into a fresh store, timed, with the
peak memory of the processes that did the work.

``dyads ingest`` runs in a child process, as a user runs it. Its peak resident memory
comes from the kernel when the child is reaped (``os.wait4``: the largest of the child and
the children it waited for). With ``--workers N`` the work is spread over several
processes, so a sampler also reads ``/proc`` every quarter second while the run lasts:
each process's own peak (``VmHWM``), summed over the processes (an upper bound of their
peak together, since peaks need not coincide and forked workers share the parent's pages),
and the sum of their proportional set sizes (``Pss``: shared pages split between the
processes that share them), of which the highest sample is kept.

The figures go to the "Corpus ingest" section of docs/BENCHMARKS.md, which only this
benchmark rewrites (``make bench-corpus``); a run whose peak passes the limit fails.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .corpus_gen import CorpusCounts, write_corpus

START = "<!-- corpus:start -->"
END = "<!-- corpus:end -->"
MAX_MEMORY_MB = 1536  # the limit of issue 7: 10,000 documents under 1.5 GB
SAMPLE_SECONDS = 0.25
MB = 1024 * 1024

Progress = Callable[[str], None]


@dataclass
class TreeSampler:
    """Samples the memory of a process and its descendants from ``/proc`` (Linux) in a
    thread. ``hwm`` holds each process's highest ``VmHWM`` seen; ``peak_pss`` the highest
    sum of ``Pss`` over the tree; ``processes`` how many were seen."""

    pid: int
    interval: float = SAMPLE_SECONDS
    hwm: dict[int, int] = field(default_factory=dict)  # pid -> bytes
    peak_pss: int = 0
    peak_rss: int = 0  # the highest sum of current RSS
    samples: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="dyads-memory", daemon=True)
        self.available = Path("/proc/self/status").exists()

    def start(self) -> TreeSampler:
        if self.available:
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def peak_hwm_sum(self) -> int:
        return sum(self.hwm.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        pss = rss = 0
        for pid in _tree(self.pid):
            status = _fields(f"/proc/{pid}/status", ("VmHWM", "VmRSS"))
            if not status:
                continue  # gone between listing and reading
            self.hwm[pid] = max(self.hwm.get(pid, 0), status.get("VmHWM", 0))
            rss += status.get("VmRSS", 0)
            pss += _fields(f"/proc/{pid}/smaps_rollup", ("Pss",)).get("Pss", 0)
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_rss = max(self.peak_rss, rss)
        self.samples += 1


def _tree(pid: int) -> list[int]:
    """The process and its descendants (by ``/proc/PID/task/TID/children``)."""
    found, queue = [], deque([pid])
    while queue:
        current = queue.popleft()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    queue.extend(int(c) for c in f.read().split())
            except OSError:
                continue
    return found


def _fields(path: str, names: Sequence[str]) -> dict[str, int]:
    """Named ``kB`` fields of a /proc file, in bytes; empty when it cannot be read."""
    out: dict[str, int] = {}
    try:
        with open(path, encoding="ascii") as handle:
            for line in handle:
                name, _, rest = line.partition(":")
                if name in names:
                    out[name] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        return {}
    return out


@dataclass(frozen=True)
class IngestRun:
    """One measured ``dyads ingest`` of a generated corpus into a fresh store."""

    documents: int  # generated lines
    workers: int
    wall_seconds: float  # the whole command: start-up, model loading, ingest, summary
    run_seconds: float  # the ingest itself, as the store's ``runs`` row records it
    stored: int
    coded: int
    duplicates: int
    already_stored: int
    skipped: int
    events: int
    sentences: int  # sentences of the coded documents
    store_bytes: int
    peak_rss_main: int  # bytes, from the kernel when the child is reaped
    peak_rss_sum: int | None  # bytes, sum of each process's sampled peak; None off Linux
    peak_pss: int | None  # bytes, highest sampled sum of Pss; None off Linux
    processes: int

    @property
    def peak(self) -> int:
        """The figure the limit is checked against: the larger of the two RSS peaks."""
        return max(self.peak_rss_main, self.peak_rss_sum or 0)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.wall_seconds if self.wall_seconds else 0.0

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.wall_seconds if self.wall_seconds else 0.0


@dataclass(frozen=True)
class CorpusBenchResult:
    sizes: tuple[int, ...]
    workers: int
    seed: int
    corpora: dict[int, CorpusCounts]
    runs: tuple[IngestRun, ...]
    limit_mb: int
    date: str
    commit: str
    command: str
    machine: str
    spacy_model: str

    def over_limit(self) -> list[IngestRun]:
        return [r for r in self.runs if r.peak > self.limit_mb * MB]


def measure_ingest(corpus: Path, db: Path, *, documents: int, workers: int = 1,
                   extra_args: Sequence[str] = (),
                   progress: Progress = lambda _: None) -> IngestRun:
    """Run ``dyads ingest CORPUS --db DB`` in a child process and measure it."""
    from ..store import Store

    command = [sys.executable, "-m", "dyads.cli", "ingest", str(corpus), "--db", str(db),
               "--workers", str(workers), "--log-every", str(max(100, documents // 10)),
               *extra_args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "120"}
    label = f"{documents} documents, {workers} worker{'s' if workers > 1 else ''}"
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env=env)
    sampler = TreeSampler(child.pid).start()
    tail: deque[str] = deque(maxlen=30)

    def read_stderr() -> None:
        assert child.stderr is not None
        for line in child.stderr:
            tail.append(line.rstrip())
            if line.startswith("dyads: stored"):
                progress(f"{label}: {line.removeprefix('dyads: ').strip()}, "
                         f"{time.perf_counter() - started:.0f} s")

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    status, peak_main = _reap(child)
    wall = time.perf_counter() - started
    sampler.stop()
    reader.join()
    if status != 0:
        raise InputError(f"dyads ingest failed (exit {status}) on {documents} generated "
                         "documents:\n" + "\n".join(tail))
    with Store.open(db, read_only=True) as store:
        con = store.connection
        row = con.execute(
            "SELECT documents, duplicates, already_stored, skipped, events, "
            "epoch(finished_at) - epoch(started_at) FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        totals = con.execute("SELECT count(*) FILTER (WHERE coded), "
                             "coalesce(sum(sentences), 0) FROM documents").fetchone()
    assert row is not None and totals is not None
    linux = sampler.available
    return IngestRun(
        documents=documents, workers=workers, wall_seconds=wall, run_seconds=float(row[5]),
        stored=int(row[0]), coded=int(totals[0]), duplicates=int(row[1]),
        already_stored=int(row[2]), skipped=int(row[3]), events=int(row[4]),
        sentences=int(totals[1]), store_bytes=_size(db), peak_rss_main=peak_main,
        peak_rss_sum=sampler.peak_hwm_sum if linux else None,
        peak_pss=sampler.peak_pss if linux else None, processes=len(sampler.hwm) or 1)


def _reap(child: subprocess.Popen[str]) -> tuple[int, int]:
    """Wait for the child; its exit status and peak RSS in bytes (0 where unknown)."""
    if not hasattr(os, "wait4"):
        return child.wait(), 0
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return child.returncode, int(usage.ru_maxrss) * scale


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def run_corpus_bench(sizes: Sequence[int], *, workers: int = 2, seed: int = 7,
                     limit_mb: int = MAX_MEMORY_MB, extra_args: Sequence[str] = (),
                     spacy_model: str = "", keep: Path | None = None,
                     progress: Progress = lambda _: None) -> CorpusBenchResult:
    """For each size, generate a corpus (seeded) and ingest it into a fresh store with one
    worker, and with ``workers`` too when that is more than one. ``keep``: a folder to
    keep the generated corpora in (``corpus-N.jsonl``)."""
    from ..nlp import resolve_model_name
    from .throughput import _commit

    sizes = tuple(sorted(set(sizes)))
    corpora: dict[int, CorpusCounts] = {}
    runs: list[IngestRun] = []
    with tempfile.TemporaryDirectory(prefix="dyads-corpus-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            corpus = folder / f"corpus-{n}.jsonl"
            progress(f"writing {n} documents (seed {seed}) to {corpus}")
            corpora[n] = write_corpus(corpus, n, seed=seed)
            for count in sorted({1, workers}):
                db = Path(tmp) / f"store-{n}-{count}.duckdb"
                progress(f"ingesting {n} documents with {count} worker(s)")
                run = measure_ingest(corpus, db, documents=n, workers=count,
                                     extra_args=extra_args, progress=progress)
                runs.append(run)
                progress(f"{n} documents, {count} worker(s): {run.wall_seconds:.1f} s, "
                         f"{run.docs_per_second:.1f} docs/s, peak "
                         f"{run.peak / MB:.0f} MB")
                for path in Path(tmp).glob(db.name + "*"):
                    path.unlink()
    command = "dyads bench " + " ".join(f"--corpus {n}" for n in sizes) + \
        f" --workers {workers} --seed {seed}"
    return CorpusBenchResult(
        sizes=sizes, workers=workers, seed=seed, corpora=corpora, runs=tuple(runs),
        limit_mb=limit_mb, date=dt.date.today().isoformat(), commit=_commit(),
        command=command, machine=machine(), spacy_model=resolve_model_name(spacy_model))


def machine() -> str:
    """Cores, processor, memory and load: what the figures depend on."""
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        total = _fields("/proc/meminfo", ("MemTotal",)).get("MemTotal", 0)
        memory = f", {total / 1024 ** 3:.0f} GB memory" if total else ""
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f} at the start"
    return (f"{usable} of {cores} cores usable ({cpu}){memory}{load}; "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def _mb(value: int | None) -> str:
    if value is None:
        return "-"
    return f"{value / MB:.1f} MB" if value < 10 * MB else f"{value / MB:.0f} MB"


def render_markdown(result: CorpusBenchResult) -> str:
    lines = [
        "## Corpus ingest",
        "",
        f"`{result.command}` on {result.date}, commit `{result.commit}`, spaCy model "
        f"`{result.spacy_model}`; machine: {result.machine}. Other work may share the "
        "machine, so seconds are indicative; memory is not shared.",
        "",
        "Each corpus is generated by `dyads.eval.corpus_gen` from the project's own "
        "templates (docs/CORPUS.md, \"A generated corpus\") and ingested by `dyads ingest` "
        "into a fresh store in a child process. Seconds are the whole command (start-up and "
        "model loading included); docs/s and sentences/s divide the generated documents and "
        "the coded documents' sentences by them. Peak RSS: of the ingest process, from the "
        "kernel (`wait4`); with workers also the sum of each process's own peak (`VmHWM`, "
        "sampled every 0.25 s; an upper bound, as forked workers share pages), and the "
        "highest sampled sum of proportional set sizes (PSS).",
        "",
        "| documents | workers | seconds | docs/s | sentences/s | stored | coded | "
        "near-duplicates | already stored | events | store | peak RSS, ingest process | "
        "peak RSS, all processes | peak PSS, all processes |",
        "|" + "---|" * 14,
    ]
    for run in result.runs:
        lines.append(
            f"| {run.documents:,} | {run.workers} | {run.wall_seconds:.0f} | "
            f"{run.docs_per_second:.1f} | {run.sentences_per_second:.0f} | {run.stored:,} | "
            f"{run.coded:,} | {run.duplicates:,} | {run.already_stored:,} | {run.events:,} | "
            f"{_mb(run.store_bytes)} | {_mb(run.peak_rss_main)} | "
            f"{_mb(run.peak_rss_sum) if run.processes > 1 else '-'} | "
            f"{_mb(run.peak_pss)} |")
    lines += ["", "The generated corpora:", "",
              "| documents | new stories | rewrites | exact re-posts at another URL | "
              "delivered again (same URL) | sentences written | JSONL |",
              "|---|---|---|---|---|---|---|"]
    for n, counts in result.corpora.items():
        lines.append(f"| {n:,} | {counts.originals:,} | {counts.rewrites:,} | "
                     f"{counts.reposts:,} | {counts.resent:,} | {counts.sentences:,} | "
                     f"{_mb(counts.bytes)} |")
    growth = growth_lines(result)
    lines += ["", *growth, ""] if growth else [""]
    over = result.over_limit()
    names = ", ".join(f"{r.documents:,} documents with {r.workers} worker(s)" for r in over)
    verdict = f"**over the limit**: {names}" if over else "every run is under it"
    lines.append(f"Limit: peak RSS under {result.limit_mb:,} MB for every run (the larger of "
                 f"the two RSS figures); {verdict}.")
    return "\n".join(lines) + "\n"


def growth_lines(result: CorpusBenchResult) -> list[str]:
    """How peak memory changes from the smallest corpus to the largest, per worker count."""
    if len(result.sizes) < 2:
        return []
    lines = []
    small, large = result.sizes[0], result.sizes[-1]
    for count in sorted({r.workers for r in result.runs}):
        by_size = {r.documents: r for r in result.runs if r.workers == count}
        if small in by_size and large in by_size:
            a, b = by_size[small].peak, by_size[large].peak
            lines.append(f"- Peak RSS with {count} worker(s): {a / MB:.0f} MB for "
                         f"{small:,} documents, {b / MB:.0f} MB for {large:,} "
                         f"({(b - a) / MB:+.0f} MB, {100 * (b - a) / a:+.1f}%, for "
                         f"{large / small:.0f} times the documents).")
    return lines


def update_report(path: Path, result: CorpusBenchResult) -> None:
    """Replace the corpus ingest section of a Markdown report (added at the end when the
    report has none); the other sections are left as they are."""
    from .report import replace_section

    replace_section(path, START, END, render_markdown(result))

"""The command line. Thin: parse flags, call one library function, turn errors into
one-line messages. Only this module prints or exits."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional, TextIO

import typer

from .errors import DyadsError
from .export.records import FORMATS, EventWriter
from .models import Event, Skip
from .settings import Settings, load_settings

app = typer.Typer(
    name="dyads",
    help="Political event data from news text: who did what to whom, traced to the sentence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

MAX_SKIP_MESSAGES = 50
# Skips that are expected in normal text and only counted, not printed one by one.
QUIET_SKIPS = frozenset({"boilerplate", "empty-line"})


def _fail(message: str, status: int = 2) -> NoReturn:
    typer.echo(f"dyads: error: {message}", err=True)
    raise typer.Exit(status)


def _settings(settings_file: Optional[Path], **overrides: Any) -> Settings:
    return load_settings(settings_file).with_overrides(**overrides)


def _inputs(paths: Optional[list[str]]) -> list[str]:
    """The inputs given, or standard input when it is piped and none are."""
    if paths:
        return paths
    if sys.stdin.isatty():
        _fail("give a file, a directory, or - to read standard input")
    return ["-"]


def _pub_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        _fail(f"--pub-date {value!r} is not a date; use YYYY-MM-DD, e.g. 2023-09-19")


SettingsOpt = Annotated[Optional[Path], typer.Option("--settings", help="TOML settings file "
                        "(default ./dyads.toml when present).", show_default=False)]
ModelOpt = Annotated[Optional[str], typer.Option("--spacy-model", help="spaCy model name or "
                     "path.", show_default=False)]


@app.command()
def code(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, directories, or - for "
                     "standard input.", show_default=False)] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Each line is a document; doc_id is "
                     "its 1-based line number.")] = False,
    pub_date: Annotated[Optional[str], typer.Option("--pub-date", help="Publication date "
                        "(YYYY-MM-DD) that event dates are resolved against.",
                        show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl or csv.")] = "jsonl",
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Worker "
                       "processes.", show_default=False)] = None,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor "
                      "dictionary (JSONL); repeatable.", show_default=False)] = None,
    agents: Annotated[Optional[list[Path]], typer.Option("--agents", help="Extra agent-word "
                      "file (JSONL: word, sector); repeatable.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write events here "
                      "instead of standard output.", show_default=False)] = None,
    skips: Annotated[Optional[Path], typer.Option("--skips", help="Write every skip (JSONL) "
                     "here.", show_default=False)] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Print a summary table to "
                       "standard error at the end.")] = False,
    spacy_model: ModelOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Code documents into event records (one JSON object per line by default)."""
    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not one of {', '.join(FORMATS)}")
    paths = _inputs(paths)
    date = _pub_date(pub_date)
    try:
        settings = _settings(settings_file, workers=workers, spacy_model=spacy_model,
                             actors=tuple(str(a) for a in actors) if actors else None,
                             agents=tuple(str(a) for a in agents) if agents else None)
        out = output.open("w", encoding="utf-8") if output else sys.stdout
    except DyadsError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    reporter = _SkipReporter(skips)
    writer = EventWriter(out, fmt)
    stats: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    started = time.perf_counter()
    try:
        for event in _events(paths, settings, lines, date, stats, reporter):
            writer.write(event)
            categories[event.event or f"CAMEO {event.cameo[:2]}"] += 1
    except DyadsError as exc:
        _fail(str(exc))
    except BrokenPipeError:
        sys.stderr.close()  # downstream closed (| head): stop quietly
        raise typer.Exit(0) from None
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    finally:
        if output:
            out.close()
        reporter.close()
    elapsed = time.perf_counter() - started
    if summary:
        _print_summary(stats, categories, reporter.reasons, elapsed)
    if stats["documents"] == 0:
        _fail("nothing could be coded", 1)


class _SkipReporter:
    """Counts skips by reason, writes each to ``--skips FILE`` when given, and prints the
    first few (not the expected ones, such as boilerplate lines) to standard error."""

    def __init__(self, path: Optional[Path]) -> None:
        self.path = path
        self.reasons: Counter[str] = Counter()
        self.printed = 0
        self.file: Optional[TextIO] = None
        if path is not None:
            try:
                self.file = path.open("w", encoding="utf-8")
            except OSError as exc:
                _fail(f"cannot write {path}: {exc.strerror or exc}")

    def __call__(self, skip: Skip) -> None:
        self.reasons[skip.code] += 1
        if self.file is not None:
            self.file.write(json.dumps(skip.to_record(), ensure_ascii=False) + "\n")
        if skip.code in QUIET_SKIPS:
            return
        if self.printed < MAX_SKIP_MESSAGES:
            typer.echo(f"dyads: {skip.message()}", err=True)
        self.printed += 1

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        if self.printed > MAX_SKIP_MESSAGES and not sys.stderr.closed:
            typer.echo(f"dyads: ... and {self.printed - MAX_SKIP_MESSAGES} more skips"
                       + (f" (all in {self.path})" if self.path
                          else " (use --skips FILE to list them)"), err=True)


def _events(paths: list[str], settings: Settings, lines: bool, date: Optional[str],
            stats: Counter[str], record_skip: Callable[[Skip], None],
            relations: Optional[Callable[[list[Any]], None]] = None) -> Iterator[Event]:
    """The events of every input, in order, counting documents, sentences and events in
    ``stats``, handing every skip to ``record_skip`` and, when given, each document's
    relations (setting ``relations``) to ``relations``."""
    from .pipeline import code_paths

    for result in code_paths(paths, settings, lines=lines, pub_date=date):
        if isinstance(result, Skip):
            stats["skipped"] += 1
            record_skip(result)
            continue
        stats["documents"] += result.coded  # a long document comes in parts
        stats["sentences"] += result.sentences
        for skip in result.skips:
            record_skip(skip)
        stats["events"] += len(result.events)
        if relations is not None and result.relations:
            relations(result.relations)
        yield from result.events


def _print_summary(stats: Counter[str], categories: Counter[str], reasons: Counter[str],
                   elapsed: float) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True)
    table = Table(title="dyads code: summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    rate = stats["sentences"] / elapsed if elapsed else 0.0
    for label, value in (("documents coded", stats["documents"]),
                         ("inputs skipped", stats["skipped"]),
                         ("sentences", stats["sentences"]), ("events", stats["events"])):
        table.add_row(label, str(value))
    for name, count in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(f"  {name}", str(count))
    for reason, count in sorted(reasons.items()):
        table.add_row(f"skips: {reason}", str(count))
    table.add_row("seconds", f"{elapsed:.1f} ({rate:.0f} sentences/s)")
    console.print(table)


@app.command()
def system(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files, directories, or - for "
                     "standard input.", show_default=False)] = None,
    lines: Annotated[bool, typer.Option("--lines", help="Each line is a document.")] = False,
    pub_date: Annotated[Optional[str], typer.Option("--pub-date", help="Publication date "
                        "(YYYY-MM-DD) that event dates are resolved against.",
                        show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json, graphml, png or svg "
                   "(png and svg need --output).")] = "table",
    level: Annotated[str, typer.Option("--level", help="Nodes are states and organisations "
                     "(country) or every actor code (actor: AZEMIL apart from AZEGOV).")
                     ] = "country",
    evidence: Annotated[int, typer.Option("--evidence", min=0, max=3, help="Evidence "
                        "sentences shown per dyad in the table.")] = 1,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here "
                      "instead of standard output.", show_default=False)] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Worker "
                       "processes.", show_default=False)] = None,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor "
                      "dictionary (JSONL); repeatable.", show_default=False)] = None,
    skips: Annotated[Optional[Path], typer.Option("--skips", help="Write every skip (JSONL) "
                     "here.", show_default=False)] = None,
    spacy_model: ModelOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """The system the documents describe: who acts on whom (counts by PLOVER category and
    QuadClass, net Goldstein, first and last date, evidence) and who supplies whom."""
    from .system import LEVELS, SystemBuilder, load_flow_rules
    from .system.render import FORMATS as SYSTEM_FORMATS
    from .system.render import tables, write_graphml, write_json, write_picture

    if fmt not in SYSTEM_FORMATS:
        _fail(f"--format {fmt!r} is not one of {', '.join(SYSTEM_FORMATS)}")
    if fmt in ("png", "svg") and output is None:
        _fail(f"--format {fmt} writes a picture: give a file with --output, e.g. "
              f"-o system.{fmt}")
    if level not in LEVELS:
        _fail(f"--level {level!r} is not one of {', '.join(LEVELS)}")
    paths = _inputs(paths)
    date = _pub_date(pub_date)
    try:
        settings = _settings(settings_file, workers=workers, spacy_model=spacy_model,
                             actors=tuple(str(a) for a in actors) if actors else None,
                             relations=True)
        builder = SystemBuilder(load_flow_rules(), level)
    except DyadsError as exc:
        _fail(str(exc))
    reporter = _SkipReporter(skips)
    stats: Counter[str] = Counter()
    try:
        for event in _events(paths, settings, lines, date, stats, reporter,
                             builder.add_relations):
            builder.add(event)
    except DyadsError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    finally:
        reporter.close()
    if stats["documents"] == 0:
        _fail("nothing could be coded", 1)
    builder.documents = stats["documents"]
    built = builder.build()
    try:
        if fmt in ("png", "svg"):
            assert output is not None
            write_picture(built, output)
            typer.echo(f"dyads: wrote {output}", err=True)
            return
        with (output.open("w", encoding="utf-8") if output
              else contextlib.nullcontext(sys.stdout)) as stream:
            if fmt == "json":
                write_json(built, stream)
            elif fmt == "graphml":
                write_graphml(built, stream)
            else:
                console = _stdout_console(file=stream,
                                          width=None if output is None else 160)
                for table in tables(built, evidence):
                    console.print(table)
    except BrokenPipeError:  # downstream closed (| head): stop quietly
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


@app.command()
def info(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    spacy_model: ModelOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Versions, the spaCy model in use, data file versions and settings."""
    from .info import info as get_info

    try:
        data = get_info(_settings(settings_file, spacy_model=spacy_model))
    except DyadsError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps(data, indent=2, default=list))
        return
    typer.echo(f"dyads {data['dyads_version']} (record schema {data['schema_version']}), "
               f"Python {data['python']}, spaCy {data['spacy_version']}")
    typer.echo(f"spacy_model: {data['spacy_model']} {data['spacy_model_version'] or ''}")
    typer.echo("data:")
    for row in data["data"]:
        typer.echo(f"  {row['file']:<32} {row['records'] or '':>6}  {row['sha256']}")
    typer.echo("settings:")
    for name, value in data["settings"].items():
        typer.echo(f"  {name} = {value!r}")


@app.command()
def bench(
    sentences: Annotated[int, typer.Option("--sentences", min=50, help="Sentences timed in "
                         "each throughput run.")] = 3000,
    rounds: Annotated[int, typer.Option("--rounds", min=1, help="Alternating rounds of bare "
                      "parse and dyads; medians are reported.")] = 3,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Also time this many "
                       "worker processes against one (1 to skip).")] = 2,
    write: Annotated[Optional[Path], typer.Option("--write", help="Update the accuracy and "
                     "throughput sections of this Markdown report.",
                     show_default=False)] = None,
    plot: Annotated[Optional[Path], typer.Option("--plot", help="Write a PNG of per-class "
                    "F1 here (linked from the report).", show_default=False)] = None,
    accuracy: Annotated[bool, typer.Option("--accuracy/--no-accuracy", help="Score every "
                        "public gold set, with baselines.")] = True,
    throughput: Annotated[bool, typer.Option("--throughput/--no-throughput", help="Time "
                          "dyads against a bare spaCy parse.")] = True,
    data: Annotated[Optional[Path], typer.Option("--data", help="The benchmarks folder "
                    "(default: $DYADS_BENCHMARKS or ../shared/benchmarks).",
                    show_default=False)] = None,
    floors_file: Annotated[Path, typer.Option("--floors", help="Floors shown beside each "
                           "figure.")] = Path("floors.json"),
    corpus: Annotated[Optional[list[int]], typer.Option("--corpus", min=10, help="Instead "
                      "of accuracy and throughput: ingest N generated documents into a fresh "
                      "store (with 1 and --workers workers) and measure time and peak "
                      "memory; repeatable (--corpus 1000 --corpus 10000). With --write, "
                      "only the corpus ingest section is rewritten.",
                      show_default=False)] = None,
    seed: Annotated[int, typer.Option("--seed", help="With --corpus: the generator's "
                    "seed.")] = 7,
    max_memory: Annotated[int, typer.Option("--max-memory", min=1, help="With --corpus: "
                          "exit 1 when a run's peak RSS passes this many MB.")] = 1536,
    keep_corpus: Annotated[Optional[Path], typer.Option("--keep-corpus", help="With "
                           "--corpus: keep the generated JSONL files in this folder.",
                           show_default=False)] = None,
    spacy_model: ModelOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """The benchmark report: accuracy on every public gold set with baselines, and
    throughput against a bare spaCy parse; or, with --corpus, the corpus ingest figures."""
    from .eval import report
    from .eval.gate import load_floors
    from .eval.throughput import _commit, render_markdown, run_throughput, update_report

    if corpus:
        _bench_corpus(corpus, workers, seed, max_memory, keep_corpus, write, spacy_model,
                      settings_file)
        return
    command = "dyads " + " ".join(sys.argv[1:])
    progress = lambda m: typer.echo(f"dyads: {m}", err=True)  # noqa: E731
    try:
        settings = _settings(settings_file, spacy_model=spacy_model)
        # Timed first, in a process that holds only the pipeline, as `dyads code` runs:
        # after the evaluations, their leftovers would tax every garbage collection.
        if throughput:
            result = run_throughput(settings, sentences=sentences, rounds=rounds,
                                    workers=workers, progress=progress)
            typer.echo(render_markdown(result))
            if write is not None:
                update_report(write, result)
                typer.echo(f"dyads: wrote the throughput section of {write}", err=True)
        if accuracy:
            from .eval.sets import evaluate
            from .pipeline import Pipeline

            pipeline = Pipeline(settings)
            results = evaluate(["all"], settings, data, progress=progress, pipeline=pipeline)
            floors = load_floors(floors_file) if floors_file.exists() else None
            link = None
            if plot is not None and report.plot_per_class(results, plot):
                link = _relative(plot, write.parent) if write is not None else str(plot)
                typer.echo(f"dyads: wrote {plot}", err=True)
            section = report.render_markdown(results, floors=floors, command=command,
                                             commit=_commit(), model=pipeline.model_name,
                                             plot=link)
            typer.echo(section)
            if write is not None:
                report.update_report(write, section)
                typer.echo(f"dyads: wrote the accuracy section of {write}", err=True)
    except DyadsError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {exc.filename}: {exc.strerror or exc}")


def _bench_corpus(sizes: list[int], workers: int, seed: int, max_memory: int,
                  keep: Optional[Path], write: Optional[Path], spacy_model: Optional[str],
                  settings_file: Optional[Path]) -> None:
    from .eval.corpus_bench import render_markdown, run_corpus_bench, update_report

    extra: list[str] = []
    if spacy_model:
        extra += ["--spacy-model", spacy_model]
    if settings_file:
        extra += ["--settings", str(settings_file)]
    try:
        settings = _settings(settings_file, spacy_model=spacy_model)
        with _StepProgress() as progress:
            result = run_corpus_bench(sizes, workers=workers, seed=seed, limit_mb=max_memory,
                                      extra_args=extra, spacy_model=settings.spacy_model,
                                      keep=keep, progress=progress)
    except DyadsError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {exc.filename}: {exc.strerror or exc}")
    typer.echo(render_markdown(result))
    if write is not None:
        update_report(write, result)
        typer.echo(f"dyads: wrote the corpus ingest section of {write}", err=True)
    over = result.over_limit()
    for run in over:
        typer.echo(f"dyads: limit: {run.documents} documents with {run.workers} worker(s) "
                   f"peaked at {run.peak / 2 ** 20:.0f} MB, over {max_memory} MB", err=True)
    if over:
        raise typer.Exit(1)


class _StepProgress:
    """Messages of a long benchmark: a line each, under a spinner with the elapsed time
    on a terminal."""

    def __init__(self) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> _StepProgress:
        if self.console.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                     TimeElapsedColumn(), console=self.console,
                                     transient=True)
            self.progress.start()
            self.task = self.progress.add_task("starting", total=None)
        return self

    def __call__(self, message: str) -> None:
        if self.progress is None:
            typer.echo(f"dyads: {message}", err=True)
            return
        self.progress.console.print(f"dyads: {message}", highlight=False, markup=False)
        self.progress.update(self.task, description=message)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


def _relative(path: Path, folder: Path) -> str:
    import os

    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


@app.command(name="eval")
def eval_(
    sets: Annotated[list[str], typer.Argument(help="Gold set(s): plover_gsr, petrarch_unit, "
                    "petrarch_gsr, conflibert_class, conflibert_roles, re3d, or all.",
                    show_default=False)],
    data: Annotated[Optional[Path], typer.Option("--data", help="The benchmarks folder "
                    "(default: $DYADS_BENCHMARKS or ../shared/benchmarks).",
                    show_default=False)] = None,
    errors: Annotated[int, typer.Option("--errors", min=0, help="List the N worst misses "
                      "of each set: text, gold, prediction and the rule that fired.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    baselines: Annotated[bool, typer.Option("--baselines/--no-baselines", help="Compute "
                         "the majority and bag-of-words baselines.")] = True,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 when a figure is below its "
                    "floor.")] = False,
    floors_file: Annotated[Path, typer.Option("--floors", help="Floors file for --gate and "
                           "--raise-floors.")] = Path("floors.json"),
    raise_: Annotated[bool, typer.Option("--raise-floors", help="Lift each floor to the "
                      "figure just measured.")] = False,
    lower: Annotated[bool, typer.Option("--lower", help="With --raise-floors: allow a floor "
                     "to drop (needs --reason; logged in CHANGELOG.md).")] = False,
    reason: Annotated[Optional[str], typer.Option("--reason", help="Why a floor may drop.",
                      show_default=False)] = None,
    spacy_model: ModelOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Score the coder on public gold sets, with baselines beside every figure."""
    from .eval.gate import check, load_floors, raise_floors
    from .eval.sets import evaluate

    if lower and not raise_:
        _fail("--lower only makes sense with --raise-floors")
    try:
        settings = _settings(settings_file, spacy_model=spacy_model)
        floors = load_floors(floors_file) if (gate or raise_ or floors_file.exists()) else None
        results = evaluate(sets, settings, data, baselines=baselines,
                           progress=lambda m: typer.echo(f"dyads: {m}", err=True))
    except DyadsError as exc:
        _fail(str(exc))
    if as_json:
        typer.echo(json.dumps({"sets": [r.to_json(errors) for r in results],
                               "floors": floors.floors if floors else None}, indent=2))
    else:
        _print_eval(results, floors, errors)
    if raise_ and floors is not None:
        try:
            changes = raise_floors(results, floors, lower=lower, reason=reason,
                                   changelog=Path("CHANGELOG.md"))
        except DyadsError as exc:
            _fail(str(exc))
        for key, old, new in changes:
            typer.echo(f"dyads: floor {key}: {'-' if old is None else f'{old:.3f}'} -> "
                       f"{new:.3f}", err=True)
        typer.echo(f"dyads: wrote {floors_file}", err=True)
    if gate and floors is not None:
        failures = check(results, floors)
        for failure in failures:
            typer.echo(f"dyads: gate: {failure.message()}", err=True)
        if failures:
            raise typer.Exit(1)
        typer.echo(f"dyads: gate: every figure is at or above its floor ({floors_file})",
                   err=True)


def _stdout_console(**options: Any) -> Any:
    """A Rich console on standard output that stops quietly when its reader goes away
    ('| head'), exit status 0 as `dyads code` does; Rich's own exits 1."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0)

    return _Console(**options)


def _print_eval(results: list[Any], floors: Any, errors: int) -> None:
    from rich.table import Table

    console = _stdout_console()
    for result in results:
        table = Table(title=f"{result.name}: {result.title} ({result.items} items)")
        for column in ("figure", "n", "dyads", "baselines", "floor"):
            table.add_column(column, justify="right" if column in ("n", "dyads", "floor")
                             else "left")
        for figure in result.figures:
            floor = floors.floors.get(f"{result.name}/{figure.key}") if floors else None
            table.add_row(figure.label, str(figure.n), f"{figure.value:.3f}",
                          "; ".join(f"{k} {v:.3f}" for k, v in figure.baselines.items()),
                          "" if floor is None else f"{floor:.3f}")
        console.print(table)
        for extra in result.tables:
            sub = Table(title=extra.title)
            for column in extra.header:
                sub.add_column(column)
            for row in extra.rows:
                sub.add_row(*row)
            console.print(sub)
        for note in result.notes:
            console.print(f"  note: {note}", highlight=False)
        if errors:
            console.print(f"[bold]{result.name}: the {errors} worst misses[/bold]")
            for case in result.worst(errors):
                console.print(f"- {case.id}: {case.text}", highlight=False, markup=False)
                console.print(f"    gold:      {case.gold}", highlight=False, markup=False)
                console.print(f"    predicted: {case.predicted}", highlight=False,
                              markup=False)
                console.print(f"    rule:      {case.rule}", highlight=False, markup=False)


DbOpt = Annotated[Path, typer.Option("--db", help="The store (a DuckDB file).")]


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories and http(s) "
                       "URLs: .txt, .html, .jsonl documents, RSS/Atom feeds, .warc(.gz) "
                       "archives; a URL is fetched and read by its content type.",
                       show_default=False)],
    db: DbOpt = Path("dyads.duckdb"),
    pub_date: Annotated[Optional[str], typer.Option("--pub-date", help="Publication date "
                        "(YYYY-MM-DD) for documents that carry none.",
                        show_default=False)] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Worker "
                       "processes.", show_default=False)] = None,
    commit_every: Annotated[int, typer.Option("--commit-every", min=1, help="Documents "
                            "per transaction (each document is written whole).")] = 64,
    log_every: Annotated[int, typer.Option("--log-every", min=1, help="When standard error "
                         "is not a terminal: a progress line every N stored documents.")
                         ] = 1000,
    actors: Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor "
                      "dictionary (JSONL); repeatable.", show_default=False)] = None,
    relations: Annotated[bool, typer.Option("--relations/--no-relations", help="Also read "
                         "relations stated without an event (supply shares, alliances, "
                         "rivalries) into the flows and stances tables.")] = True,
    spacy_model: ModelOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Read a corpus into the store: documents with their metadata, near-duplicates
    clustered and coded once, events, each merged with the same event told by other
    articles; what is stored already is not added again."""
    from .store import Store
    from .store import ingest as run_ingest

    date = _pub_date(pub_date)
    try:
        settings = _settings(settings_file, workers=workers, spacy_model=spacy_model,
                             actors=tuple(str(a) for a in actors) if actors else None,
                             relations=relations)
        store = Store.open(db)
    except DyadsError as exc:
        _fail(str(exc))
    try:
        with store, _IngestProgress(log_every) as progress:
            report = run_ingest(sources, store, settings, pub_date=date,
                                commit_every=commit_every, on_progress=progress)
    except DyadsError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        _fail("interrupted; what was stored is whole: run the same command to go on", 130)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"dyads ingest: run {report.run_id} into {db}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (("inputs read", report.read), ("documents stored", report.documents),
                         ("  coded", report.coded),
                         ("  near-duplicates (joined a cluster)", report.duplicates),
                         ("already in the store", report.already_stored),
                         ("skipped", report.skipped), ("events", report.events),
                         ("  new merged events", report.merged),
                         ("  told again (joined a merged event)", report.joined)):
        table.add_row(label, str(value))
    for reason, count in sorted(report.reasons.items()):
        table.add_row(f"  skips: {reason}", str(count))
    rate = report.read / report.seconds if report.seconds else 0.0
    table.add_row("seconds", f"{report.seconds:.1f} ({rate:.1f} inputs/s)")
    Console(stderr=True).print(table)
    if report.documents == 0 and report.already_stored == 0:
        _fail("nothing could be stored", 1)


class _IngestProgress:
    """A Rich progress display on a terminal; otherwise a line every N stored documents."""

    def __init__(self, log_every: int) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.log_every = log_every
        self.logged = 0
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> _IngestProgress:
        if self.console.is_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                     TimeElapsedColumn(), console=self.console)
            self.progress.start()
            self.task = self.progress.add_task("reading", total=None)
        return self

    def __call__(self, counts: Counter[str]) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=(
                f"read {counts['read']}  stored {counts['stored']}  "
                f"duplicates {counts['duplicates']}  already {counts['already_stored']}  "
                f"skipped {counts['skipped']}  events {counts['events']}"))
            return
        if counts["stored"] - self.logged >= self.log_every:
            self.logged = counts["stored"]
            typer.echo(f"dyads: stored {counts['stored']} documents "
                       f"({counts['events']} events)", err=True)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


def _filters(actor: Optional[str], recipient: Optional[str], category: Optional[str],
             quad_class: Optional[int], since: Optional[str], until: Optional[str],
             hedged: Optional[bool], text: Optional[str]) -> Any:
    from .store import Filters

    return Filters(actor=actor, recipient=recipient, category=category,
                   quad_class=quad_class, since=since, until=until, hedged=hedged, text=text)


ActorOpt = Annotated[Optional[str], typer.Option("--actor", help="Actor code or its start "
                     "(AZE matches AZEMIL).", show_default=False)]
RecipientOpt = Annotated[Optional[str], typer.Option("--recipient", help="Recipient code or "
                         "its start.", show_default=False)]
CategoryOpt = Annotated[Optional[str], typer.Option("--category", help="PLOVER category "
                        "(ASSAULT) or CAMEO code prefix (19).", show_default=False)]
QuadOpt = Annotated[Optional[int], typer.Option("--quad-class", min=1, max=4, help="GDELT "
                    "QuadClass 1-4.", show_default=False)]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="Events on or after this "
                     "day (YYYY-MM-DD).", show_default=False)]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Events on or before this "
                     "day (YYYY-MM-DD).", show_default=False)]
HedgedOpt = Annotated[Optional[bool], typer.Option("--hedged/--no-hedged", help="Only "
                      "hedged, or only unhedged, claims.", show_default=False)]
TextOpt = Annotated[Optional[str], typer.Option("--text", help="Sentence contains this "
                    "(case-insensitive).", show_default=False)]


@app.command()
def query(
    db: DbOpt = Path("dyads.duckdb"),
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    category: CategoryOpt = None,
    quad_class: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    hedged: HedgedOpt = None,
    text: TextOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, jsonl (full records) or "
                   "csv.")] = "table",
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most this many rows in "
                     "the table (0: all).")] = 50,
    merged: Annotated[bool, typer.Option("--merged", help="Merged events: one row per "
                      "event however many articles tell it, with mentions, articles, "
                      "sources and corroboration.")] = False,
    conflicts: Annotated[bool, typer.Option("--conflicts", help="With --merged: only merged "
                         "events whose reports give different numbers.")] = False,
) -> None:
    """Events in the store, filtered: a table, JSONL records or CSV rows; with --merged,
    the merged events."""
    from .store import QUERY_FORMATS

    if fmt not in QUERY_FORMATS:
        _fail(f"--format {fmt!r} is not one of {', '.join(QUERY_FORMATS)}")
    if conflicts and not merged:
        _fail("--conflicts selects merged events: give --merged too")
    filters = _filters(actor, recipient, category, quad_class, since, until, hedged, text)
    if merged:
        frame = _query_rows(db, fmt, lambda store: store.merged_records(
            filters, conflicts=True if conflicts else None), lambda store: store.merged_frame(
            filters, conflicts=True if conflicts else None))
        if frame is not None:
            _print_table(frame, limit, "merged events", MERGED_TABLE_COLUMNS, _merged_cells)
        return
    frame = _query_rows(db, fmt, lambda store: store.records(filters),
                        lambda store: store.events_frame(filters))
    if frame is not None:
        _print_table(frame, limit, "events", EVENT_TABLE_COLUMNS, _event_cells)


EVENT_TABLE_COLUMNS = ("day", "actor_code", "event", "cameo", "recipient_code", "modality",
                       "hedged", "articles", "text")
MERGED_TABLE_COLUMNS = ("first_day", "last_day", "actor_code", "event", "cameo",
                        "recipient_code", "modality", "mentions", "articles", "sources",
                        "corroboration", "conflicts", "text")


def _query_rows(db: Path, fmt: str, records: Callable[[Any], Iterable[dict[str, Any]]],
                frame: Callable[[Any], Any]) -> Any:
    """Print a query's JSONL or CSV; for a table, return its frame (None otherwise)."""
    from .store import Store

    try:
        with Store.open(db, read_only=True) as store:
            if fmt == "jsonl":
                for record in records(store):
                    typer.echo(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                return None
            rows = frame(store)
    except DyadsError as exc:
        _fail(str(exc))
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0) from None
    if fmt == "csv":
        sys.stdout.write(rows.to_csv(index=False))
        return None
    return rows


def _print_table(frame: Any, limit: int, noun: str, columns: Sequence[str],
                 cells_of: Callable[[Any, list[str]], list[str]]) -> None:
    from rich.table import Table

    shown = frame if limit == 0 else frame.head(limit)
    table = Table(title=f"{len(frame)} {noun}" + (
        f" (first {len(shown)})" if len(shown) < len(frame) else ""))
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column != "text")
    for row in shown.itertuples(index=False):
        cells = ["" if _missing(getattr(row, c)) else str(getattr(row, c)) for c in columns]
        table.add_row(*cells_of(row, cells))
    _stdout_console().print(table)


def _event_cells(row: Any, cells: list[str]) -> list[str]:
    cells[0] = cells[0][:10]  # the day, without a time
    return cells


def _merged_cells(row: Any, cells: list[str]) -> list[str]:
    cells[0], cells[1] = cells[0][:10], cells[1][:10]
    cells[4] = "negated " + cells[4] if bool(row.negated) else cells[4]
    cells[11] = ", ".join(json.loads(cells[11])) if cells[11] else ""
    return cells


def _missing(value: Any) -> bool:
    try:
        return bool(value != value) or value is None  # NaN, NaT, None
    except (TypeError, ValueError):
        return value is None


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File (replaced when it "
                      "exists) or, for parquet, a new directory.", show_default=False)],
    db: DbOpt = Path("dyads.duckdb"),
    fmt: Annotated[str, typer.Option("--format", help="parquet (a directory partitioned by "
                   "month), jsonl (the full records), csv (the flat columns), plover "
                   "(PLOVER JSONL), gdelt (GDELT-style TSV) or graphml (the actor "
                   "network).")] = "parquet",
    actor: ActorOpt = None,
    recipient: RecipientOpt = None,
    category: CategoryOpt = None,
    quad_class: QuadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    hedged: HedgedOpt = None,
    text: TextOpt = None,
    level: Annotated[str, typer.Option("--level", help="graphml: nodes are states and "
                     "organisations (country) or every actor code (actor).")
                     ] = "country",
    merged: Annotated[bool, typer.Option("--merged", help="One row per merged event (its "
                      "representative mention, with the merged counts); jsonl: the "
                      "merged events with their evidence.")] = False,
) -> None:
    """Export the stored events (all, or those the filters select)."""
    from .store import EXPORT_FORMATS, Store
    from .system import LEVELS

    if fmt not in EXPORT_FORMATS:
        _fail(f"--format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if level not in LEVELS:
        _fail(f"--level {level!r} is not one of {', '.join(LEVELS)}")
    filters = _filters(actor, recipient, category, quad_class, since, until, hedged, text)
    try:
        with Store.open(db, read_only=True) as store:
            n = store.export(output, fmt, filters, level, merged=merged)
    except DyadsError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")
    typer.echo(f"dyads: wrote {n} {'merged events' if merged else 'events'} to {output}",
               err=True)


def main() -> None:
    try:
        app()
    except DyadsError as exc:  # anything the commands did not already turn into a message
        typer.echo(f"dyads: error: {exc}", err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()

"""Render evaluation results: a terminal view, Markdown for docs/BENCHMARKS.md, and a PNG
of per-class F1."""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Sequence
from pathlib import Path

from .gate import Floors
from .result import SetResult

START = "<!-- accuracy:start -->"
END = "<!-- accuracy:end -->"


def _fmt(value: float) -> str:
    return f"{value:.3f}"


def _baselines(values: dict[str, float]) -> str:
    return "; ".join(f"{name} {_fmt(v)}" for name, v in values.items()) or "-"


def render_markdown(results: Sequence[SetResult], *, floors: Floors | None, command: str,
                    commit: str, model: str, plot: str | None = None) -> str:
    lines = [
        "## Accuracy",
        "",
        f"`{command}` on {dt.date.today().isoformat()}, commit `{commit}`, Python "
        f"{platform.python_version()}, spaCy model `{model}`. The gold data in "
        "`../shared/benchmarks` is used for measurement only. Baselines are yardsticks "
        "computed at evaluation time; the bag-of-words one is trained and tested on the same "
        "set by 5-fold cross-validation, which flatters it.",
        "",
        "| set | figure | dyads | baselines | floor |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        for figure in result.figures:
            if not figure.headline:
                continue
            floor = floors.floors.get(f"{result.name}/{figure.key}") if floors else None
            lines.append(f"| {result.name} | {figure.label} (n={figure.n}) | "
                         f"**{_fmt(figure.value)}** | {_baselines(figure.baselines)} | "
                         f"{_fmt(floor) if floor is not None else '-'} |")
    if plot:
        lines += ["", f"![per-class F1]({plot})"]
    for result in results:
        lines += ["", f"### {result.name}: {result.title}", "",
                  f"{result.items} items from `{_short(result.data)}`, "
                  f"{result.seconds:.1f} s.", ""]
        lines += ["| figure | value | n | baselines |", "|---|---|---|---|"]
        for figure in result.figures:
            lines.append(f"| {figure.label} | {_fmt(figure.value)} | {figure.n} | "
                         f"{_baselines(figure.baselines)} |")
        for table in result.tables:
            lines += ["", f"{table.title}:", "", "| " + " | ".join(table.header) + " |",
                      "|" + "---|" * len(table.header)]
            lines += ["| " + " | ".join(row) + " |" for row in table.rows]
        if result.notes:
            lines.append("")
            lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def _short(path: str) -> str:
    marker = "benchmarks"
    return path[path.index(marker):] if marker in path else path


def replace_section(path: Path, start: str, end: str, body: str, *,
                    first: bool = False) -> None:
    """Put ``body`` between the ``start`` and ``end`` markers of a Markdown file, in place
    when the markers are there; otherwise add it (after the title when ``first``, else at
    the end). The rest of the file, written by hand, is kept."""
    block = f"{start}\n{body}{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + block + tail.lstrip("\n")
    elif first:
        title, _, body_text = text.partition("\n")
        text = f"{title}\n\n{block}\n{body_text.lstrip()}"
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def update_report(path: Path, section: str) -> None:
    """Replace the accuracy section of a Markdown report (placed first if it is new)."""
    replace_section(path, START, END, section, first=True)


def plot_per_class(results: Sequence[SetResult], path: Path) -> bool:
    """A PNG with one panel per set that has per-class F1; False when there is none."""
    panels = [r for r in results if r.per_class_f1]
    if not panels:
        return False
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 3.2 * len(panels)), squeeze=False)
    for ax, result in zip(axes[:, 0], panels, strict=True):
        systems = list(result.per_class_f1)
        classes = list(result.per_class_f1[systems[0]])
        width = 0.8 / len(systems)
        for j, system in enumerate(systems):
            values = [result.per_class_f1[system].get(c, 0.0) for c in classes]
            ax.bar([i + j * width for i in range(len(classes))], values, width, label=system)
        ax.set_xticks([i + width * (len(systems) - 1) / 2 for i in range(len(classes))],
                      classes, rotation=30, ha="right", fontsize=8)
        ax.set_ylim(0, 1)
        ax.set_ylabel("F1")
        ax.set_title(f"{result.name}: per-class F1", fontsize=10)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=90, metadata={"Software": None})
    plt.close(fig)
    return True

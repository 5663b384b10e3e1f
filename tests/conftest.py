from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dyads
from dyads.pipeline import Pipeline, cached_pipeline
from dyads.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "dyads" / "data" / "sample"
DYADS = Path(sys.executable).parent / "dyads"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return cached_pipeline(Settings())


def code(pipeline: Pipeline, text: str, pub_date: str | None = None) -> list[dict[str, Any]]:
    return [e.to_record() for e in dyads.code_text(text, pipeline, pub_date=pub_date)]


def write_wire(folder: Path, rows: list[dict[str, str]]) -> Path:
    """A folder holding ``rows`` as one JSONL file of documents, for `dyads ingest`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                       encoding="utf-8")
    return folder


def cameos(pipeline: Pipeline, text: str) -> list[str]:
    """The CAMEO codes of a text's events, in order."""
    return [e.cameo for e in dyads.code_text(text, pipeline)]


def run_cli(*args: str, stdin: str | bytes | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `dyads` command as a user would."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run([str(DYADS), *args], input=data, capture_output=True,
                          cwd=cwd, timeout=600, env={**os.environ, "COLUMNS": "200"})
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8", "replace"),
                                       proc.stderr.decode("utf-8", "replace"))


def records(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def assert_shipped_set_holds_its_floors(name: str, pipeline: Pipeline) -> None:
    """Score a gold set that ships with dyads; every headline figure has a floor in
    floors.json and is at or above it."""
    from dyads.eval.gate import check, load_floors
    from dyads.eval.sets import evaluate

    results = evaluate([name], pipeline.settings, pipeline=pipeline, baselines=False)
    floors = load_floors(ROOT / "floors.json")
    headline = [f.key for f in results[0].figures if f.headline]
    missing = [k for k in headline if f"{name}/{k}" not in floors.floors]
    assert not missing, f"no floor for {missing}"
    failures = check(results, floors)
    assert not failures, "\n".join(f.message() for f in failures)

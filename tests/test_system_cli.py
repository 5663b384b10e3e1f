"""`dyads system` as a user runs it: table, JSON (checked against its schema), GraphML,
pictures, and clear errors."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import jsonschema
import pytest

from dyads.datafiles import data_path

from .conftest import DYADS, SAMPLE, run_cli

ARTICLE = """Oman sends fuel to Yemen

Oman supplied Yemen with diesel on Tuesday, officials said. Saudi warplanes struck \
Houthi positions near the border. Iran reportedly sent drones to the Houthis. Yemen \
depends on Oman for 60% of its fuel. Saudi Arabia regards Iran as its main rival.
"""


@pytest.fixture(scope="module")
def article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("system") / "yemen.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_matches_its_schema(article: Path) -> None:
    proc = run_cli("system", str(article), "--format", "json", "--pub-date", "2024-02-06")
    assert proc.returncode == 0, proc.stderr
    system = json.loads(proc.stdout)
    with data_path("schema", "system.schema.json").open(encoding="utf-8") as handle:
        jsonschema.validate(system, json.load(handle))
    flows = {(f["supplier"], f["recipient"], f["commodity"], f["share"])
             for f in system["flows"]}
    assert ("OMN", "YEM", "oil", None) in flows  # the supply event
    assert ("OMN", "YEM", "oil", 60.0) in flows  # the dependence, stated without an event
    assert [(s["holder"], s["other"], s["kind"]) for s in system["stances"]] == [
        ("SAU", "IRN", "rivalry")]
    assert system["documents"] == 1
    assert any(d["source"] == "SAU" and d["quad_classes"].get("4") for d in system["dyads"])


def test_table_reads_in_a_terminal(article: Path) -> None:
    proc = run_cli("system", str(article))
    assert proc.returncode == 0, proc.stderr
    for heading in ("dyads system:", "dyads: who acts on whom", "flows: who supplies whom",
                    "strongest evidence", "stances stated without an event"):
        assert heading in proc.stdout
    assert "OMN>YEM" in proc.stdout and "Oman" in proc.stdout


def test_sample_corpus_system(tmp_path: Path) -> None:
    proc = run_cli("system", str(SAMPLE), "--format", "json", "--pub-date", "2023-09-21")
    assert proc.returncode == 0, proc.stderr
    flows = {(f["supplier"], f["recipient"], f["commodity"], f["category"], f["share"])
             for f in json.loads(proc.stdout)["flows"]}
    assert ("ISR", "AZE", "arms", "artillery", None) in flows
    assert ("AZE", "ISR", "oil", None, 40.0) in flows
    assert ("ISR", "AZE", "arms", None, 70.0) in flows  # made up roughly 70% of


def test_graphml_opens_in_networkx(article: Path, tmp_path: Path) -> None:
    import networkx as nx

    out = tmp_path / "system.graphml"
    proc = run_cli("system", str(article), "--format", "graphml", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    graph = nx.read_graphml(out)
    assert graph.nodes["OMN"]["name"] == "Oman"
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert kinds == {"events", "flow", "stance"}


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_picture(article: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"system.{fmt}"
    proc = run_cli("system", str(article), "--format", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    head = out.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if fmt == "png" else b"<svg" in head or b"<?xml" in head


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], "--format 'pdf' is not one of table, json, graphml, png, svg"),
    (["--format", "png"], "--format png writes a picture: give a file with --output"),
    (["--level", "city"], "--level 'city' is not one of country, actor"),
])
def test_clear_errors(article: Path, args: list[str], message: str) -> None:
    proc = run_cli("system", str(article), *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_nothing_to_code(tmp_path: Path) -> None:
    proc = run_cli("system", str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert "missing.txt" in proc.stderr and "nothing could be coded" in proc.stderr


def test_a_table_piped_into_head_stops_quietly() -> None:
    # the reader goes away after a byte: no traceback and exit status 0, as for
    # `dyads code | head`
    script = (f"{shlex.quote(str(DYADS))} system {shlex.quote(str(SAMPLE))} | head -c 1 "
              ">/dev/null; exit ${PIPESTATUS[0]}")
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr

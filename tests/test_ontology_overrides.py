"""Where the PLOVER manual's definitions plainly disagree with the CAMEO-to-PLOVER
conversion table, the ontology follows the manual (scripts/sources/plover_overrides.jsonl,
applied by scripts/build_ontology.py). The sentences are written for these tests."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from dyads.events import load_ontology
from dyads.events.ontology import PLOVER_CATEGORIES
from dyads.pipeline import Pipeline

from .conftest import code

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "scripts" / "sources" / "plover_overrides.jsonl"
BUILD = ROOT / "scripts" / "build_ontology.py"
TABLE = ROOT.parent / "shared" / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"


def _overrides() -> list[dict[str, object]]:
    return [json.loads(line) for line in OVERRIDES.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_every_override_gives_the_manuals_words_and_is_in_the_ontology() -> None:
    ontology = load_ontology()
    rows = _overrides()
    assert {str(r["cameo"]) for r in rows} == {"163", "0831", "0813", "0814", "1722", "085",
                                               "0842"}
    for row in rows:
        assert row["manual"] and row["section"], row
        assert row["event"] in PLOVER_CATEGORIES, row
        code = ontology[str(row["cameo"])]
        assert (code.event, code.mode) == (row["event"], row["mode"]), row


@pytest.mark.skipif(not TABLE.exists(), reason="../shared/reference is not beside the repo")
def test_the_shipped_ontology_is_what_the_build_writes() -> None:
    spec = importlib.util.spec_from_file_location("build_ontology", BUILD)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    built = {r["cameo"]: r for r in build.build(TABLE)}
    shipped = load_ontology()
    assert set(built) == set(shipped.codes)
    for cameo, row in built.items():
        assert (row["event"], row["mode"]) == (shipped[cameo].event, shipped[cameo].mode), cameo


def test_an_override_of_a_row_the_table_no_longer_gives_stops_the_build(
        tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("build_ontology", BUILD)
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    stale = tmp_path / "overrides.jsonl"
    stale.write_text(json.dumps({"cameo": "163", "table": ["SANCTION", None],
                                 "event": "SANCTION", "mode": "discontinue",
                                 "section": "SANCTION", "manual": "x"}) + "\n")
    codes = {"163": ("Impose embargo, boycott, or sanctions", "COERCE", "restrict",
                     ["diplomatic"])}
    with pytest.raises(SystemExit, match="review the override"):
        build.apply_overrides(codes, stale)


# (sentence, PLOVER category, mode, CAMEO code, actor countries, recipient countries)
CODED = [
    # SANCTION, mode discontinue: 'International (political or economic) sanctions are
    # coded as discontinue' (the table: COERCE restrict)
    ("New Zealand imposed travel sanctions on Russian officials.", "SANCTION", "discontinue",
     "163", ["NZL"], ["RUS"]),
    ("Kenya imposed an embargo on Somali charcoal.", "SANCTION", "discontinue", "163",
     ["KEN"], ["SOM"]),
    # RETREAT 'also covers resignations of government officials' (the table: CONCEDE)
    ("The Moldovan prime minister resigned after weeks of protests.", "RETREAT", "resign",
     "0831", ["MDA"], []),
    # CONCEDE covers 'removing curfews' and easing legal restrictions (the table: RETREAT)
    ("Authorities in Mombasa lifted the night curfew.", "CONCEDE", None, "0813", ["KEN"],
     ["KEN"]),
    ("Chile lifted the state of emergency in Santiago.", "CONCEDE", None, "0814", ["CHL"],
     ["CHL"]),
    # COERCE restrict includes 'the banning of individuals or organizations from political
    # life'; the manual has no mode 'ban'
    ("Belarus banned the main opposition party.", "COERCE", "restrict", "1722", ["BLR"], []),
    # RETREAT keeps its category; the manual has no RETREAT mode 'ease' or 'return'
    ("Australia lifted sanctions on Fiji.", "RETREAT", None, "085", ["AUS"], ["FJI"]),
    ("Austria returned two medieval manuscripts to Poland.", "RETREAT", None, "0842",
     ["AUT"], ["POL"]),
]


@pytest.mark.parametrize(("text", "category", "mode", "cameo", "actors", "recipients"), CODED)
def test_a_code_the_manual_reads_otherwise_is_coded_as_the_manual_reads_it(
        pipeline: Pipeline, text: str, category: str, mode: str | None, cameo: str,
        actors: list[str], recipients: list[str]) -> None:
    events = code(pipeline, text)
    assert events, f"no event for {text!r}"
    event = events[0]
    assert (event["event"], event["mode"], event["cameo"]) == (category, mode, cameo), event
    assert sorted(a["country"] for a in event["actor"]) == actors, event["actor"]
    assert sorted(r["country"] for r in event["recipient"]) == recipients, event["recipient"]

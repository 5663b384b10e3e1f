"""A collective name ('the Baltic states') stands for several actors, each a party of
its own; dictionary files list them in ``members``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyads.actors import load_actors
from dyads.errors import DataError
from dyads.pipeline import Pipeline

from .conftest import code


def test_each_member_is_a_party(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "The Baltic states condemned Russia.")
    assert [a["code"] for a in event["actor"]] == ["EST", "LVA", "LTU"]
    (event,) = code(pipeline, "Japan threatened the Benelux countries.")
    assert [r["code"] for r in event["recipient"]] == ["BEL", "NLD", "LUX"]


def test_a_member_takes_the_sector_of_its_phrase(pipeline: Pipeline) -> None:
    records = code(pipeline, "Baltic states' governments condemned Russia.")
    assert records and {a["code"] for a in records[0]["actor"]} == {
        "ESTGOV", "LVAGOV", "LTUGOV"}


def test_a_bad_member_code_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"code": "ABC", "names": ["Abc lands"],
                                "members": ["DEF", "bad"]}) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="bad member code 'bad'") as err:
        load_actors([path])
    assert err.value.line == 1

"""The event record contract: real output validates against the shipped JSON Schema."""

from __future__ import annotations

import json

import jsonschema

from dyads.datafiles import data_path

from .conftest import SAMPLE, records, run_cli

REQUIRED = ["id", "doc_id", "sentence_index", "text", "text_info", "event", "mode", "context",
            "cameo", "penta_class", "quad_class", "goldstein", "trigger", "actor", "recipient",
            "negated", "modality", "hedged", "attribution", "quantities", "date", "location",
            "confidence", "rule"]


def _schema() -> dict[str, object]:
    with data_path("schema", "event.schema.json").open(encoding="utf-8") as handle:
        schema: dict[str, object] = json.load(handle)
    return schema


def test_schema_requires_every_field_of_the_design() -> None:
    assert sorted(_schema()["required"]) == sorted(REQUIRED)  # type: ignore[arg-type]


def test_sample_output_validates_against_the_schema() -> None:
    proc = run_cli("code", str(SAMPLE), "--pub-date", "2023-09-21")
    assert proc.returncode == 0, proc.stderr
    events = records(proc.stdout)
    assert len(events) >= 20
    validator = jsonschema.Draft202012Validator(_schema())
    for event in events:
        errors = sorted(validator.iter_errors(event), key=str)
        assert not errors, (event["id"], [e.message for e in errors])
    # Offsets point into the document the record names.
    for event in events:
        text = open(event["doc_id"], encoding="utf-8").read()
        assert text[event["text_info"]["start"]:event["text_info"]["end"]] == event["text"]
        trigger = event["trigger"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]


def test_schema_rejects_a_broken_record() -> None:
    proc = run_cli("code", "--lines", "-", stdin="Russia attacked Ukraine.\n")
    event = records(proc.stdout)[0]
    validator = jsonschema.Draft202012Validator(_schema())
    broken = dict(event, penta_class=7)
    assert list(validator.iter_errors(broken))
    missing = {k: v for k, v in event.items() if k != "modality"}
    assert list(validator.iter_errors(missing))


def test_classes_follow_the_cameo_root() -> None:
    proc = run_cli("code", str(SAMPLE))
    for event in records(proc.stdout):
        root = int(event["cameo"][:2])
        penta = 0 if root <= 2 else 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        assert (event["penta_class"], event["quad_class"]) == (penta, quad), event["id"]

"""Write event records: one JSON object per line, or one CSV row per event."""

from __future__ import annotations

import csv
import json
from typing import Any, TextIO

from ..models import Event

FORMATS = ("jsonl", "csv")
CSV_COLUMNS = (
    "id", "doc_id", "sentence_index", "event", "mode", "context", "cameo", "penta_class",
    "quad_class", "goldstein", "trigger", "trigger_start", "trigger_end", "actor_code",
    "actor_text", "recipient_code", "recipient_text", "negated", "modality", "hedged",
    "attribution", "date", "location", "confidence", "rule", "text", "text_start", "text_end",
)


def jsonl_line(event: Event) -> str:
    return json.dumps(event.to_record(), ensure_ascii=False, separators=(",", ":"))


def csv_row(event: Event) -> list[Any]:
    """A flat row: lists joined with ';', absent values empty."""
    r = event.to_record()
    return [
        r["id"], r["doc_id"], r["sentence_index"], r["event"] or "", r["mode"] or "",
        ";".join(r["context"]), r["cameo"], r["penta_class"], r["quad_class"], r["goldstein"],
        r["trigger"]["text"], r["trigger"]["start"], r["trigger"]["end"],
        ";".join(a["code"] for a in r["actor"]), ";".join(a["entity_text"] for a in r["actor"]),
        ";".join(a["code"] for a in r["recipient"]),
        ";".join(a["entity_text"] for a in r["recipient"]),
        r["negated"], r["modality"], r["hedged"],
        r["attribution"]["text"] if r["attribution"] else "",
        r["date"]["iso"] if r["date"] else "",
        r["location"]["text"] if r["location"] else "",
        r["confidence"], r["rule"], r["text"], r["text_info"]["start"], r["text_info"]["end"],
    ]


class EventWriter:
    """Writes events to a text stream in one of ``FORMATS``."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.stream = stream
        self.fmt = fmt
        self._csv = csv.writer(stream, lineterminator="\n") if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(CSV_COLUMNS)

    def write(self, event: Event) -> None:
        if self._csv is not None:
            self._csv.writerow(csv_row(event))
        else:
            self.stream.write(jsonl_line(event) + "\n")

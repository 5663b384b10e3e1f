"""The training sentences for the back-off classifier: well formed, consistent with the
CAMEO ontology, balanced, and disjoint from the held-out gold set, the lexicon examples and
the test suite (a training text that repeats one of them would contaminate evaluation)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from dyads.events import load_ontology

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "dyads" / "data"
TRAINING = DATA / "training" / "sentences.jsonl"
KEYS = {"id", "text", "event", "cameo", "penta"}
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
              "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
              "COERCE", "ASSAULT")
MIN_PER_CATEGORY = 90
MIN_NO_EVENT = 250
MIN_TOTAL = 2000


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _rows() -> list[tuple[int, dict[str, Any]]]:
    rows = []
    with TRAINING.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            assert isinstance(row, dict), f"line {line_no} is not an object"
            rows.append((line_no, row))
    return rows


def test_every_line_parses_with_exactly_the_expected_keys() -> None:
    rows = _rows()
    assert rows
    for line_no, row in rows:
        assert set(row) == KEYS, f"line {line_no}: keys {sorted(row)}"
        assert isinstance(row["id"], str) and re.fullmatch(r"t\d{4,}", row["id"]), line_no
        assert isinstance(row["text"], str) and row["text"] == row["text"].strip(), line_no
        words = len(row["text"].split())
        assert 8 <= words <= 35, f"line {line_no}: {words} words"


def test_ids_and_texts_are_unique() -> None:
    rows = [row for _, row in _rows()]
    ids = Counter(row["id"] for row in rows)
    texts = Counter(_norm(row["text"]) for row in rows)
    assert [i for i, n in ids.items() if n > 1] == []
    assert [t for t, n in texts.items() if n > 1] == []


def test_labels_agree_with_the_cameo_ontology() -> None:
    ontology = load_ontology()
    for line_no, row in _rows():
        event, cameo, penta = row["event"], row["cameo"], row["penta"]
        assert event is None or event in CATEGORIES, f"line {line_no}: event {event!r}"
        if cameo is None:
            assert event is None and penta is None, f"line {line_no}: cameo null, others not"
            continue
        assert isinstance(cameo, str) and cameo in ontology, f"line {line_no}: {cameo!r}"
        code = ontology[cameo]
        assert event == code.event, f"line {line_no}: {cameo} is {code.event}, not {event}"
        assert type(penta) is int and penta == code.penta_class, (
            f"line {line_no}: {cameo} has PentaClass {code.penta_class}, not {penta!r}")


def test_categories_are_balanced_and_the_set_is_large_enough() -> None:
    rows = [row for _, row in _rows()]
    counts = Counter(row["event"] for row in rows)
    for category in CATEGORIES:
        assert counts[category] >= MIN_PER_CATEGORY, (category, counts[category])
    assert counts[None] >= MIN_NO_EVENT, counts[None]
    assert len(rows) >= MIN_TOTAL, len(rows)


def _held_out_texts() -> set[str]:
    texts = set()
    with (DATA / "gold" / "sentences.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.add(_norm(json.loads(line)["text"]))
    with (DATA / "lexicon" / "events.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                example = json.loads(line).get("example")
                if example and example.get("text"):
                    texts.add(_norm(example["text"]))
    return texts


def test_no_text_comes_from_the_gold_set_or_the_lexicon_examples() -> None:
    held_out = _held_out_texts()
    assert len(held_out) > 100
    leaked = [row["id"] for _, row in _rows() if _norm(row["text"]) in held_out]
    assert leaked == []


def test_no_text_appears_in_the_test_suite() -> None:
    files = [p for p in sorted((ROOT / "tests").rglob("*"))
             if p.is_file() and "__pycache__" not in p.parts]
    corpus = [_norm(p.read_text(encoding="utf-8", errors="replace")) for p in files]
    leaked = [row["id"] for _, row in _rows()
              if any(_norm(row["text"]) in text for text in corpus)]
    assert leaked == []

"""The project's own gold set (``data/gold/sentences.jsonl``) is well formed and keeps its
coverage. This checks the data only; it never runs the coder."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import dyads
from dyads.events import load_ontology
from dyads.events.ontology import PLOVER_CATEGORIES

DATA = Path(dyads.__file__).resolve().parent / "data"
GOLD = DATA / "gold" / "sentences.jsonl"

ITEM_KEYS = {"id", "text", "features", "events"}
EVENT_KEYS = {"event", "cameo", "actor", "recipient", "modality", "negated", "hedged"}
OPTIONAL_EVENT_KEYS = {"attribution", "quantities"}
MODALITIES = {"actual", "intended", "threatened", "requested", "denied", "alleged",
              "hypothetical"}
FEATURES = {"active", "passive", "ditransitive", "phrasal", "nominal", "coordination",
            "several_events", "control", "relative_clause", "participle", "reported_speech",
            "negation", "hedging", "attribution", "coreference", "conditional", "threat",
            "request", "denial", "allegation", "pledge", "quantity", "no_event", "statement"}
QUANTITY_KINDS = {"dead", "injured", "arrested", "displaced", "money", "share", "count"}
CODE = re.compile(r"^(?:[A-Z]{3}|(?:IGO|NGO)[A-Z0-9]{3})$")

# Coverage floors: the file may grow, never fall below these unnoticed.
MIN_ITEMS = 300
MIN_PER_CATEGORY = 12
MIN_PER_FEATURE = 8
MIN_NO_EVENT = 30
MIN_PASSIVE = 15
MIN_HEDGED = 15
MIN_NEGATED = 15
MIN_PER_MODALITY = 10  # every modality other than "actual"
MIN_WORDS, MAX_WORDS = 8, 35


def _items() -> list[dict[str, Any]]:
    items = []
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{GOLD.name}:{n}: empty line"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            pytest.fail(f"{GOLD.name}:{n}: not JSON ({err})")
        assert isinstance(row, dict), f"{GOLD.name}:{n}: not an object"
        items.append(row)
    return items


def _actor_codes() -> set[str]:
    codes = set()
    for path in sorted((DATA / "actors").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                code = json.loads(line).get("code")
                if isinstance(code, str):
                    codes.add(code)
    return codes


ITEMS = _items()
EVENTS = [ev for item in ITEMS for ev in item["events"]]


def test_items_have_the_specified_keys_and_types() -> None:
    for item in ITEMS:
        where = item.get("id", item)
        assert set(item) == ITEM_KEYS, where
        assert isinstance(item["id"], str) and re.fullmatch(r"g\d{3,}", item["id"]), where
        assert isinstance(item["text"], str) and item["text"] == item["text"].strip(), where
        assert isinstance(item["features"], list) and item["features"], where
        assert isinstance(item["events"], list), where
        for ev in item["events"]:
            assert isinstance(ev, dict), where
            assert EVENT_KEYS <= set(ev) <= EVENT_KEYS | OPTIONAL_EVENT_KEYS, (where, set(ev))
            assert isinstance(ev["negated"], bool) and isinstance(ev["hedged"], bool), where
            assert isinstance(ev["actor"], list) and isinstance(ev["recipient"], list), where
            if "attribution" in ev:
                assert isinstance(ev["attribution"], str) and ev["attribution"].strip(), where
                assert ev["attribution"] in item["text"], where


def test_ids_and_texts_are_unique() -> None:
    ids = Counter(item["id"] for item in ITEMS)
    assert not [i for i, n in ids.items() if n > 1]
    texts = Counter(item["text"] for item in ITEMS)
    assert not [t for t, n in texts.items() if n > 1]


def test_texts_are_news_length() -> None:
    for item in ITEMS:
        words = len(item["text"].split())
        assert MIN_WORDS <= words <= MAX_WORDS, (item["id"], words)


def test_cameo_codes_exist_and_match_their_plover_category() -> None:
    ontology = load_ontology()
    for item in ITEMS:
        for ev in item["events"]:
            code = ev["cameo"]
            assert isinstance(code, str) and code in ontology, (item["id"], code)
            expected = ontology[code].event  # None for the 01x public statements
            assert ev["event"] == expected, (item["id"], code, ev["event"], expected)
            if code.startswith("01"):
                assert ev["event"] is None, (item["id"], code)


def test_actor_and_recipient_codes_are_known() -> None:
    known = _actor_codes()
    for item in ITEMS:
        for ev in item["events"]:
            for slot in ("actor", "recipient"):
                codes = ev[slot]
                assert len(codes) == len(set(codes)), (item["id"], slot, codes)
                for code in codes:
                    assert isinstance(code, str) and CODE.match(code), (item["id"], code)
                    assert code in known, (item["id"], slot, code)


def test_modalities_features_and_quantities_are_from_the_allowed_sets() -> None:
    for item in ITEMS:
        features = item["features"]
        assert len(features) == len(set(features)), item["id"]
        assert set(features) <= FEATURES, (item["id"], set(features) - FEATURES)
        for ev in item["events"]:
            assert ev["modality"] in MODALITIES, (item["id"], ev["modality"])
            for q in ev.get("quantities", []):
                assert isinstance(q, dict) and {"kind", "value"} <= set(q), item["id"]
                assert set(q) <= {"kind", "value", "unit"}, item["id"]
                assert q["kind"] in QUANTITY_KINDS, (item["id"], q["kind"])
                assert isinstance(q["value"], int | float) and not isinstance(q["value"], bool)
                assert "unit" not in q or isinstance(q["unit"], str), item["id"]


def test_features_agree_with_the_events() -> None:
    for item in ITEMS:
        features, events = set(item["features"]), item["events"]
        where = item["id"]
        assert ("no_event" in features) == (not events), where
        assert ("several_events" in features) == (len(events) > 1), where
        assert ("negation" in features) == any(ev["negated"] for ev in events), where
        assert ("hedging" in features) == any(ev["hedged"] for ev in events), where
        assert ("quantity" in features) == any(ev.get("quantities") for ev in events), where
        if "attribution" in features:
            assert any(ev.get("attribution") for ev in events), where
        if "threat" in features:
            assert any(ev["event"] == "THREATEN" for ev in events), where
        if "request" in features:
            assert any(ev["event"] == "REQUEST" for ev in events), where
        if "denial" in features:
            assert any(ev["modality"] == "denied" for ev in events), where
        if "allegation" in features:
            assert any(ev["modality"] == "alleged" for ev in events), where
        if "statement" in features:
            assert any(ev["event"] is None for ev in events), where
        if "pledge" in features:
            assert any(ev["modality"] == "intended" for ev in events), where
        if "conditional" in features:
            assert any(ev["modality"] in ("hypothetical", "threatened") for ev in events), where


def test_coverage_floors_hold() -> None:
    assert len(ITEMS) >= MIN_ITEMS
    categories = Counter(ev["event"] for ev in EVENTS)
    short = {c: categories[c] for c in PLOVER_CATEGORIES if categories[c] < MIN_PER_CATEGORY}
    assert not short, short
    features = Counter(f for item in ITEMS for f in item["features"])
    short = {f: features[f] for f in sorted(FEATURES) if features[f] < MIN_PER_FEATURE}
    assert not short, short
    assert sum(not item["events"] for item in ITEMS) >= MIN_NO_EVENT
    assert sum("passive" in item["features"] and bool(item["events"])
               for item in ITEMS) >= MIN_PASSIVE
    assert sum(any(ev["hedged"] for ev in item["events"]) for item in ITEMS) >= MIN_HEDGED
    assert sum(any(ev["negated"] for ev in item["events"]) for item in ITEMS) >= MIN_NEGATED
    modalities = Counter(ev["modality"] for ev in EVENTS)
    short = {m: modalities[m] for m in sorted(MODALITIES - {"actual"})
             if modalities[m] < MIN_PER_MODALITY}
    assert not short, short


def test_no_lexicon_example_is_reused() -> None:
    path = DATA / "lexicon" / "events.jsonl"
    examples = {json.loads(line)["example"]["text"].strip().lower()
                for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    reused = [item["id"] for item in ITEMS if item["text"].strip().lower() in examples]
    assert not reused

"""Every lexicon entry carries an example sentence written for it; each must code to it.

This keeps the data and the coder honest together: an entry whose frame the coder cannot
read, or an example that does not say what the entry claims, fails here by name.
"""

from __future__ import annotations

import pytest

import dyads
from dyads.events import load_lexicon, load_ontology
from dyads.pipeline import Pipeline

ENTRIES = [e for e in load_lexicon(load_ontology()).entries if e.example]


def test_every_entry_has_an_example() -> None:
    lexicon = load_lexicon(load_ontology())
    missing = [e.id for e in lexicon.entries if not e.example]
    assert not missing


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_example_codes_to_its_entry(pipeline: Pipeline, entry: object) -> None:
    example = entry.example  # type: ignore[attr-defined]
    events = dyads.code_text(str(example["text"]), pipeline)
    rule = f"lexicon:{entry.id}"  # type: ignore[attr-defined]
    mine = [e for e in events if e.rule == rule]
    assert mine, f"{example['text']!r} gave {[e.rule for e in events]}"
    event = mine[0]
    assert example["actor"] in {a.country for a in event.actor}, event.actor
    if example.get("recipient"):
        assert example["recipient"] in {r.country for r in event.recipient}, event.recipient


def test_inflections_of_verb_triggers() -> None:
    from dyads.events.lexicon import inflections

    assert {"cordons", "cordoned", "cordoning"} <= set(inflections("cordon"))
    assert {"stages", "staged", "staging"} <= set(inflections("stage"))
    assert {"allied", "allies"} <= set(inflections("ally"))
    assert {"planned", "planning"} <= set(inflections("plan"))
    assert "stageing" not in inflections("stage")

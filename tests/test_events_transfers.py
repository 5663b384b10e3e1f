"""Transfers told from the receiving end or through a participle: who supplied the goods
and who got them."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "actor", "recipient"), [
    # the goods' nationality names the supplier when no 'from' does
    ("Qatar received Turkish armoured vehicles on Sunday.", "TUR", "QAT"),
    ("Ghana received a shipment of Indian rifles.", "IND", "GHA"),
    ("Peru received radar systems from Israel.", "ISR", "PER"),
    # taking delivery is receiving
    ("Indonesia took delivery of Korean submarines.", "KOR", "IDN"),
    # goods described by a participle: their user, or the place they arrive in
    ("Nigerien troops are operating drones supplied by Turkey.", "TUR", "NER"),
    ("Rifles sold by Serbia arrived in Cyprus last month.", "SRB", "CYP"),
])
def test_transfer_roles(pipeline: Pipeline, text: str, actor: str, recipient: str) -> None:
    events = [e for e in code(pipeline, text) if e["event"] in ("AID", "COOPERATE")]  # sold: trade
    assert events, text
    assert [a["code"][:3] for a in events[0]["actor"]] == [actor]
    assert [r["code"][:3] for r in events[0]["recipient"]] == [recipient]


def test_received_goods_with_no_maker_named_have_no_supplier(pipeline: Pipeline) -> None:
    # 'received new helicopters' says nothing of where they came from
    events = [e for e in code(pipeline, "Kenya received new helicopters in June.")
              if e["event"] == "AID" and e["actor"]]
    assert events == []


def test_word_id_sets_are_cached_per_string_store() -> None:
    # Regression: a helper inserted above `_ids` took its @cache, and every block then
    # re-hashed the whole lexicon (the coder ran at half speed).
    from dyads.events import coder

    assert hasattr(coder._ids, "cache_info")
    assert not hasattr(coder._object_owners, "cache_info")

"""Flows read from transfer events: supplier, recipient, goods, share, direction, status."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import dyads
from dyads.errors import DataError
from dyads.models import DateRef, Entity, Event, Quantity, Sentence, Span
from dyads.pipeline import Pipeline
from dyads.system import Flow, build_system, flows_of, load_flow_rules


def _flows(pipeline: Pipeline, text: str) -> list[Flow]:
    rules = load_flow_rules()
    return [f for e in dyads.code_text(text, pipeline) for f in flows_of(e, rules)]


def _summary(flows: list[Flow]) -> set[tuple[str, str, str, str | None]]:
    return {(f.supplier, f.recipient, f.commodity, f.category) for f in flows}


def test_supplied_with_two_kinds_of_arms(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Turkey supplied Somalia with howitzers and attack drones.")
    assert _summary(flows) == {("TUR", "SOM", "arms", "artillery"),
                               ("TUR", "SOM", "arms", "drones")}
    assert all(f.modality == "actual" and not f.hedged for f in flows)


def test_buying_from_turns_the_flow_round(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Hungary buys about 65% of its gas from Russia.")
    assert _summary(flows) == {("RUS", "HUN", "gas", None)}
    assert flows[0].share == 65.0


def test_a_share_in_words_and_a_share_of_exports(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Jordan buys about a third of its wheat from Romania.")
    assert [(f.supplier, f.recipient, f.share) for f in flows] == [("ROU", "JOR", 33.3)]
    # a share of what the supplier sells is not a share of the recipient's needs
    flows = _flows(pipeline, "India buys about 60% of Angola's crude exports.")
    assert [f.share for f in flows] == [None] * len(flows)


def test_a_pledge_has_no_period_of_its_own(pipeline: Pipeline) -> None:
    events = dyads.code_text("Norway pledged $5 million in humanitarian aid to Chad on "
                             "Monday.", pipeline, pub_date="2024-03-06")
    flows = [f for e in events for f in flows_of(e, load_flow_rules())]
    assert [(f.modality, f.period) for f in flows] == [("intended", None)]
    assert events[0].date is not None  # the promise itself is dated


def test_import_from_turns_the_flow_round(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Egypt imported wheat from Kazakhstan.")
    assert _summary(flows) == {("KAZ", "EGY", "food", "grain")}


def test_goods_named_before_a_passive_trigger(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Tanks were delivered by Poland to Ukraine.")
    assert _summary(flows) == {("POL", "UKR", "arms", "armour")}


def test_hedged_report_gives_a_hedged_flow(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "North Korea reportedly sold artillery shells to Russia.")
    assert _summary(flows) == {("PRK", "RUS", "arms", "ammunition")}  # shells: ammunition
    assert flows[0].hedged


def test_pledged_aid_is_intended_with_its_amount(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Norway pledged $25 million in humanitarian aid to Sudan.")
    assert _summary(flows) == {("NOR", "SDN", "humanitarian aid", None)}
    assert flows[0].modality == "intended"
    assert flows[0].amount is not None and flows[0].amount.value == 25_000_000


@pytest.mark.parametrize("text", [
    "Chile did not supply Peru with weapons.",       # negated
    "Chile could supply Peru with weapons.",         # hypothetical
    "Peru asked Chile for weapons.",                 # a request moves nothing
    "Chile and Peru traded accusations.",            # trade of words, no goods
    "Chile trades heavily with Peru.",               # trade with no goods named
])
def test_no_flow(pipeline: Pipeline, text: str) -> None:
    assert _flows(pipeline, text) == []


def test_military_aid_with_no_goods_named_is_arms(pipeline: Pipeline) -> None:
    flows = _flows(pipeline, "Egypt provided military aid to Libya.")
    assert {(f.supplier, f.recipient, f.commodity) for f in flows} == {("EGY", "LBY", "arms")}


def _event(cameo: str, text: str, trigger: str, actor: str, recipient: str, *,
           date: DateRef | None = None, quantities: tuple[Quantity, ...] = (),
           rule: str = "lexicon:aid.supply.v", hedged: bool = False, n: int = 0) -> Event:
    start = text.index(trigger)
    return Event(
        doc_id="d", sentence_index=0, n=n, sentence=Sentence("d", 0, 0, len(text), text),
        event="AID", mode=None, context=(), cameo=cameo, penta_class=2, quad_class=2,
        goldstein=7.0, trigger=Span(trigger, start, start + len(trigger)),
        actor=(Entity(actor, actor, actor, None, 0, len(actor)),),
        recipient=(Entity(recipient, recipient, recipient, None, 0, len(recipient)),),
        quantities=quantities, date=date, rule=rule, hedged=hedged)


def test_period_comes_from_the_event_date() -> None:
    rules = load_flow_rules()
    text = "AAA supplied BBB with rifles."
    dated = _event("072", text, "supplied", "AAA", "BBB",
                   date=DateRef("between 2016 and 2020", "2016/2020", "period"))
    undated = _event("072", text, "supplied", "AAA", "BBB")
    assert [f.period for f in flows_of(dated, rules)] == ["2016/2020"]
    assert [f.period for f in flows_of(undated, rules)] == [None]
    # an undated report of a dated flow joins it; two dates stay apart
    other = replace(dated, n=1, date=DateRef("in 2021", "2021", "year"))
    flows = build_system([dated, replace(undated, n=2), other]).flows
    assert sorted((f.period, f.evidence) for f in flows) == [
        ("2016/2020", ("d:0:0", "d:0:2")), ("2021", ("d:0:1",))]


def test_the_same_flow_from_two_reports_is_one_flow_with_both() -> None:
    text = "AAA supplied BBB with rifles."
    first = _event("072", text, "supplied", "AAA", "BBB", hedged=True, n=0)
    second = _event("072", text, "supplied", "AAA", "BBB", hedged=False, n=1)
    system = build_system([first, second])
    assert len(system.flows) == 1
    assert system.flows[0].evidence == ("d:0:0", "d:0:1")
    assert not system.flows[0].hedged  # one report is firm


def test_a_general_report_joins_the_specific_goods_of_its_pair() -> None:
    general = _event("072", "AAA shipped weapons to BBB.", "shipped", "AAA", "BBB", n=0)
    specific = _event("072", "AAA supplied BBB with rifles and tanks.", "supplied", "AAA",
                      "BBB", n=1)
    flows = build_system([general, specific]).flows
    assert sorted((f.category, f.evidence) for f in flows) == [
        ("armour", ("d:0:1", "d:0:0")), ("small arms", ("d:0:1", "d:0:0"))]
    other_pair = _event("072", "AAA shipped weapons to CCC.", "shipped", "AAA", "CCC", n=2)
    flows = build_system([general, specific, other_pair]).flows
    assert ("AAA", "CCC", None) in {(f.supplier, f.recipient, f.category) for f in flows}


def test_different_shares_stay_apart() -> None:
    text = "AAA buys 40% of its oil from BBB."
    a = _event("061", text, "buys", "AAA", "BBB", rule="lexicon:cooperate.buy.v",
               quantities=(Quantity("40%", 40.0, "percent", "share"),))
    b = _event("061", text, "buys", "AAA", "BBB", rule="lexicon:cooperate.buy.v", n=1,
               quantities=(Quantity("60%", 60.0, "percent", "share"),))
    flows = build_system([a, b]).flows
    assert sorted((f.supplier, f.recipient, f.share) for f in flows) == [
        ("BBB", "AAA", 40.0), ("BBB", "AAA", 60.0)]


def test_commodity_file_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "commodities.jsonl"
    bad.write_text('{"id": "x", "commodity": "arms", "category": null, "terms": ["Tanks"]}\n',
                   encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("commodities.jsonl:1: term 'Tanks' is not "
                                                  "lower case")):
        load_flow_rules(commodities=bad)


def test_flow_verb_must_name_a_lexicon_entry(tmp_path: Path) -> None:
    bad = tmp_path / "flow_verbs.jsonl"
    bad.write_text('{"rule": "cooperate.barter.v", "direction": "inbound"}\n',
                   encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("flow_verbs.jsonl:1: rule "
                                                  "'cooperate.barter.v' is not a lexicon "
                                                  "entry id")):
        load_flow_rules(verbs=bad)

"""Quantities on events: numbers read from the parse around a trigger, with their kind
(dead, injured, arrested, displaced, money, share, count), and their scoring on the
project's gold set. The sentences are written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dyads.eval.project_gold import GoldEvent, GoldItem, _Score, read_gold
from dyads.eval.result import SetResult
from dyads.events.quantities import event_quantities
from dyads.models import Event, Quantity, Sentence, Span
from dyads.nlp import load_model

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model("", ner=False)


def quantities(nlp: Language, text: str, trigger: str, cameo: str = "190",
               event: str | None = "ASSAULT") -> list[tuple[str, float, str | None]]:
    return [(q.kind, q.value, q.unit) for q in found(nlp, text, trigger, cameo, event)]


def found(nlp: Language, text: str, trigger: str, cameo: str = "190",
          event: str | None = "ASSAULT") -> tuple[Quantity, ...]:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return event_quantities(token, event, cameo)


# ----------------------------------------------------------------------------- kinds
def test_a_participle_clause_gives_the_dead_with_its_words(nlp: Language) -> None:
    got = found(nlp, "Artillery shelled a market town in the north, killing at least 23 "
                     "shoppers.", "shelled")
    assert got == (Quantity("at least 23 shoppers", 23.0, None, "dead"),)


def test_a_participle_clause_gives_the_injured(nlp: Language) -> None:
    assert quantities(nlp, "Coast guard vessels rammed a fishing trawler, injuring four "
                           "crew members.", "rammed") == [("injured", 4.0, None)]


def test_dead_and_injured_in_coordinated_participles(nlp: Language) -> None:
    assert quantities(nlp, "A car bomb exploded at a checkpoint, killing 6 police officers "
                           "and wounding 19 others.", "exploded") == [
        ("dead", 6.0, None), ("injured", 19.0, None)]


def test_passive_subject_of_a_killing(nlp: Language) -> None:
    got = found(nlp, "Three aid workers were killed by militia fighters outside Goma.",
                "killed")
    assert got == (Quantity("Three aid workers", 3.0, None, "dead"),)


def test_a_noun_trigger_takes_the_toll_of_the_verb_it_is_subject_of(nlp: Language) -> None:
    assert quantities(nlp, "The raid left 9 people dead.", "raid") == [("dead", 9.0, None)]
    assert quantities(nlp, "The offensive displaced roughly 90,000 villagers.",
                      "offensive") == [("displaced", 90000.0, None)]


def test_held_people_are_arrested_only_on_an_arrest_event(nlp: Language) -> None:
    text = "Security forces detained 45 students after the march."
    assert quantities(nlp, text, "detained", "173", "COERCE") == [("arrested", 45.0, None)]
    assert quantities(nlp, text, "detained", "190", "ASSAULT") == [("count", 45.0, None)]


def test_passive_arrest(nlp: Language) -> None:
    assert quantities(nlp, "Eleven activists were arrested by riot police in the capital.",
                      "arrested", "173", "COERCE") == [("arrested", 11.0, None)]


def test_those_who_fled_are_displaced(nlp: Language) -> None:
    assert quantities(nlp, "Nearly 4,000 residents fled the shelling.", "fled") == [
        ("displaced", 4000.0, None)]


def test_people_sent_or_deported_are_counted(nlp: Language) -> None:
    assert quantities(nlp, "The junta freed twelve political detainees.", "freed", "0841",
                      "RETREAT") == [("count", 12.0, None)]
    assert quantities(nlp, "Kenya repatriated 63 stranded migrants by charter flight.",
                      "repatriated", "0841", "RETREAT") == [("count", 63.0, None)]


def test_a_complement_clause_belongs_to_the_event(nlp: Language) -> None:
    assert quantities(nlp, "Ghana offered to deploy 800 police officers to the mission.",
                      "offered", "030", "AGREE") == [("count", 800.0, None)]


# ----------------------------------------------------------------------------- money, shares
def test_money_with_multipliers_and_currencies(nlp: Language) -> None:
    cases = [
        ("Tokyo lent Manila $850 million for a rail line.", "lent", 850e6, "USD"),
        ("Brussels pledged 1.2 billion euros in reconstruction aid.", "pledged", 1.2e9, "EUR"),
        ("The fund approved a US$3.4 billion loan for the island.", "approved", 3.4e9, "USD"),
        ("The bloc released €250m in frozen funds to the interim government.", "released",
         250e6, "EUR"),
        ("The lender disbursed $2bn to the treasury.", "disbursed", 2e9, "USD"),
    ]
    for text, trigger, value, unit in cases:
        assert quantities(nlp, text, trigger, "071", "AID") == [("money", value, unit)], text


def test_money_text_keeps_the_sign(nlp: Language) -> None:
    got = found(nlp, "Tokyo lent Manila $850 million for a rail line.", "lent", "071", "AID")
    assert [q.text for q in got] == ["$850 million"]


def test_shares_in_every_spelling(nlp: Language) -> None:
    cases = [
        ("The government raised the export levy on cobalt to 35 percent.", "raised", 35.0),
        ("The emirate supplies 60% of the kingdom's gas.", "supplies", 60.0),
        ("Parliament cut the subsidy by 12 per cent.", "cut", 12.0),
        ("The ministry threatened to impose 80 percent duties on imported steel.",
         "threatened", 80.0),
    ]
    for text, trigger, value in cases:
        assert quantities(nlp, text, trigger, "163", "SANCTION") == [
            ("share", value, "percent")], text


# ----------------------------------------------------------------------------- words for numbers
def test_words_for_numbers(nlp: Language) -> None:
    assert quantities(nlp, "Rebels seized twenty-one lorries on the highway.", "seized",
                      "171", "COERCE") == [("count", 21.0, None)]
    assert quantities(nlp, "The navy intercepted a dozen smuggling boats.", "intercepted",
                      "171", "COERCE") == [("count", 12.0, None)]
    assert quantities(nlp, "Poland admitted more than a million fleeing civilians last "
                           "winter.", "admitted", "073", "AID") == [("count", 1e6, None)]


def test_vague_numbers_are_skipped(nlp: Language) -> None:
    assert quantities(nlp, "Police detained hundreds of protesters outside parliament.",
                      "detained", "173", "COERCE") == []
    assert quantities(nlp, "The emir pardoned several thousand inmates at the festival.",
                      "pardoned", "081", "CONCEDE") == []


# ----------------------------------------------------------------------------- not quantities
@pytest.mark.parametrize(("text", "trigger"), [
    ("Police arrested protesters in 2021.", "arrested"),  # a year
    ("The tribunal revisited 1994 massacres in the region.", "revisited"),  # a year
    ("The ministry suspended the treaty for six months.", "suspended"),  # a duration
    ("Soldiers detained a 16-year-old boy near the fence.", "detained"),  # an age
    ("The rebels attacked the convoy on 14 June.", "attacked"),  # a date
    ("The militia abducted a nurse at 4 a.m. on Friday.", "abducted"),  # a time
    ("The regime hanged its second dissident this spring.", "hanged"),  # an ordinal
    ("Police detained reporters from France 24 outside the court.", "detained"),  # a name
    ("No one was hurt when the drone struck the depot.", "hurt"),  # 'no one'
    ("Soldiers burned the village after 30 rebels attacked a convoy.", "burned"),  # another
    ("The two governments signed a trade pact in 1998.", "signed"),  # known parties
])
def test_not_a_quantity(nlp: Language, text: str, trigger: str) -> None:
    assert quantities(nlp, text, trigger, "173", "COERCE") == []


def test_a_number_in_another_event_is_left_to_it(nlp: Language) -> None:
    text = "Gunmen stormed a bus depot and later Kabul deported 70 suspects."
    assert quantities(nlp, text, "stormed") == []
    assert quantities(nlp, text, "deported", "174", "COERCE") == [("count", 70.0, None)]


# ----------------------------------------------------------------------------- scoring
def _event(category: str, quantities: tuple[Quantity, ...]) -> Event:
    sentence = Sentence("d", 0, 0, 10, "x")
    return Event(doc_id="d", sentence_index=0, n=0, sentence=sentence, event=category,
                 mode=None, context=(), cameo="190", penta_class=4, quad_class=4,
                 goldstein=-10.0, trigger=Span("x", 0, 1), actor=(), recipient=(),
                 quantities=quantities)


def test_gold_quantities_are_read() -> None:
    events = [e for item in read_gold() for e in item.events if e.quantities]
    assert len(events) >= 50
    assert all(kind and value > 0 for e in events for kind, value in e.quantities)


def test_quantities_are_scored_as_kind_value_pairs_on_matched_events() -> None:
    gold = GoldEvent("ASSAULT", "190", frozenset({"RUS"}), frozenset({"UKR"}), "actual",
                     False, False, (("dead", 8.0), ("injured", 3.0)))
    item = GoldItem("q1", "x", ("quantity",), (gold,))
    predicted = _event("ASSAULT", (Quantity("8 people", 8.0, None, "dead"),
                                   Quantity("3", 3.0, None, "count")))
    score = _Score()
    score.add(item, [predicted], SetResult("project_gold", "t", "p", 1))
    figures = {f.key: f.value for f in score.figures([item], baselines=False)}
    assert figures["quantity_precision"] == pytest.approx(0.5)
    assert figures["quantity_recall"] == pytest.approx(0.5)
    assert figures["quantity_f1"] == pytest.approx(0.5)

"""Each participant carries the whole noun phrase that fills its role (``phrase``)."""

from __future__ import annotations

import pytest

from dyads.eval.sets import _event_triples
from dyads.models import Entity, Event, Sentence, Span
from dyads.pipeline import Pipeline

from .conftest import code


def _phrases(role: list[dict[str, object]]) -> list[object]:
    return [e["phrase"]["text"] if e["phrase"] else None for e in role]  # type: ignore[index]


def test_phrase_keeps_titles_and_drops_clauses(pipeline: Pipeline) -> None:
    text = ("The ambassadors of Chile and Peru, who landed on Monday, met the Bolivian "
            "president on Tuesday.")
    (event,) = code(pipeline, text)
    assert _phrases(event["actor"]) == ["The ambassadors of Chile and Peru"] * 2
    assert _phrases(event["recipient"]) == ["the Bolivian president"]
    phrase = event["actor"][0]["phrase"]
    assert text[phrase["start"]:phrase["end"]] == phrase["text"]


def test_phrase_keeps_a_closing_bracket(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Amnesty International (AI) condemned Egypt over the arrests.")
    assert _phrases(event["actor"]) == ["Amnesty International (AI)"]


@pytest.mark.parametrize("dateline", [
    "LIMA, Oct. 4 (Andes Wire) - ",
    "QUITO (Andes Wire) - ",
    "LA PAZ, Oct. 4 - ",
    "SANTIAGO \u2014 ",
])
def test_a_dateline_is_not_part_of_the_subjects_phrase(pipeline: Pipeline,
                                                       dateline: str) -> None:
    text = dateline + "Peru and Ecuador signed a border agreement with Bolivia."
    events = code(pipeline, text)
    assert events
    assert set(_phrases(events[0]["actor"])) == {"Peru and Ecuador"}


def test_a_hyphen_after_capitals_is_no_dateline(pipeline: Pipeline) -> None:
    (event, *_) = code(pipeline, "NATO - led forces attacked Taliban positions in Helmand.")
    assert _phrases(event["actor"])[0].startswith("NATO")


def test_group_coded_from_context_has_its_phrase(pipeline: Pipeline) -> None:
    events = code(pipeline, "Kenyan police dispersed hundreds of striking teachers.")
    recipients = [r for e in events for r in e["recipient"]]
    assert recipients and recipients[0]["code"].startswith("KEN")
    assert recipients[0]["phrase"]["text"].endswith("teachers")


def _entity(code: str, start: int) -> Entity:
    return Entity(code, code, code, None, start, start + 3)


def test_petrarch_reads_a_joint_act_as_reciprocal_pairs() -> None:
    sentence = Sentence("d", 0, 0, 20, "Chile and Peru met.")
    joint = Event("d", 0, 0, sentence, "CONSULT", None, (), "040", 1, 1, 1.0,
                  Span("met", 15, 18), (_entity("CHL", 0), _entity("PER", 10)), ())
    assert sorted(_event_triples([joint])) == [("CHL", "PER", "040"), ("PER", "CHL", "040")]
    one = Event("d", 0, 0, sentence, "CONSULT", None, (), "040", 1, 1, 1.0,
                Span("met", 15, 18), (_entity("CHL", 0),), ())
    assert _event_triples([one]) == []


def _named(code: str, start: int) -> Entity:
    return Entity(code, code, code, None, start, start + 3,
                  phrase=Span(code, start, start + 3))


def _act(cameo: str, recipient: Entity, *, negated: bool = False) -> Event:
    sentence = Sentence("d", 0, 0, 20, "Chile met Peru.")
    return Event("d", 0, 0, sentence, "CONSULT", None, (), cameo, 1, 1, 1.0,
                 Span("met", 6, 9), (_named("CHL", 0),), (recipient,), negated=negated)


def test_petrarch_reads_a_mutual_act_both_ways() -> None:
    # 'Chile met Peru' is coded by PETRARCH as CHL->PER and PER->CHL
    assert sorted(_event_triples([_act("040", _named("PER", 10))])) == [
        ("CHL", "PER", "040"), ("PER", "CHL", "040")]
    assert sorted(_event_triples([_act("0431", _named("PER", 10))])) == [
        ("CHL", "PER", "0431"), ("PER", "CHL", "0431")]
    # signing is one way; a criticism is not mutual; a denied meeting is not read back
    assert _event_triples([_act("057", _named("PER", 10))]) == [("CHL", "PER", "057")]
    assert _event_triples([_act("111", _named("PER", 10))]) == [("CHL", "PER", "111")]
    assert _event_triples([_act("040", _named("PER", 10), negated=True)]) == [
        ("CHL", "PER", "040")]
    # a recipient coded from context (no phrase in the text) is not made an actor
    assert _event_triples([_act("040", _entity("PER", 10))]) == [("CHL", "PER", "040")]


@pytest.mark.parametrize(("text", "trigger", "target"), [
    # What a request, a proposal or a protest is about or for says no more of who or what
    # the act is done to.
    ("Uruguay rejected a proposal for joint patrols on the river.", "rejected",
     "a proposal"),
    ("Chile refused a request about the mining contracts.", "refused", "a request"),
    ("Bolivian police dispersed protests against the new water tariffs.", "dispersed",
     "protests"),
    # An owner still belongs to the phrase.
    ("Kenya rejected an offer from Uganda.", "rejected", "an offer from Uganda"),
])
def test_phrase_leaves_out_what_a_noun_is_about(pipeline: Pipeline, text: str, trigger: str,
                                                target: str) -> None:
    events = [e for e in code(pipeline, text) if e["trigger"]["text"] == trigger]
    assert events, f"no event on {trigger!r} in {text!r}"
    assert events[0]["target"]["text"] == target  # type: ignore[index]


def test_a_title_keeps_its_prepositions(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Chile's Minister for Foreign Affairs met the Peruvian "
                              "president.")
    assert _phrases(event["actor"]) == ["Chile's Minister for Foreign Affairs"]


def test_coordinated_recipients_each_have_their_own_phrase(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Ghana closed its borders with Togo, Benin and Niger.")
    assert _phrases(event["recipient"]) == ["Togo", "Benin", "Niger"]
    # joint actors share the coordination that names them together
    (event,) = code(pipeline, "Chile and Peru expelled the Bolivian and Ecuadorian envoys.")
    assert _phrases(event["actor"]) == ["Chile and Peru"] * 2
    # one phrase whose modifiers name two states stays whole
    assert _phrases(event["recipient"]) == ["the Bolivian and Ecuadorian envoys"] * 2

"""Each event carries its ``target``: what it is done to, whether or not the words name an
actor, which the ConfliBERT role scorer reads when no recipient is named."""

from __future__ import annotations

import pytest

from dyads.eval.sets import _recipient_extents, _role_extents
from dyads.models import Entity, Event, Sentence, Span
from dyads.pipeline import Pipeline

from .conftest import code

CASES = [
    # People and things no dictionary codes: the object of the verb.
    ("Chile released two aid workers on Friday.", "released", "two aid workers"),
    ("Peru shelled an abandoned lighthouse.", "shelled", "an abandoned lighthouse"),
    # The entry's slot, not the first object: what is granted goes to someone.
    ("Ecuador granted asylum to a dissident blogger.", "granted", "a dissident blogger"),
    # A passive's subject is what the act is done to.
    ("A local shopkeeper was tortured by Bolivian police.", "tortured",
     "A local shopkeeper"),
    # A threat's target is its complement's object.
    ("Bolivia threatened to shell the radio mast.", "threatened", "the radio mast"),
    # The object that names the sense is no target; the clause it opens says what about.
    ("Peru expressed pessimism that the mining company would pay the fines.", "expressed",
     "the mining company"),
    # The phrase the recipient was found in.
    ("Kenya rejected an offer from Uganda.", "rejected", "an offer from Uganda"),
    # The charge is no part of the accused's phrase.
    ("Oxfam accused the Ruritanian police of abuses against migrants.", "accused",
     "the Ruritanian police"),
    # A state of emergency or a blockade is laid on the area it covers.
    ("Laos lifted the state of emergency in three southern provinces.", "lifted",
     "three southern provinces"),
    ("Chad imposed a blockade around the rebel-held town of Faya.", "blockade",
     "the rebel-held town of Faya"),
    # An act that holds over an area, with nothing else named, is done to the area.
    ("The Moro rebels declared a ceasefire in the southern provinces on Monday.",
     "ceasefire", "the southern provinces"),
    ("Chadian troops remained on alert in the border region.", "alert", "the border region"),
    # An activity over an area is done to the area.
    ("Ghana agreed to a truce in the northern districts.", "agreed", "the northern districts"),
    # What sympathy or concern is expressed over.
    ("Ghana expressed condolences over the floods in the north.", "expressed",
     "the floods in the north"),
    ("Kenya expressed concern regarding the new mining law.", "expressed",
     "the new mining law"),
    # ... also when the area hangs from what the activity is of.
    ("Ghana is ready to contribute to the stabilisation of the situation in Togo.",
     "contribute", "Togo"),
    ("Nepal agreed to an extension of the monitoring mission in Bhutan.", "agreed",
     "Bhutan"),
    # A sum of money is what is given, not what an aid event is done to: the purpose
    # clause says who gains.
    ("Norway provided 4 million euros to support schools for displaced children.",
     "provided", "schools"),
    # Words of why or how are no part of the target's phrase.
    ("Mexico granted asylum to a Bolivian activist in virtue of the urgent situation.",
     "granted", "a Bolivian activist"),
    # A ranking apposition describes; it is no part of the target's name.
    ("Peru shelled Tacna, the third largest town in the south.", "shelled", "Tacna"),
    # What a claim of responsibility is for.
    ("Chadian rebels claimed responsibility for the ambush near the border.", "claimed",
     "the ambush near the border"),
]


def _event(pipeline: Pipeline, text: str, trigger: str) -> dict[str, object]:
    events = [e for e in code(pipeline, text) if e["trigger"]["text"] == trigger]
    assert events, f"no event on {trigger!r} in {text!r}"
    return events[0]


@pytest.mark.parametrize(("text", "trigger", "target"), CASES)
def test_target_is_what_the_event_is_done_to(pipeline: Pipeline, text: str, trigger: str,
                                             target: str) -> None:
    event = _event(pipeline, text, trigger)
    found = event["target"]
    assert isinstance(found, dict) and found["text"] == target
    assert text[found["start"]:found["end"]] == target


def test_no_target_when_nothing_is_acted_on(pipeline: Pipeline) -> None:
    event = _event(pipeline, "The Chilean president resigned.", "resigned")
    assert event["target"] is None


def test_a_date_is_no_target_nor_part_of_a_phrase(pipeline: Pipeline) -> None:
    event = _event(pipeline, "The Peruvian president on Sunday met Chilean officials.", "met")
    assert event["actor"][0]["phrase"]["text"] == "The Peruvian president"
    event = _event(pipeline, "Chilean troops surrendered on Friday.", "surrendered")
    assert event["target"] is None


def test_a_measure_laid_on_someone_names_the_recipient(pipeline: Pipeline) -> None:
    event = _event(pipeline, "Japan lifted the sanctions imposed on Peru.", "lifted")
    assert [r["code"] for r in event["recipient"]] == ["PER"]


def _scored(recipient: tuple[Entity, ...], target: Span | None) -> list[tuple[int, int]]:
    sentence = Sentence("d", 0, 0, 40, "Chile released two workers in Peru.")
    event = Event("d", 0, 0, sentence, "RETREAT", None, (), "0841", 1, 2, 4.0,
                  Span("released", 6, 14), (Entity("Chile", "CHL", "CHL", None, 0, 5),),
                  recipient, target=target)
    return _recipient_extents(event)


def test_conflibert_reads_the_target_when_no_recipient_is_named() -> None:
    target = Span("two workers", 15, 26)
    assert _scored((), target) == [(15, 26)]
    place = Entity("Peru", "PER", "PER", None, 30, 34, source="context:place")
    assert _scored((place,), target) == [(15, 26)]
    assert _scored((place,), None) == [(30, 34)]
    named = Entity("Peru", "PER", "PER", None, 30, 34, phrase=Span("Peru", 30, 34))
    assert _scored((named,), target) == [(30, 34)]


def test_conflibert_reads_a_resolved_pronoun_at_its_antecedent() -> None:
    pronoun = Entity("it", "PER", "PER", None, 30, 32, source="coreference:it",
                     antecedent=Span("Peru", 0, 4))
    assert _scored((pronoun,), Span("two workers", 15, 26)) == [(0, 4)]


def test_conflibert_reads_both_parties_of_a_mutual_act_in_both_roles() -> None:
    sentence = Sentence("d", 0, 0, 20, "Chile met Peru.")
    chile = Entity("Chile", "CHL", "CHL", None, 0, 5, phrase=Span("Chile", 0, 5))
    peru = Entity("Peru", "PER", "PER", None, 10, 14, phrase=Span("Peru", 10, 14))

    def roles(cameo: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        event = Event("d", 0, 0, sentence, None, None, (), cameo, 1, 1, 1.0,
                      Span("met", 6, 9), (chile,), (peru,))
        return _role_extents(event)

    assert roles("040") == ([(0, 5), (10, 14)], [(10, 14), (0, 5)])
    assert roles("057") == ([(0, 5), (10, 14)], [(10, 14), (0, 5)])
    assert roles("045") == ([(0, 5)], [(10, 14)])  # a mediator is not a party
    assert roles("190") == ([(0, 5)], [(10, 14)])


def test_conflibert_does_not_read_a_recipient_coded_from_the_actors_country() -> None:
    # 'Chilean miners called off their strike': the recipient (the miners' own state) is
    # named nowhere; its offsets are the trigger's, which is no recipient.
    domestic = Entity("called", "CHL", "CHL", None, 15, 21, source="context:actor's country")
    assert _scored((domestic,), None) == []
    assert _scored((domestic,), Span("two workers", 15, 26)) == [(15, 26)]


def test_a_noun_event_given_to_someone_names_them(pipeline: Pipeline) -> None:
    # 'gave Peru a warning' is 'gave a warning to Peru'
    event = _event(pipeline, "Chile gave Peru a stern warning on Monday.", "warning")
    assert [r["code"] for r in event["recipient"]] == ["PER"]


def test_a_thing_the_doer_owns_is_no_target(pipeline: Pipeline) -> None:
    # what the doer acts with, not on
    event = _event(pipeline, "Ghana offered its condolences over the floods.", "offered")
    assert event["target"] is None


def test_a_nouns_by_phrase_is_its_doer_not_its_target(pipeline: Pipeline) -> None:
    # and what the event did, when it is the subject of a verb of its own, is its target
    event = _event(pipeline, "A roadside bombing by Chadian rebels killed 12 villagers "
                             "near the border.", "bombing")
    assert [a["code"] for a in event["actor"]] == ["TCDREB"]
    assert event["recipient"] == []
    assert event["target"]["text"] == "12 villagers"


def test_what_is_fired_is_the_weapon_not_the_target(pipeline: Pipeline) -> None:
    event = _event(pipeline, "Chilean police fired tear gas to break up the protests.",
                   "fired")
    assert event["target"]["text"] == "the protests"
    event = _event(pipeline, "The shells fired by the Chilean army hit a fuel depot in the "
                             "valley.", "fired")
    assert event["target"]["text"] == "a fuel depot"


def test_the_doers_own_troops_withdrawn_are_not_its_recipient(pipeline: Pipeline) -> None:
    event = _event(pipeline, "Sudan withdrew its troops from the disputed zone.", "withdrew")
    assert event["recipient"] == []
    assert event["target"]["text"] == "the disputed zone"
    # a state named where they leave is
    event = _event(pipeline, "Sudan withdrew its troops from Chad.", "withdrew")
    assert [r["code"] for r in event["recipient"]] == ["TCD"]


def test_a_mobilised_force_is_the_doers_own_not_its_recipient(pipeline: Pipeline) -> None:
    event = _event(pipeline, "Chile mobilized the reserve troops on Monday.", "mobilized")
    assert event["recipient"] == []
    event = _event(pipeline, "Chile deployed 300 troops to the border region.", "deployed")
    assert event["recipient"] == []


def test_an_invitation_to_meet_with_someone_names_them(pipeline: Pipeline) -> None:
    event = _event(pipeline, "Chile has accepted an invitation to meet with Peru's "
                             "president.", "accepted")
    assert [r["code"] for r in event["recipient"]] == ["PERGOV"]


def test_both_governments_are_the_parties_told_of_not_the_actors_own(
        pipeline: Pipeline) -> None:
    events = code(pipeline, "Chile and Peru clashed at the border on Monday. Brazil urged "
                            "both governments to resume talks.")
    urged = [e for e in events if e["trigger"]["text"] == "urged"]
    # not Brazil's own government (a self-dyad), and not an unknown third party
    assert urged and all(r["code"][:3] != "BRA" for r in urged[0]["recipient"])
    assert not any(a["entity_text"] == "both governments" for e in events
                   for a in e["actor"])

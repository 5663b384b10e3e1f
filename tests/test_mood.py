"""Auxiliaries and conditions set an act's modality: future acts are intended, possible or
conditional ones hypothetical."""

from __future__ import annotations

import pytest

from dyads.pipeline import Pipeline

from .conftest import code


@pytest.mark.parametrize(("text", "modality"), [
    ("Norway will send two frigates to the Baltic Sea next month.", "intended"),
    ("Ghana said it would expel the Togolese envoy.", "intended"),
    ("Kenya could expel the Somali ambassador if the border dispute worsens.",
     "hypothetical"),
    ("Peru might impose tariffs on Chilean fruit.", "hypothetical"),
    ("A Turkish blockade of Cyprus would cripple the island's trade.", "hypothetical"),
    ("Norway sent two frigates to the Baltic Sea on Monday.", "actual"),
    ("Ghana is about to expel the Togolese envoy.", "intended"),
])
def test_auxiliaries_and_conditions_set_modality(pipeline: Pipeline, text: str,
                                                 modality: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert events[0]["modality"] == modality


def test_a_threat_stays_threatened_under_its_condition(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Egypt threatened to close its airspace to Ethiopian "
                              "flights unless the dam talks resumed.")
    assert event["modality"] == "threatened"


@pytest.mark.parametrize("text", [
    "Nigeria will withdraw its troops from Mali unless the junta holds elections.",
    "Chile would expel the Peruvian consul unless Lima apologised.",
])
def test_a_future_act_unless_another_complies_is_a_threat(pipeline: Pipeline,
                                                          text: str) -> None:
    # an ultimatum: the act is threatened, not merely hypothetical
    events = code(pipeline, text)
    assert events, text
    assert events[0]["modality"] == "threatened"
    # 'if' leaves it hypothetical
    events = code(pipeline, text.replace(" unless ", " if "))
    assert events[0]["modality"] == "hypothetical"


def test_plover_reads_intended_and_refused_acts_as_its_coders_do(pipeline: Pipeline) -> None:
    from dyads import code_text
    from dyads.eval.sets import plover_category

    def category(text: str) -> str | None:
        events = code_text(text, pipeline)
        assert events, text
        return plover_category(events[0])

    assert category("Norway will impose sanctions on Belarus next month.") == "THREATEN"
    assert category("Norway will donate vaccines to Malawi next month.") == "AGREE"
    assert category("Norway refused to donate vaccines to Malawi.") == "REJECT"
    assert category("Norway donated vaccines to Malawi.") == "AID"
    # an agreement not reached is refused, as a refused act is
    assert category("Norway and Sweden failed to reach agreement on fishing.") == "REJECT"
    assert category("Norway agreed to resume talks with Belarus.") == "AGREE"


def test_plover_reads_a_conditional_act_as_an_offer_or_a_threat(pipeline: Pipeline) -> None:
    from dyads import code_text
    from dyads.eval.sets import cameo_penta_class, plover_category

    threat = code_text("Norway may suspend talks with Belarus if the crackdown goes on.",
                       pipeline)[0]
    assert threat.modality == "hypothetical"
    assert plover_category(threat) == "THREATEN"
    assert cameo_penta_class(threat) == threat.penta_class  # CAMEO keeps the act's class
    offer = code_text("Norway would meet the Belarusian envoy if he came to Oslo.",
                      pipeline)[0]
    assert offer.modality == "hypothetical"
    assert plover_category(offer) == "AGREE"


@pytest.mark.parametrize("text", [
    "Ghana is said to have expelled the Togolese envoy.",
    "Kenya is believed to be about to expel the Somali ambassador.",
])
def test_a_passive_verb_of_saying_hedges_the_act_it_raises(pipeline: Pipeline,
                                                           text: str) -> None:
    events = code(pipeline, text)
    assert events, text
    assert events[0]["hedged"] is True
    assert events[0]["actor"][0]["code"][:3] in ("GHA", "KEN")


def test_a_subject_forced_to_act_is_the_actor(pipeline: Pipeline) -> None:
    (event,) = code(pipeline, "Ghana was forced to expel the Togolese envoy.")
    assert [a["code"] for a in event["actor"]] == ["GHA"]
    assert event["hedged"] is False

"""Coreference within a document: pronouns, descriptions and 'the former' take the code
of the earlier actor they stand for, keep their own offsets and name the antecedent."""

from __future__ import annotations

from typing import Any

from dyads.pipeline import Pipeline

from .conftest import code


def _roles(pipeline: Pipeline, text: str) -> list[tuple[Any, ...]]:
    out = []
    for r in code(pipeline, text, pub_date="2024-05-02"):
        out.append((r["cameo"], [(a["entity_text"], a["code"],
                                  a["antecedent"]["text"] if a["antecedent"] else None)
                                 for a in r["actor"]],
                    [(a["code"]) for a in r["recipient"]]))
    return out


def test_it_takes_the_earlier_state(pipeline: Pipeline) -> None:
    text = "Kenya closed its border with Somalia on Monday.\n\nIt accused Uganda of arming rebels."
    got = _roles(pipeline, text)
    assert got[-1][1] == [("It", "KEN", "Kenya")]
    assert got[-1][2] == ["UGA"]


def test_offsets_are_the_pronouns_own(pipeline: Pipeline) -> None:
    text = "Peru recalled its envoy. It accused Chile of spying."
    records = code(pipeline, text)
    actor = records[-1]["actor"][0]
    assert text[actor["start"]:actor["end"]] == "It"
    ante = actor["antecedent"]
    assert text[ante["start"]:ante["end"]] == "Peru"
    assert actor["source"].startswith("coreference:it>")


def test_they_prefers_a_plural_antecedent(pipeline: Pipeline) -> None:
    text = "Ghana hosted the talks. Malian soldiers crossed the border. They attacked Burkina Faso."
    assert _roles(pipeline, text)[-1][1] == [("They", "MLIMIL", "Malian")]


def test_the_country_and_the_government(pipeline: Pipeline) -> None:
    text = ("The Bolivian government criticised the plan.\n\n"
            "The country recalled its ambassador from Brazil.")
    assert _roles(pipeline, text)[-1][1] == [("The country", "BOL", "Bolivian")]
    text = "Chad criticised the plan. The government expelled two Libyan diplomats."
    assert _roles(pipeline, text)[-1][1] == [("The government", "TCDGOV", "Chad")]


def test_the_former_and_the_latter(pipeline: Pipeline) -> None:
    text = "Norway and Sweden signed a fishing pact. The former later threatened Iceland."
    assert _roles(pipeline, text)[-1][1] == [("The former", "NOR", "Norway")]
    text = "Norway and Sweden signed a fishing pact. The latter later threatened Iceland."
    assert _roles(pipeline, text)[-1][1] == [("The latter", "SWE", "Sweden")]


def test_never_the_other_participant(pipeline: Pipeline) -> None:
    # 'its' cannot be Peru itself, the accused: it is Chile, the accuser.
    text = "Chile accused Peru of violating its airspace."
    records = code(pipeline, text)
    assert records and records[0]["actor"][0]["code"] == "CHL"


def test_unresolved_pronoun_gives_no_event(pipeline: Pipeline) -> None:
    assert code(pipeline, "It accused Chile of spying.") == []
    # Antecedents do not cross documents.
    assert code(pipeline, "They attacked Colombia.") == []


def test_a_pronoun_for_an_unknown_person_is_not_given_a_state(pipeline: Pipeline) -> None:
    # 'she' is Maria Lopez, whom the recogniser finds and no dictionary codes: the
    # accusation is not that of Nikol Pashinyan, the only person the dictionaries know
    # (without the recogniser, 'she' would be resolved to him).
    text = ("Nikol Pashinyan met Maria Lopez on Monday. Maria Lopez said she accused "
            "Azerbaijan of theft.")
    assert [r["event"] for r in code(pipeline, text, "2024-05-02")] == ["CONSULT"]


def test_without_the_recogniser_the_known_person_is_taken(pipeline: Pipeline) -> None:
    from dataclasses import replace

    from dyads.pipeline import Pipeline as Loaded

    plain = Loaded(replace(pipeline.settings, ner=False), actors=pipeline.actors)
    text = ("Nikol Pashinyan met Maria Lopez on Monday. Maria Lopez said she accused "
            "Azerbaijan of theft.")
    assert [r["event"] for r in code(plain, text, "2024-05-02")] == ["CONSULT", "ACCUSE"]


def test_he_can_stand_for_an_office_named_by_its_noun(pipeline: Pipeline) -> None:
    # 'the Chilean president' is one person: 'his' and 'he' stand for the office.
    got = _roles(pipeline, "The Chilean president began his visit to Peru.")
    assert got == [("042", [("his", "CHLGOV", "Chilean")], ["PER"])]
    got = _roles(pipeline, "The Kenyan foreign minister said he would meet Somalia's "
                           "president.")
    assert [g[1][0][1] for g in got if g[0].startswith("04")] == ["KENGOV"]


def test_a_body_is_not_he(pipeline: Pipeline) -> None:
    got = _roles(pipeline, "The Chilean ministry said he would visit Peru.")
    assert not [g for g in got if g[0] == "042"]


def test_a_group_owned_by_a_pronoun_takes_its_owner_and_its_sector(
        pipeline: Pipeline) -> None:
    got = _roles(pipeline, "Ghana said its army had attacked Togo.")
    assert [(g[0][:2], g[1][0][1], g[2]) for g in got if g[0].startswith("19")] == [
        ("19", "GHAMIL", ["TGO"])]
    got = _roles(pipeline, "Ghana's president said his government backed Togo.")
    assert [g[1][0][1] for g in got if g[0] == "051"] == ["GHAGOV"]


def test_he_takes_a_person_named_by_a_title(pipeline: Pipeline) -> None:
    # 'the Chilean president' is one person, whom 'he' stands for, in the same sentence
    # or the next.
    text = "The Chilean president said he would visit Bolivia in March."
    assert _roles(pipeline, text) == [("042", [("he", "CHLGOV", "Chilean")], ["BOL"])]
    text = "The Kenyan foreign minister arrived in Addis Ababa. She met Ethiopian officials."
    assert _roles(pipeline, text)[-1][1] == [("She", "KENGOV", "Kenyan")]


def test_a_title_before_an_unknown_name_keeps_the_body(pipeline: Pipeline) -> None:
    # 'NATO Secretary-General Ana Ruiz': the recogniser's uncoded person is the titled
    # mention's, so 'she' is NATO's.
    text = "NATO Secretary-General Ana Ruiz said she would send observers to Moldova."
    assert [a[0] for a in _roles(pipeline, text)[0][1]] == ["she"]
    assert _roles(pipeline, text)[0][1][0][1] == "IGONAT"


def test_it_is_not_a_person_named_by_a_title(pipeline: Pipeline) -> None:
    # 'it' stands for the state, not for its president
    text = "Peru recalled its envoy. The Chilean president spoke. It accused Bolivia of spying."
    assert _roles(pipeline, text)[-1][1][0][1] == "PER"


def test_it_after_a_states_office_holder_is_the_state(pipeline: Pipeline) -> None:
    # 'it' cannot be the president; it is the state the possessive names
    events = code(pipeline, "Chile's president says it will begin a military operation "
                            "against Bolivian rebels.")
    (event,) = [e for e in events if e["trigger"]["text"] == "operation"]
    (actor,) = event["actor"]
    assert actor["code"] == "CHL" and actor["antecedent"]["text"] == "Chile"


def test_a_description_with_no_antecedent_is_the_group_of_its_place(
        pipeline: Pipeline) -> None:
    # nothing earlier for 'the authorities' to stand for: they are Lima's, Peru's
    (event,) = code(pipeline, "The authorities imposed a curfew in Lima.")
    (actor,) = event["actor"]
    assert actor["code"] == "PERGOV" and actor["source"] == "context:place"
    # with an earlier mention, coreference decides
    events = code(pipeline, "Chad's army entered Sudan. The army shelled rebel positions in "
                            "Darfur.")
    shelled = [e for e in events if e["trigger"]["text"] == "shelled"]
    assert [a["code"] for a in shelled[0]["actor"]] == ["TCDMIL"]
